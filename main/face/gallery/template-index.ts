import { DESCRIPTOR_LENGTH, l2Normalize, type IdentifyCandidate } from '../matching';
import { createDotKernel, type DotKernel } from './simd-dots';

const ROW_BYTES = DESCRIPTOR_LENGTH * 4;
const PAGE = 65536;

/**
 * In-memory 1:N index: one row of 128 float32 per subject in a single Float32Array, searched
 * exhaustively. Rows and probes are L2-normalised, so the euclidean distance is
 * sqrt(2 - 2·dot) and the search is one dot product per row, done by a WebAssembly SIMD kernel
 * (JS loop where SIMD is unavailable). Removal moves the last row into the hole.
 *
 * Memory layout (kernel): [probe 512 B][rows capacity × 512 B][scores capacity × 4 B].
 */
export class TemplateIndex {
  private readonly kernel: DotKernel | null;
  private capacity: number;
  private rows!: Float32Array;
  private scores!: Float32Array;
  private probe!: Float32Array;
  private subjects: string[] = [];
  private readonly slots = new Map<string, number>();

  constructor(initialCapacity = 1024, options: { simd?: boolean } = {}) {
    this.capacity = Math.max(16, initialCapacity);
    this.kernel = options.simd === false ? null : createDotKernel(this.pagesFor(this.capacity));
    if (this.kernel) {
      this.mapViews();
    } else {
      this.probe = new Float32Array(DESCRIPTOR_LENGTH);
      this.rows = new Float32Array(this.capacity * DESCRIPTOR_LENGTH);
      this.scores = new Float32Array(this.capacity);
    }
  }

  get size(): number {
    return this.subjects.length;
  }

  get usesSimd(): boolean {
    return this.kernel !== null;
  }

  has(subject: string): boolean {
    return this.slots.has(subject);
  }

  put(subject: string, template: ArrayLike<number>): void {
    if (template.length !== DESCRIPTOR_LENGTH) throw new Error(`a template has ${DESCRIPTOR_LENGTH} values, got ${template.length}`);
    let slot = this.slots.get(subject);
    if (slot === undefined) {
      slot = this.subjects.length;
      if (slot >= this.capacity) this.grow(this.capacity * 2);
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
    this.subjects.pop();
    this.slots.delete(subject);
    return true;
  }

  /** The nearest and second-nearest subjects by euclidean distance (between normalised vectors). */
  nearestTwo(probe: ArrayLike<number>): { best: IdentifyCandidate | null; second: IdentifyCandidate | null } {
    if (probe.length !== DESCRIPTOR_LENGTH) throw new Error(`a probe has ${DESCRIPTOR_LENGTH} values, got ${probe.length}`);
    const n = this.subjects.length;
    this.probe.set(l2Normalize(probe));
    if (this.kernel) this.kernel.dots(ROW_BYTES, n, 0, ROW_BYTES + this.capacity * ROW_BYTES);
    else this.dotsInJs(n);
    const scores = this.scores;
    let best = -1;
    let second = -1;
    let bestDot = -Infinity;
    let secondDot = -Infinity;
    for (let s = 0; s < n; s++) {
      const d = scores[s]!;
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

  private dotsInJs(n: number): void {
    const rows = this.rows;
    const q = this.probe;
    for (let s = 0, off = 0; s < n; s++, off += DESCRIPTOR_LENGTH) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let i = 0; i < DESCRIPTOR_LENGTH; i += 4) {
        a0 += rows[off + i]! * q[i]!;
        a1 += rows[off + i + 1]! * q[i + 1]!;
        a2 += rows[off + i + 2]! * q[i + 2]!;
        a3 += rows[off + i + 3]! * q[i + 3]!;
      }
      this.scores[s] = a0 + a1 + a2 + a3;
    }
  }

  private pagesFor(capacity: number): number {
    return Math.ceil((ROW_BYTES + capacity * (ROW_BYTES + 4)) / PAGE);
  }

  private mapViews(): void {
    const buffer = this.kernel!.memory.buffer;
    this.probe = new Float32Array(buffer, 0, DESCRIPTOR_LENGTH);
    this.rows = new Float32Array(buffer, ROW_BYTES, this.capacity * DESCRIPTOR_LENGTH);
    this.scores = new Float32Array(buffer, ROW_BYTES + this.capacity * ROW_BYTES, this.capacity);
  }

  private grow(capacity: number): void {
    if (this.kernel) {
      const have = this.kernel.memory.buffer.byteLength / PAGE;
      const need = this.pagesFor(capacity);
      if (need > have) this.kernel.memory.grow(need - have);
      this.capacity = capacity;
      this.mapViews(); // rows stay in place; the scores area is scratch
      return;
    }
    const rows = new Float32Array(capacity * DESCRIPTOR_LENGTH);
    rows.set(this.rows);
    this.rows = rows;
    this.scores = new Float32Array(capacity);
    this.capacity = capacity;
  }
}
