import { l2Normalize } from '../../common/face/matching';
import { quantise, ROW_CODE_MAX } from '../../main/face/gallery/row-codes';

/** The bytes a template occupies as an index row (normalised float32). */
export function rowBytes(template: ArrayLike<number>): Buffer {
  const row = l2Normalize(template);
  return Buffer.from(row.buffer, row.byteOffset, row.byteLength);
}

/** The forms a template takes in the index: its float32 row, its int8 codes and the codes' scale. */
export function indexForms(template: ArrayLike<number>): { row: Buffer; codes: Buffer; scale: Buffer } {
  const row = l2Normalize(template);
  const codes = new Int8Array(128);
  const { scale } = quantise(row, codes, ROW_CODE_MAX);
  return { row: Buffer.from(row.buffer), codes: Buffer.from(codes.buffer), scale: Buffer.from(Float32Array.of(scale).buffer) };
}

/** Offsets of `pattern` in `buffer`. */
function occurrences(buffer: Buffer, pattern: Buffer, step = 1): number[] {
  const at: number[] = [];
  for (let i = buffer.indexOf(pattern); i >= 0; i = buffer.indexOf(pattern, i + 1)) if (i % step === 0) at.push(i);
  return at;
}

/**
 * Reads copies of an index's buffers and says what is left in them besides the live templates:
 * every live template's float32 row and int8 codes must be there exactly once (`liveNotOnce`
 * counts those that are not); once they and the live scales are blanked out, every byte must be
 * zero (`strayBytes` counts those that are not: a probe, its codes, scores, a moved row's copy);
 * and no row or codes of `gone` may be found anywhere (`goneFound`).
 */
export function leftovers(buffers: Uint8Array[], live: ArrayLike<number>[], gone: ArrayLike<number>[] = []) {
  const copies = buffers.map((b) => Buffer.from(b));
  const blank = (pattern: Buffer, step = 1) => {
    let found = 0;
    for (const copy of copies) {
      for (const at of occurrences(copy, pattern, step)) {
        copy.fill(0, at, at + pattern.length);
        found++;
      }
    }
    return found;
  };
  const goneFound = gone.filter((t) => {
    const { row, codes } = indexForms(t);
    return buffers.some((b) => {
      const bytes = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      return bytes.includes(row) || bytes.includes(codes);
    });
  }).length;
  const forms = live.map(indexForms);
  let liveNotOnce = 0;
  for (const { row, codes } of forms) if (blank(row) !== 1 || blank(codes) !== 1) liveNotOnce++;
  for (const { scale } of forms) blank(scale, 4);
  const strayBytes = copies.reduce((n, copy) => n + copy.reduce((m, byte) => m + (byte !== 0 ? 1 : 0), 0), 0);
  return { strayBytes, liveNotOnce, goneFound };
}
