import { describe, expect, it } from 'vitest';
import { penaltyScore, qrMatrix, QR_RASTER_MAX_BYTES } from '../../../devices/printer/qr-matrix';
import { EscPosBuilder } from '../../../devices/printer/builder';
import { printerProfile } from '../../../devices/printer/profiles';
import { QR_REFERENCE } from './qr-reference';
import { decodeJob } from './decode-job';

const toRows = (m: boolean[][]): string[] =>
  m.map((row) =>
    BigInt('0b' + row.map((d) => (d ? '1' : '0')).join(''))
      .toString(16)
      .padStart(Math.ceil(row.length / 4), '0'),
  );

describe('QR matrix encoder (raster QR for printers without GS ( k)', () => {
  for (const ref of QR_REFERENCE) {
    it(`matches the reference for ${ref.data.length} bytes (version ${ref.version}, mask ${ref.mask})`, () => {
      const m = qrMatrix(Buffer.from(ref.data), ref.mask);
      expect(m.length).toBe(ref.version * 4 + 17);
      expect(toRows(m)).toEqual(ref.rows);
    });
  }

  it('picks the mask with the lowest penalty when none is forced', () => {
    const data = Buffer.from('https://q.example.gov.cn/t/1');
    const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => penaltyScore(qrMatrix(data, mask)));
    const best = scores.indexOf(Math.min(...scores));
    expect(qrMatrix(data)).toEqual(qrMatrix(data, best));
  });

  it('refuses data beyond version 10 and bad masks', () => {
    expect(() => qrMatrix(Buffer.alloc(QR_RASTER_MAX_BYTES + 1, 0x41))).toThrow(/at most 213/);
    expect(() => qrMatrix(Buffer.from('A'), 8)).toThrow(/mask must be 0-7/);
  });

  it('prints the QR code as a GS v 0 raster image with a quiet zone on a printer without native QR', async () => {
    const url = 'https://q.example.gov.cn/t/1';
    const bytes = new EscPosBuilder(printerProfile('generic-80mm-gb18030-noqr')).initialize().qr(url).build();
    expect(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b]))).toBe(false);
    const start = bytes.indexOf(Buffer.from([0x1d, 0x76, 0x30, 0x00]));
    expect(start).toBe(4);
    const widthBytes = bytes.readUInt16LE(start + 4);
    const height = bytes.readUInt16LE(start + 6);
    const matrix = qrMatrix(Buffer.from(url));
    const modules = matrix.length + 8;
    expect(height).toBe(modules * 6); // module size 6 dots
    expect(widthBytes).toBe(Math.ceil((modules * 6) / 8));
    const dot = (x: number, y: number) => (bytes[start + 8 + y * widthBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
    for (let my = 0; my < modules; my++) {
      for (let mx = 0; mx < modules; mx++) {
        const expected = matrix[my - 4]?.[mx - 4] === true;
        expect(dot(mx * 6 + 3, my * 6 + 3)).toBe(expected);
      }
    }
    const job = await decodeJob(bytes);
    expect(job.transcript).toContain(`[raster image ${widthBytes * 8}x${height} dots]`);
    expect(job.unknown).toEqual([]);
  });

  it('falls back to the address as text when it is too long for a raster QR code', () => {
    const long = 'https://q.example.gov.cn/' + 'a'.repeat(250);
    const bytes = new EscPosBuilder(printerProfile('generic-80mm-gb18030-noqr')).initialize().qr(long).build();
    expect(bytes.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(false);
    expect(bytes.includes(Buffer.from('a'.repeat(40)))).toBe(true);
  });
});
