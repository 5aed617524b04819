/**
 * SAM module protocol of second-generation ID card readers (GA 467 / GA/T 467-2019).
 *
 * Frame (both directions): `AA AA AA 96 69 | LEN (2 bytes, big-endian) | BODY | XOR`
 * where LEN = BODY length + 1 (the checksum byte) and XOR covers the two LEN bytes and BODY.
 * Command body: CMD PARA. Response body: SW1 SW2 SW3 DATA... (SW1 SW2 are 00 00; SW3 decides).
 */

export const SAM_PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

/** Largest LEN we accept: a base message with fingerprint is 3 + 6 + 256 + 1024 + 1024 + 1 bytes. */
export const SAM_MAX_LEN = 4096;

export interface SamCommand {
  readonly name: string;
  readonly cmd: number;
  readonly para: number;
}

export const SAM_COMMANDS = {
  resetSam: { name: 'reset SAM', cmd: 0x10, para: 0xff },
  samStatus: { name: 'SAM status', cmd: 0x11, para: 0xff },
  samId: { name: 'SAM id', cmd: 0x12, para: 0xff },
  findCard: { name: 'find card', cmd: 0x20, para: 0x01 },
  selectCard: { name: 'select card', cmd: 0x20, para: 0x02 },
  readBase: { name: 'read base message', cmd: 0x30, para: 0x01 },
  readBaseWithFingerprint: { name: 'read base message with fingerprint', cmd: 0x30, para: 0x10 },
  readAppendedAddress: { name: 'read appended address', cmd: 0x30, para: 0x03 },
} as const satisfies Record<string, SamCommand>;

export type SamCommandKey = keyof typeof SAM_COMMANDS;

/** SW3 values of GA 467 and what they mean. */
export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noCard: 0x80,
  selectFailed: 0x81,
  readFailed: 0x41,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  unauthorised: 0x23,
  unknownError: 0x24,
  cardAuthFailed: 0x31,
  readerAuthFailed: 0x32,
  infoVerifyFailed: 0x33,
  unknownCardType: 0x40,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  itemEmpty: 0x91,
} as const;

export type Sw3Name = keyof typeof SW3 | 'unknown';

const SW3_DESCRIPTIONS: Record<number, string> = {
  0x90: 'ok',
  0x9f: 'card found',
  0x80: 'no card',
  0x81: 'select failed',
  0x41: 'read failed',
  0x10: 'reader saw a checksum error in the command',
  0x11: 'reader saw a length error in the command',
  0x21: 'command not understood by the reader',
  0x23: 'operation not authorised',
  0x24: 'unrecognised error in the reader',
  0x31: 'card failed to authenticate the reader',
  0x32: 'reader failed to authenticate the card',
  0x33: 'information verification failed',
  0x40: 'unknown card type',
  0x47: 'could not get a random number',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not authorised',
  0x91: 'no content for this item on the card',
};

const SW3_NAMES = new Map<number, Sw3Name>(Object.entries(SW3).map(([name, value]) => [value, name as Sw3Name]));

export function sw3Name(sw3: number): Sw3Name {
  return SW3_NAMES.get(sw3) ?? 'unknown';
}

export function describeSw3(sw3: number): string {
  const hex = sw3.toString(16).toUpperCase().padStart(2, '0');
  return `${SW3_DESCRIPTIONS[sw3] ?? 'unknown status'} (SW3 ${hex})`;
}

/** SW3 values that mean the SAM module itself is unusable (not a card problem). */
export function isSamFault(sw3: number): boolean {
  return sw3 === SW3.samSelfTestFailed || sw3 === SW3.samNotAuthorised || sw3 === SW3.unknownError;
}

/** Sizes in the reply to read base message (30 01): two 2-byte BE lengths, then text and photo. */
export const BASE_TEXT_BYTES = 256;
export const BASE_PHOTO_BYTES = 1024;
export const SAM_ID_BYTES = 16;
