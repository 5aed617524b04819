import { describe, expect, it } from 'vitest';
import * as cmd from '../../../devices/printer/escpos';

const hex = (b: Buffer): string => b.toString('hex').replace(/(..)(?!$)/g, '$1 ');

describe('ESC/POS command bytes', () => {
  it('encodes initialise, Chinese mode and code page', () => {
    expect(hex(cmd.initialize())).toBe('1b 40');
    expect(hex(cmd.chineseModeOn())).toBe('1c 26');
    expect(hex(cmd.chineseModeOff())).toBe('1c 2e');
    expect(hex(cmd.selectCodePage(19))).toBe('1b 74 13');
  });

  it('encodes character sizes as GS ! with width in the high nibble', () => {
    expect(hex(cmd.characterSize(1, 1))).toBe('1d 21 00');
    expect(hex(cmd.characterSize(2, 2))).toBe('1d 21 11');
    expect(hex(cmd.characterSize(4, 4))).toBe('1d 21 33');
    expect(hex(cmd.characterSize(2, 1))).toBe('1d 21 10');
    expect(hex(cmd.characterSize(1, 2))).toBe('1d 21 01');
    expect(hex(cmd.characterSize(8, 8))).toBe('1d 21 77');
    expect(() => cmd.characterSize(9, 1)).toThrow(/width multiplier must be an integer from 1 to 8, got 9/);
  });

  it('encodes bold, alignment, line spacing and feeds', () => {
    expect(hex(cmd.bold(true))).toBe('1b 45 01');
    expect(hex(cmd.bold(false))).toBe('1b 45 00');
    expect(hex(cmd.align('left'))).toBe('1b 61 00');
    expect(hex(cmd.align('center'))).toBe('1b 61 01');
    expect(hex(cmd.align('right'))).toBe('1b 61 02');
    expect(hex(cmd.lineSpacing(60))).toBe('1b 33 3c');
    expect(hex(cmd.defaultLineSpacing())).toBe('1b 32');
    expect(hex(cmd.feedLines(3))).toBe('1b 64 03');
    expect(hex(cmd.lineFeed())).toBe('0a');
    expect(() => cmd.feedLines(256)).toThrow(/feed lines/);
  });

  it('encodes full and partial cuts (GS V function B)', () => {
    expect(hex(cmd.cut('full'))).toBe('1d 56 41 00');
    expect(hex(cmd.cut('partial', 10))).toBe('1d 56 42 0a');
  });

  it('encodes DLE EOT 1..4 and rejects other values', () => {
    expect(hex(cmd.statusRequest(1))).toBe('10 04 01');
    expect(hex(cmd.statusRequest(4))).toBe('10 04 04');
    expect(() => cmd.statusRequest(5 as 1)).toThrow(/status request/);
  });

  it('encodes a QR code: model 2, module size, level M, store with length + 3, print', () => {
    expect(hex(cmd.qrCode(Buffer.from('AB'), 6))).toBe(
      [
        '1d 28 6b 04 00 31 41 32 00', // fn 65 model 2
        '1d 28 6b 03 00 31 43 06', // fn 67 module size 6
        '1d 28 6b 03 00 31 45 31', // fn 69 level M (49)
        '1d 28 6b 05 00 31 50 30 41 42', // fn 80 store, pL = 2 + 3
        '1d 28 6b 03 00 31 51 30', // fn 81 print
      ].join(' '),
    );
  });

  it('puts the high byte of the QR store length in pH', () => {
    const data = Buffer.alloc(300, 0x41);
    const bytes = cmd.qrCode(data, 4);
    const store = bytes.indexOf(Buffer.from([0x31, 0x50, 0x30]));
    expect([bytes[store - 2], bytes[store - 1]]).toEqual([303 & 0xff, 303 >> 8]);
    expect(() => cmd.qrCode(Buffer.alloc(0), 4)).toThrow(/empty/);
    expect(() => cmd.qrCode(Buffer.alloc(cmd.QR_MAX_BYTES + 1), 4)).toThrow(/7090 bytes, at most 7089/);
  });

  it('encodes CODE128 in code set B with {B and an escaped brace', () => {
    expect(hex(cmd.code128('A{1'))).toBe(['1d 68 50', '1d 77 02', '1d 48 02', '1d 6b 49 06', '7b 42 41 7b 7b 31'].join(' '));
    expect(() => cmd.code128('号')).toThrow(/CODE128 code set B cannot encode "号" \(U\+53F7\)/);
    expect(() => cmd.code128('')).toThrow(/empty/);
  });
});
