import { assembleModule, op, type WasmFunction } from './wasm-assembler';

/**
 * The 1:N scan as a WebAssembly SIMD kernel: the int8 codes of consecutive 128-d rows against a
 * probe's int16 codes, keeping only the rows that can still be among the nearest two.
 *
 * Each row's approximate score is `f32(Σ_j codes[i][j] · probe[j]) · scales[i]`; the integer sum
 * is exact (|Σ| ≤ 127 · 32767 · 128 < 2³¹). Four rows per iteration share each probe load: eight
 * codes at a time are loaded and widened in one instruction (`v128.load8x8_s`), multiplied and
 * pair-added with `i32x4.dot_i16x8_s`; the four rows' lane sums are transposed into one vector,
 * converted and scaled together. All offsets are constants (fully unrolled). A row is 128 bytes
 * instead of the 512 of its float32 form.
 *
 * The kernel keeps the running best and second-best scores and writes (row, score) of every row
 * scoring at least `second − reach` to `cand` (8 bytes each); it returns how many. `second` only
 * rises, so this is a superset of the rows within `reach` of the final second-best; the caller
 * filters it. Whole groups of four are read (up to three rows past `n`, which `TemplateIndex`
 * keeps zero); rows past `n` are never written out.
 */
const P_CODES = 0;
const P_SCALES = 1;
const P_N = 2;
const P_PROBE = 3;
const P_CAND = 4;
const P_REACH = 5;
const L_I = 6;
const L_COUNT = 7;
const L_FIRST = 8;
const L_SECOND = 9;
const L_FLOOR = 10;
const L_SCORE = 11;
const L_PROBE_CHUNK = 12;
const L_ACC = [13, 14, 15, 16] as const;
const L_PAIRS01 = 17;
const L_PAIRS23 = 18;
const L_SCORES = 19;
const L_FLOORS = 20;
const ROW_BYTES = 128;

/** Byte lanes of i8x16.shuffle for 32-bit lanes a0 b0 a1 b1, a2 b2 a3 b3, a0 a1 b0 b1, a2 a3 b2 b3. */
const lanes32 = (...picks: number[]) => picks.flatMap((p) => [4 * p, 4 * p + 1, 4 * p + 2, 4 * p + 3]);
const INTERLEAVE_LOW = lanes32(0, 4, 1, 5);
const INTERLEAVE_HIGH = lanes32(2, 6, 3, 7);
const HALVES_LOW = lanes32(0, 1, 4, 5);
const HALVES_HIGH = lanes32(2, 3, 6, 7);

/** acc[r] = Σ over the row's 16 chunks of dot_i16x8(widened codes, probe chunk), for rows r = 0..3. */
function fourRowDots(): number[][] {
  const body: number[][] = [];
  for (let k = 0; k < 16; k++) {
    body.push(op.get(P_PROBE), op.v128Load(16 * k), op.set(L_PROBE_CHUNK));
    for (let r = 0; r < 4; r++) {
      if (k > 0) body.push(op.get(L_ACC[r]!));
      body.push(op.get(P_CODES), op.v128Load8x8S(ROW_BYTES * r + 8 * k), op.get(L_PROBE_CHUNK), op.i32x4DotI16x8S());
      if (k > 0) body.push(op.i32x4Add());
      body.push(op.set(L_ACC[r]!));
    }
  }
  return body;
}

/** [Σacc0, Σacc1, Σacc2, Σacc3] on the stack: pairs of rows interleaved and added, then halves. */
function laneSums(): number[][] {
  const pairSum = (a: number, b: number, into: number) => [
    op.get(a),
    op.get(b),
    op.i8x16Shuffle(INTERLEAVE_LOW),
    op.get(a),
    op.get(b),
    op.i8x16Shuffle(INTERLEAVE_HIGH),
    op.i32x4Add(),
    op.set(into),
  ];
  return [
    ...pairSum(L_ACC[0], L_ACC[1], L_PAIRS01),
    ...pairSum(L_ACC[2], L_ACC[3], L_PAIRS23),
    op.get(L_PAIRS01),
    op.get(L_PAIRS23),
    op.i8x16Shuffle(HALVES_LOW),
    op.get(L_PAIRS01),
    op.get(L_PAIRS23),
    op.i8x16Shuffle(HALVES_HIGH),
    op.i32x4Add(),
  ];
}

const advance = (local: number, by: number) => [op.get(local), op.i32Const(by), op.i32Add(), op.set(local)];

/** Lane j of the group: written out when it is a row (< n) scoring at least the floor; best two kept. */
function keepLane(j: number): number[][] {
  return [
    op.get(L_SCORES),
    op.f32x4ExtractLane(j),
    op.tee(L_SCORE),
    op.get(L_FLOOR),
    op.f32Ge(),
    op.get(L_I),
    op.i32Const(j),
    op.i32Add(),
    op.get(P_N),
    op.i32LtU(),
    op.i32And(),
    op.if(),
    op.get(P_CAND),
    op.get(L_I),
    op.i32Const(j),
    op.i32Add(),
    op.i32Store(0),
    op.get(P_CAND),
    op.get(L_SCORE),
    op.f32Store(4),
    ...advance(P_CAND, 8),
    ...advance(L_COUNT, 1),
    op.get(L_SCORE),
    op.get(L_SECOND),
    op.f32Gt(),
    op.if(),
    op.get(L_SCORE),
    op.get(L_FIRST),
    op.f32Gt(),
    op.if(),
    op.get(L_FIRST),
    op.set(L_SECOND),
    op.get(L_SCORE),
    op.set(L_FIRST),
    op.else(),
    op.get(L_SCORE),
    op.set(L_SECOND),
    op.end(),
    op.get(L_SECOND),
    op.get(P_REACH),
    op.f32Sub(),
    op.tee(L_FLOOR),
    op.f32x4Splat(),
    op.set(L_FLOORS),
    op.end(),
    op.end(),
  ];
}

const SCAN: WasmFunction = {
  name: 'scan',
  params: ['i32', 'i32', 'i32', 'i32', 'i32', 'f32'],
  result: 'i32',
  locals: ['i32', 'i32', 'f32', 'f32', 'f32', 'f32', 'v128', 'v128', 'v128', 'v128', 'v128', 'v128', 'v128', 'v128', 'v128'],
  body: [
    op.f32Const(-Infinity),
    op.set(L_FIRST),
    op.f32Const(-Infinity),
    op.set(L_SECOND),
    op.f32Const(-Infinity),
    op.tee(L_FLOOR),
    op.f32x4Splat(),
    op.set(L_FLOORS),
    op.block(),
    op.loop(),
    op.get(L_I),
    op.get(P_N),
    op.i32GeU(),
    op.brIf(1),
    ...fourRowDots(),
    ...laneSums(),
    op.f32x4ConvertI32x4S(),
    op.get(P_SCALES),
    op.v128Load(),
    op.f32x4Mul(),
    op.tee(L_SCORES),
    op.get(L_FLOORS),
    op.f32x4Ge(),
    op.v128AnyTrue(),
    op.if(),
    ...keepLane(0),
    ...keepLane(1),
    ...keepLane(2),
    ...keepLane(3),
    op.end(),
    ...advance(P_SCALES, 16),
    ...advance(P_CODES, 4 * ROW_BYTES),
    ...advance(L_I, 4),
    op.br(0),
    op.end(),
    op.end(),
    op.get(L_COUNT),
  ],
};

interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (m: unknown, imports: unknown) => { exports: { scan: ScanKernel['scan'] } };
}

export interface ScanKernel {
  memory: WasmMemory;
  /**
   * Byte offsets into `memory`: the codes of n rows, their scales, the probe's codes, where the
   * candidates go; `reach` in the scores' units. Returns the number of candidates written.
   */
  scan(codesOffset: number, scalesOffset: number, n: number, probeOffset: number, candidatesOffset: number, reach: number): number;
}

/** The SIMD kernel over a fresh memory, or null where WebAssembly SIMD is unavailable. */
export function createScanKernel(initialPages: number): ScanKernel | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return null;
  try {
    const memory = new wasm.Memory({ initial: initialPages });
    const instance = new wasm.Instance(new wasm.Module(assembleModule([SCAN])), { env: { mem: memory } });
    return { memory, scan: instance.exports.scan };
  } catch {
    return null;
  }
}
