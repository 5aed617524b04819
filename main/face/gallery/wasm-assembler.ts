/**
 * Just enough of a WebAssembly assembler to write the gallery's scan kernel as named instructions
 * instead of raw bytes (no toolchain, no build step): i32, f32 and v128 values, one imported
 * memory (`env.mem`), exported functions with at most one result.
 */

/** Unsigned LEB128. */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** Signed LEB128 (i32 constants). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const simd = (op: number, ...imm: number[]) => [0xfd, ...leb(op), ...imm];
/** memarg: alignment hint 0 (any address), then the constant offset. */
const memarg = (offset: number) => [0x00, ...leb(offset)];

/** The instructions the kernel uses; each returns its encoding. */
export const op = {
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  if: () => [0x04, 0x40],
  else: () => [0x05],
  end: () => [0x0b],
  br: (depth: number) => [0x0c, ...leb(depth)],
  brIf: (depth: number) => [0x0d, ...leb(depth)],
  get: (local: number) => [0x20, ...leb(local)],
  set: (local: number) => [0x21, ...leb(local)],
  tee: (local: number) => [0x22, ...leb(local)],
  i32Const: (n: number) => [0x41, ...sleb(n)],
  i32Add: () => [0x6a],
  i32GeU: () => [0x4f],
  i32LtU: () => [0x49],
  i32And: () => [0x71],
  i32Store: (offset = 0) => [0x36, 0x02, ...leb(offset)],
  f32Gt: () => [0x5e],
  f32Ge: () => [0x60],
  f32Sub: () => [0x93],
  f32Neg: () => [0x8c],
  f32Const: (x: number) => [0x43, ...new Uint8Array(Float32Array.of(x).buffer)],
  f32Load: (offset = 0) => [0x2a, 0x02, ...leb(offset)],
  f32Store: (offset = 0) => [0x38, 0x02, ...leb(offset)],
  f32Mul: () => [0x94],
  f32ConvertI32S: () => [0xb2],
  v128Load: (offset = 0) => simd(0x00, ...memarg(offset)),
  /** Loads 8 int8 and sign-extends them to an i16x8 (one pmovsxbw on x64). */
  v128Load8x8S: (offset = 0) => simd(0x01, ...memarg(offset)),
  v128Store: (offset = 0) => simd(0x0b, ...memarg(offset)),
  /** Lanes of two vectors by byte index (0-15 the first, 16-31 the second). */
  i8x16Shuffle: (lanes: readonly number[]) => simd(0x0d, ...lanes),
  f32x4Mul: () => simd(0xe6),
  f32x4ConvertI32x4S: () => simd(0xfa),
  i32x4ExtractLane: (lane: number) => simd(0x1b, lane),
  f32x4Splat: () => simd(0x13),
  f32x4ExtractLane: (lane: number) => simd(0x1f, lane),
  f32x4Ge: () => simd(0x46),
  v128AnyTrue: () => simd(0x53),
  i16x8ExtendLowI8x16S: () => simd(0x87),
  i16x8ExtendHighI8x16S: () => simd(0x88),
  i32x4Add: () => simd(0xae),
  i32x4DotI16x8S: () => simd(0xba),
};

export type ValueType = 'i32' | 'f32' | 'v128';
const TYPE_CODE: Record<ValueType, number> = { i32: 0x7f, f32: 0x7d, v128: 0x7b };

export interface WasmFunction {
  name: string;
  params: ValueType[];
  result: ValueType | null;
  /** Further locals, numbered after the params in this order. */
  locals: ValueType[];
  body: number[][];
}

/** A module importing one memory (`env.mem`) and exporting `functions`. */
export function assembleModule(functions: WasmFunction[]): Uint8Array {
  const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
  const vector = (items: number[][]) => [...leb(items.length), ...items.flat()];
  const name = (s: string) => [...leb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
  const types = vector(functions.map((f) => [0x60, ...vector(f.params.map((t) => [TYPE_CODE[t]])), ...vector(f.result ? [[TYPE_CODE[f.result]]] : [])]));
  const imports = vector([[...name('env'), ...name('mem'), 0x02, 0x00, 0x01]]);
  const funcs = vector(functions.map((_, i) => leb(i)));
  const exports = vector(functions.map((f, i) => [...name(f.name), 0x00, ...leb(i)]));
  const codes = vector(
    functions.map((f) => {
      // Runs of the same type: (count, type) pairs.
      const runs: number[][] = [];
      for (const t of f.locals) {
        const last = runs.at(-1);
        if (last && last[1] === TYPE_CODE[t]) last[0]!++;
        else runs.push([1, TYPE_CODE[t]]);
      }
      const body = [...vector(runs.map(([count, type]) => [...leb(count!), type!])), ...f.body.flat(), ...op.end()];
      return [...leb(body.length), ...body];
    }),
  );
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}
