// The 1:N index as it was before the int8 scan (commit 1a6b329, with its zeroing): every row
// scored in float32 by the f32x4 WebAssembly kernel, best two kept in row order. Kept here as the
// reference the int8 scan + exact rerank must agree with bit for bit (template-index-equivalence).
import { assertDescriptor, DESCRIPTOR_LENGTH, l2Normalize, type IdentifyCandidate } from '../../common/face/matching';
import { leb } from '../../main/face/gallery/wasm-assembler';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const TYPES = [0x01, 0x08, 0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00];
const IMPORTS = [0x02, 0x0c, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01];
const FUNCS = [0x03, 0x02, 0x01, 0x00];
const EXPORTS = [0x07, 0x08, 0x01, 0x04, 0x64, 0x6f, 0x74, 0x73, 0x00, 0x00];
const BODY = [
  0x02,
  0x02,
  0x7f,
  0x01,
  0x7b, // locals: 2 x i32 ($i, $j), 1 x v128 ($acc)
  0x02,
  0x40, // block
  0x03,
  0x40, // loop $outer
  0x20,
  0x04,
  0x20,
  0x01,
  0x4f,
  0x0d,
  0x01, // if i >= n: break
  0xfd,
  0x0c,
  ...new Array<number>(16).fill(0),
  0x21,
  0x06, // acc = 0
  0x41,
  0x00,
  0x21,
  0x05, // j = 0
  0x03,
  0x40, // loop $inner
  0x20,
  0x06,
  0x20,
  0x00,
  0x20,
  0x05,
  0x6a,
  0xfd,
  0x00,
  0x02,
  0x00, // v128.load data+j
  0x20,
  0x02,
  0x20,
  0x05,
  0x6a,
  0xfd,
  0x00,
  0x02,
  0x00, // v128.load q+j
  0xfd,
  0xe6,
  0x01,
  0xfd,
  0xe4,
  0x01,
  0x21,
  0x06, // acc += a * b
  0x20,
  0x05,
  0x41,
  0x10,
  0x6a,
  0x22,
  0x05,
  0x41,
  0x80,
  0x04,
  0x49,
  0x0d,
  0x00, // j += 16; while j < 512
  0x0b,
  0x20,
  0x03,
  0x20,
  0x04,
  0x41,
  0x02,
  0x74,
  0x6a, // &out[i]
  0x20,
  0x06,
  0xfd,
  0x1f,
  0x00,
  0x20,
  0x06,
  0xfd,
  0x1f,
  0x01,
  0x92,
  0x20,
  0x06,
  0xfd,
  0x1f,
  0x02,
  0x92,
  0x20,
  0x06,
  0xfd,
  0x1f,
  0x03,
  0x92,
  0x38,
  0x02,
  0x00, // f32.store
  0x20,
  0x00,
  0x41,
  0x80,
  0x04,
  0x6a,
  0x21,
  0x00, // data += 512
  0x20,
  0x04,
  0x41,
  0x01,
  0x6a,
  0x21,
  0x04, // i++
  0x0c,
  0x00, // continue $outer
  0x0b,
  0x0b,
  0x0b,
];

interface Float32Kernel {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  dots(data: number, n: number, q: number, out: number): void;
}
interface WasmApi {
  Memory: new (d: { initial: number }) => Float32Kernel['memory'];
  Module: new (bytes: Uint8Array) => unknown;
  Instance: new (m: unknown, imports: unknown) => { exports: { dots: Float32Kernel['dots'] } };
}

function float32Kernel(pages: number): Float32Kernel {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const body = [...leb(BODY.length), ...BODY];
  const code = [0x01, ...body];
  const bytes = Uint8Array.from([...HEADER, ...TYPES, ...IMPORTS, ...FUNCS, ...EXPORTS, 0x0a, ...leb(code.length), ...code]);
  const memory = new wasm.Memory({ initial: pages });
  const instance = new wasm.Instance(new wasm.Module(bytes), { env: { mem: memory } });
  return { memory, dots: instance.exports.dots };
}

const ROW_BYTES = DESCRIPTOR_LENGTH * 4;
const PAGE = 65536;

/** Same put/remove (last row into the hole) and row order as TemplateIndex; exhaustive float32 search. */
export class Float32ExhaustiveIndex {
  private kernel = float32Kernel(1);
  private capacity = 0;
  private rows!: Float32Array;
  private scores!: Float32Array;
  private probe!: Float32Array;
  private readonly subjects: string[] = [];
  private readonly slots = new Map<string, number>();

  constructor() {
    this.resize(16);
  }

  put(subject: string, template: ArrayLike<number>): void {
    assertDescriptor(template);
    let slot = this.slots.get(subject);
    if (slot === undefined) {
      slot = this.subjects.length;
      if (slot >= this.capacity) this.resize(this.capacity * 2);
      this.subjects.push(subject);
      this.slots.set(subject, slot);
    }
    this.rows.set(l2Normalize(template), slot * DESCRIPTOR_LENGTH);
  }

  remove(subject: string): boolean {
    const slot = this.slots.get(subject);
    if (slot === undefined) return false;
    const last = this.subjects.length - 1;
    if (slot !== last) {
      const moved = this.subjects[last]!;
      this.rows.copyWithin(slot * DESCRIPTOR_LENGTH, last * DESCRIPTOR_LENGTH, (last + 1) * DESCRIPTOR_LENGTH);
      this.subjects[slot] = moved;
      this.slots.set(moved, slot);
    }
    this.rows.fill(0, last * DESCRIPTOR_LENGTH, (last + 1) * DESCRIPTOR_LENGTH);
    this.subjects.pop();
    this.slots.delete(subject);
    return true;
  }

  nearestTwo(probe: ArrayLike<number>): { best: IdentifyCandidate | null; second: IdentifyCandidate | null } {
    const n = this.subjects.length;
    this.probe.set(l2Normalize(probe));
    this.kernel.dots(ROW_BYTES, n, 0, ROW_BYTES + this.capacity * ROW_BYTES);
    let best = -1;
    let second = -1;
    let bestDot = -Infinity;
    let secondDot = -Infinity;
    for (let s = 0; s < n; s++) {
      const d = this.scores[s]!;
      if (d > secondDot) {
        if (d > bestDot) {
          second = best;
          secondDot = bestDot;
          best = s;
          bestDot = d;
        } else {
          second = s;
          secondDot = d;
        }
      }
    }
    const distance = (dot: number) => Math.sqrt(Math.max(0, 2 - 2 * dot));
    return {
      best: best >= 0 ? { subject: this.subjects[best]!, distance: distance(bestDot) } : null,
      second: second >= 0 ? { subject: this.subjects[second]!, distance: distance(secondDot) } : null,
    };
  }

  private resize(capacity: number): void {
    const need = Math.ceil((ROW_BYTES + capacity * (ROW_BYTES + 4)) / PAGE);
    const have = this.kernel.memory.buffer.byteLength / PAGE;
    if (need > have) this.kernel.memory.grow(need - have);
    this.capacity = capacity;
    const buffer = this.kernel.memory.buffer;
    this.probe = new Float32Array(buffer, 0, DESCRIPTOR_LENGTH);
    this.rows = new Float32Array(buffer, ROW_BYTES, capacity * DESCRIPTOR_LENGTH);
    this.scores = new Float32Array(buffer, ROW_BYTES + capacity * ROW_BYTES, capacity);
  }
}
