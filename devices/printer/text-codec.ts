import iconv from 'iconv-lite';
import { UnencodableCharacterError } from './errors';
import { isCjkEncoding, type PrinterEncoding, type SingleByteCodePage, type UnencodablePolicy } from './profiles';

/**
 * How one character goes to the printer:
 * - `ascii`: one byte, printable in either mode;
 * - `cjk`: two bytes of the double-byte encoding, needs Chinese mode (`FS &`), two columns wide;
 * - `single`: one code page byte 0x80-0xFF, needs Chinese mode off (`FS .`), one column.
 */
export type CharacterMode = 'ascii' | 'cjk' | 'single';

export interface EncodedCharacter {
  mode: CharacterMode;
  bytes: Buffer;
  columns: 1 | 2;
}

export interface TextEncoding {
  encoding: PrinterEncoding;
  codePage: SingleByteCodePage;
  unencodable: UnencodablePolicy;
}

/**
 * Placeholder printed for a character the font lacks, under the `substitute` policy:
 * the white square □ (a 2-byte code in both GB18030 and Big5), or `?` on a Latin-only printer.
 */
export const SUBSTITUTE_CHARACTER: Record<PrinterEncoding, string> = {
  gb18030: '□',
  big5: '□',
  cp437: '?',
  cp858: '?',
};

const cache = new Map<string, EncodedCharacter | null>();

function isControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/** Two bytes printers' fonts actually hold: GB18030 minus its 4-byte codes; Big5 proper (A1-F9 leads, no HKSCS). */
function doubleByteCode(ch: string, encoding: 'gb18030' | 'big5'): Buffer | null {
  const bytes = iconv.encode(ch, encoding);
  if (bytes.length !== 2) return null;
  if (encoding === 'big5' && (bytes[0]! < 0xa1 || bytes[0]! > 0xf9)) return null;
  return bytes;
}

function singleByteCode(ch: string, codePage: SingleByteCodePage): Buffer | null {
  const bytes = iconv.encode(ch, codePage);
  if (bytes.length !== 1 || bytes[0]! < 0x80) return null; // iconv-lite writes '?' (0x3F) for unmapped
  return bytes;
}

/** The printer bytes for one character, or null when the printer cannot print it. */
export function encodeCharacter(ch: string, encoding: PrinterEncoding, codePage: SingleByteCodePage): EncodedCharacter | null {
  const key = `${encoding}/${codePage}/${ch}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const cp = ch.codePointAt(0)!;
  let result: EncodedCharacter | null = null;
  if (cp >= 0x20 && cp < 0x7f) {
    result = { mode: 'ascii', bytes: Buffer.from([cp]), columns: 1 };
  } else if (!isControl(cp)) {
    const dbcs = isCjkEncoding(encoding) ? doubleByteCode(ch, encoding) : null;
    if (dbcs) result = { mode: 'cjk', bytes: dbcs, columns: 2 };
    else {
      const sb = singleByteCode(ch, isCjkEncoding(encoding) ? codePage : encoding);
      if (sb) result = { mode: 'single', bytes: sb, columns: 1 };
    }
  }
  if (cache.size < 10_000) cache.set(key, result);
  return result;
}

/**
 * Each character of `text` as the printer will receive it. A tab becomes a space; other control
 * characters count as unprintable, so text can never smuggle an ESC/POS command in.
 * Unprintable characters are replaced by SUBSTITUTE_CHARACTER or refused, per `policy`.
 */
export function encodeCharacters(text: string, enc: TextEncoding): EncodedCharacter[] {
  const out: EncodedCharacter[] = [];
  let index = 0;
  for (const raw of text) {
    const ch = raw === '\t' ? ' ' : raw;
    let encoded = encodeCharacter(ch, enc.encoding, enc.codePage);
    if (!encoded) {
      if (enc.unencodable === 'refuse') throw new UnencodableCharacterError(raw, enc.encoding, index);
      encoded = encodeCharacter(SUBSTITUTE_CHARACTER[enc.encoding], enc.encoding, enc.codePage)!;
    }
    out.push(encoded);
    index++;
  }
  return out;
}

/** Printed width of `text` in columns: a double-byte (CJK, full-width) character takes two. */
export function textColumns(text: string, enc: TextEncoding): number {
  let n = 0;
  for (const c of encodeCharacters(text, { ...enc, unencodable: 'substitute' })) n += c.columns;
  return n;
}
