import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from '../../../devices/printer/builder';
import { printerProfile } from '../../../devices/printer/profiles';
import { UnencodableCharacterError } from '../../../devices/printer/errors';
import { encodeCharacters } from '../../../devices/printer/text-codec';

const gb = printerProfile('generic-80mm-gb18030');
const big5 = printerProfile('generic-80mm-big5');
const latin = printerProfile('generic-80mm-latin');
const hex = (b: Buffer): string => b.toString('hex').replace(/(..)(?!$)/g, '$1 ');
/** Text bytes after `ESC @ FS &` (the builder starts every job that way). */
const textBytes = (builder: EscPosBuilder, text: string): string => hex(builder.initialize().text(text).build().subarray(4));

describe('text encoding', () => {
  it('re-enters Chinese mode after every ESC @', () => {
    const b = new EscPosBuilder(gb).initialize().line('号').initialize().line('号').build();
    expect(hex(b)).toBe('1b 40 1c 26 ba c5 0a 1b 40 1c 26 ba c5 0a');
  });

  it('sends simplified and traditional Chinese as 2-byte GB18030', () => {
    expect(textBytes(new EscPosBuilder(gb), '社保A1')).toBe('c9 e7 b1 a3 41 31');
    expect(textBytes(new EscPosBuilder(gb), '臺灣號')).toBe('c5 5f 9e b3 cc 96');
  });

  it('substitutes a 4-byte GB18030 character with □ (A1 F5) by default', () => {
    // U+20000 (CJK Extension B) and ™ (U+2122) need 4 bytes in GB18030.
    const b = new EscPosBuilder(gb).initialize().text('A𠀀B™').build();
    expect(hex(b)).toBe('1b 40 1c 26 41 a1 f5 42 a1 f5');
    expect(b.includes(Buffer.from([0x95, 0x32]))).toBe(false);
  });

  it('refuses a 4-byte GB18030 character under the refuse policy, naming it', () => {
    const builder = new EscPosBuilder(gb, { unencodable: 'refuse' });
    let err: unknown;
    try {
      builder.text('张𠀀三');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnencodableCharacterError);
    expect((err as UnencodableCharacterError).codePoint).toBe(0x20000);
    expect((err as Error).message).toMatch(/cannot print "𠀀" \(U\+20000\) at character 1: it needs a 4-byte GB18030 code/);
  });

  it('never emits a 4-byte GB18030 sequence for any BMP or astral character', () => {
    const sample = Array.from({ length: 2000 }, (_, i) => String.fromCodePoint(0x2000 + i * 37)).join('') + '😀𠀀𪚥';
    const chars = encodeCharacters(sample, { encoding: 'gb18030', codePage: 'cp437', unencodable: 'substitute' });
    // A 4-byte sequence has a digit (0x30-0x39) as its second byte; a 2-byte one never does.
    const longer = chars.filter((c) => c.bytes.length > 2 || (c.bytes.length === 2 && c.bytes[1]! >= 0x30 && c.bytes[1]! <= 0x39));
    expect(longer).toEqual([]);
    expect(chars.some((c) => c.bytes.length === 2)).toBe(true);
  });

  it('uses Big5 for a Big5 profile and substitutes characters outside Big5 (simplified, HKSCS)', () => {
    expect(hex(new EscPosBuilder(big5).initialize().text('臺灣').build())).toBe('1b 40 1c 26 bb 4f c6 57');
    // 号 is simplified (not in Big5; iconv maps it into HKSCS, which printer fonts lack): □ = A1 BC.
    expect(textBytes(new EscPosBuilder(big5), '号')).toBe('a1 bc');
    expect(() => new EscPosBuilder(big5, { unencodable: 'refuse' }).text('号')).toThrow(/not in the printer's big5 character set/);
  });

  it('prints Latin accents through the code page, leaving and re-entering Chinese mode around them', () => {
    // é is not in Big5 proper: FS . ESC t 0 (cp437) 0x82, then FS & again.
    expect(hex(new EscPosBuilder(big5).initialize().text('Café臺').build())).toBe('1b 40 1c 26 43 61 66 1c 2e 1b 74 00 82 1c 26 bb 4f');
  });

  it('never enters Chinese mode on a Latin-only profile', () => {
    const b = new EscPosBuilder(latin).initialize().text('Café 5€ 号').build();
    expect(hex(b)).toBe('1b 40 43 61 66 1b 74 13 82 20 35 d5 20 3f');
    expect(b.includes(Buffer.from([0x1c, 0x26]))).toBe(false);
  });

  it('cannot be made to emit a command through text: control characters become the placeholder', () => {
    expect(textBytes(new EscPosBuilder(gb), 'A\x1b@\x1dV\x00B\tC')).toBe('41 a1 f5 40 a1 f5 56 a1 f5 42 20 43');
  });

  it('turns a newline in text into a line feed', () => {
    expect(textBytes(new EscPosBuilder(gb), 'a\nb')).toBe('61 0a 62');
  });

  it('enters Chinese mode before CJK text when it does not know the printer is in it', () => {
    expect(hex(new EscPosBuilder(gb).text('A号').build())).toBe('41 1c 26 ba c5');
  });
});
