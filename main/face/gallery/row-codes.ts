import { DESCRIPTOR_LENGTH } from '../../../common/face/matching';

/** Row codes are int8 in −127..127 (symmetric, so the int16 products cannot overflow). */
export const ROW_CODE_MAX = 127;
/** A probe's codes are int16 in −32767..32767: its own quantisation error is negligible. */
export const PROBE_CODE_MAX = 32767;

export interface Quantised {
  /** The code step: value ≈ scale · code. */
  scale: number;
  /** ‖v − scale·codes‖₂, computed in float64 from the codes written: the bound the search relies on. */
  error: number;
}

/**
 * Writes the codes of one L2-normalised 128-d vector into `codes` (int8 for rows, int16 for a
 * probe) with one scale for the vector (its largest |value| is ±max), and returns the scale and
 * the exact quantisation error. A zero vector gets zero codes, error 0 and scale 1.
 */
export function quantise(v: Float32Array, codes: Int8Array | Int16Array, max: number): Quantised {
  let largest = 0;
  for (let i = 0; i < DESCRIPTOR_LENGTH; i++) largest = Math.max(largest, Math.abs(v[i]!));
  const scale = largest > 0 ? Math.fround(largest / max) : 1;
  let squared = 0;
  for (let i = 0; i < DESCRIPTOR_LENGTH; i++) {
    const code = Math.max(-max, Math.min(max, Math.round(v[i]! / scale)));
    codes[i] = code;
    const off = v[i]! - scale * code; // exact in float64: a float32 times a small integer
    squared += off * off;
  }
  return { scale, error: Math.sqrt(squared) };
}

/**
 * The dot product of a row and a probe, bit for bit as the float32 SIMD kernel the index used
 * before it scanned codes computed it (four f32x4 lanes, each product and sum rounded to float32,
 * the lanes added 0+1, +2, +3). Float64 arithmetic rounded to float32 after each step is exact
 * float32 arithmetic (the double has more than twice the float's precision).
 */
export function float32Dot(rows: Float32Array, offset: number, probe: Float32Array): number {
  const f = Math.fround;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  for (let i = 0; i < DESCRIPTOR_LENGTH; i += 4) {
    a0 = f(a0 + f(rows[offset + i]! * probe[i]!));
    a1 = f(a1 + f(rows[offset + i + 1]! * probe[i + 1]!));
    a2 = f(a2 + f(rows[offset + i + 2]! * probe[i + 2]!));
    a3 = f(a3 + f(rows[offset + i + 3]! * probe[i + 3]!));
  }
  return f(f(f(a0 + a1) + a2) + a3);
}
