/**
 * Layout of the 256-byte base-message text (UCS-2LE, two bytes per character, space padded),
 * for the four card types. The character at byte 248 (char 124) tells the type.
 * Offsets and lengths in bytes; the same table decodes (parser) and encodes (emulator).
 *
 * Resident ID card (居民身份证), marker ' ':
 *   0 name 30 | 30 gender 2 | 32 ethnicity 4 | 36 birth 16 | 52 address 70 | 122 idNumber 36 |
 *   158 issuer 30 | 188 validFrom 16 | 204 validTo 16 | 220 reserved 36 (incl. marker at 248)
 * HK/Macau/Taiwan residence permit (港澳台居民居住证), marker 'J':
 *   0 name 30 | 30 gender 2 | 32 reserved 4 | 36 birth 16 | 52 address 70 | 122 idNumber 36 |
 *   158 issuer 30 | 188 validFrom 16 | 204 validTo 16 | 220 passNumber 18 | 238 issueCount 4 |
 *   242 reserved 6 | 248 marker 2 | 250 reserved 6
 * Foreigner permanent residence card 2017 (外国人永久居留身份证), marker 'I':
 *   0 nameEnglish 120 | 120 gender 2 | 122 idNumber 30 | 152 nationality 6 | 158 name 30 |
 *   188 validFrom 16 | 204 validTo 16 | 220 birth 16 | 236 cardVersion 4 | 240 issuer 8 (authority code) |
 *   248 marker 2 | 250 reserved 6
 * Foreigner permanent residence card 2023 (新版外国人永久居留身份证), marker 'Y':
 *   0 name 30 | 30 gender 2 | 32 issueCount 4 | 36 birth 16 | 52 nameEnglish 70 (chars 1-35) |
 *   122 idNumber 36 | 158 reserved 30 | 188 validFrom 16 | 204 validTo 16 |
 *   220 nameEnglishMore 22 (chars 36-46) | 242 nationality 6 | 248 marker 2 | 250 previousNumberLink 6
 */

export type CardType = 'resident' | 'hk-mo-tw-permit' | 'foreign-permanent-2017' | 'foreign-permanent-2023';

export const CARD_TYPES: readonly CardType[] = ['resident', 'hk-mo-tw-permit', 'foreign-permanent-2017', 'foreign-permanent-2023'];

export const TEXT_BYTES = 256;
export const TYPE_MARKER_OFFSET = 248;

export const CARD_TYPE_MARKERS: Record<CardType, string> = {
  resident: ' ',
  'hk-mo-tw-permit': 'J',
  'foreign-permanent-2017': 'I',
  'foreign-permanent-2023': 'Y',
};

export type TextField =
  | 'name'
  | 'nameEnglish'
  | 'nameEnglishMore'
  | 'gender'
  | 'ethnicity'
  | 'birthDate'
  | 'address'
  | 'idNumber'
  | 'issuer'
  | 'validFrom'
  | 'validTo'
  | 'passNumber'
  | 'issueCount'
  | 'nationality'
  | 'cardVersion'
  | 'previousNumberLink';

export interface FieldSpan {
  field: TextField;
  offset: number;
  bytes: number;
}

const span = (field: TextField, offset: number, bytes: number): FieldSpan => ({ field, offset, bytes });

export const CARD_LAYOUTS: Record<CardType, readonly FieldSpan[]> = {
  resident: [
    span('name', 0, 30),
    span('gender', 30, 2),
    span('ethnicity', 32, 4),
    span('birthDate', 36, 16),
    span('address', 52, 70),
    span('idNumber', 122, 36),
    span('issuer', 158, 30),
    span('validFrom', 188, 16),
    span('validTo', 204, 16),
  ],
  'hk-mo-tw-permit': [
    span('name', 0, 30),
    span('gender', 30, 2),
    span('birthDate', 36, 16),
    span('address', 52, 70),
    span('idNumber', 122, 36),
    span('issuer', 158, 30),
    span('validFrom', 188, 16),
    span('validTo', 204, 16),
    span('passNumber', 220, 18),
    span('issueCount', 238, 4),
  ],
  'foreign-permanent-2017': [
    span('nameEnglish', 0, 120),
    span('gender', 120, 2),
    span('idNumber', 122, 30),
    span('nationality', 152, 6),
    span('name', 158, 30),
    span('validFrom', 188, 16),
    span('validTo', 204, 16),
    span('birthDate', 220, 16),
    span('cardVersion', 236, 4),
    span('issuer', 240, 8),
  ],
  'foreign-permanent-2023': [
    span('name', 0, 30),
    span('gender', 30, 2),
    span('issueCount', 32, 4),
    span('birthDate', 36, 16),
    span('nameEnglish', 52, 70),
    span('idNumber', 122, 36),
    span('validFrom', 188, 16),
    span('validTo', 204, 16),
    span('nameEnglishMore', 220, 22),
    span('nationality', 242, 6),
    span('previousNumberLink', 250, 6),
  ],
};

export type TextFields = Partial<Record<TextField, string>>;

export class CardLayoutError extends Error {
  override name = 'CardLayoutError';
}

/** The card type from the marker character; throws naming the marker when it is unknown. */
export function cardTypeOf(text: Uint8Array): CardType {
  if (text.length !== TEXT_BYTES) throw new CardLayoutError(`card text is ${text.length} bytes, expected ${TEXT_BYTES}`);
  const code = Buffer.from(text.buffer, text.byteOffset, text.byteLength).readUInt16LE(TYPE_MARKER_OFFSET);
  const marker = String.fromCharCode(code);
  const type = CARD_TYPES.find((t) => CARD_TYPE_MARKERS[t] === marker);
  if (!type) throw new CardLayoutError(`unknown card type marker U+${code.toString(16).toUpperCase().padStart(4, '0')} at offset ${TYPE_MARKER_OFFSET}`);
  return type;
}

/** Reads every field of the card's layout, trailing spaces and NULs removed. */
export function readTextFields(text: Uint8Array, type: CardType = cardTypeOf(text)): TextFields {
  const buf = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const out: TextFields = {};
  for (const { field, offset, bytes } of CARD_LAYOUTS[type]) {
    out[field] = buf.toString('utf16le', offset, offset + bytes).replace(/[\s\u0000]+$/u, '');
  }
  return out;
}

/** Writes fields into a 256-byte text block, space padded; throws naming a field that does not fit. */
export function writeTextFields(type: CardType, fields: TextFields): Buffer {
  const out = Buffer.alloc(TEXT_BYTES);
  for (let i = 0; i < TEXT_BYTES; i += 2) out.writeUInt16LE(0x20, i);
  out.writeUInt16LE(CARD_TYPE_MARKERS[type].charCodeAt(0), TYPE_MARKER_OFFSET);
  for (const { field, offset, bytes } of CARD_LAYOUTS[type]) {
    const value = fields[field] ?? '';
    if (/[^\u0000-\uffff]/u.test(value)) throw new CardLayoutError(`${field} has a character outside UCS-2`);
    const encoded = Buffer.from(value, 'utf16le');
    if (encoded.length > bytes) throw new CardLayoutError(`${field} is ${value.length} characters, at most ${bytes / 2} fit`);
    encoded.copy(out, offset);
  }
  return out;
}
