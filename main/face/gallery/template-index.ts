import { assertDescriptor, DESCRIPTOR_LENGTH, l2Normalize, type IdentifyCandidate } from '../../../common/face/matching';
import { float32Dot, PROBE_CODE_MAX, quantise, ROW_CODE_MAX } from './row-codes';
import { createScanKernel, type ScanKernel } from './simd-dots';

const PAGE = 65536;
/** Float32 rows are kept in blocks of this many: no doubling, no copy of the whole set as it grows. */
const ROWS_PER_BLOCK = 4096;
const PROBE_CODE_BYTES = DESCRIPTOR_LENGTH * 2;
/**
 * Float32 rounding in the bound below (products and sums of the float32 dot, the scan's scaling,
 * the norms of normalised vectors): a few 1e-6 at most, counted fifty times over.
 */
const ROUNDING_SLACK = 1e-4;

export interface NearestTwo {
  best: IdentifyCandidate | null;
  second: IdentifyCandidate | null;
}

/**
 * In-memory 1:N index: one row per subject, searched exhaustively. Rows and probes are
 * L2-normalised, so the euclidean distance is sqrt(2 − 2·dot) and the nearest rows are those with
 * the largest dot products.
 *
 * Each row is kept twice: exactly (128 float32) and as int8 codes with one scale per row
 * (`quantise`). A search scans the codes (WebAssembly SIMD kernel, `simd-dots`; a JS loop where
 * SIMD is unavailable): a quarter of the memory traffic of the float32 rows. Quantisation moves a
 * dot product by at most ε = E + (1 + E)·e_p (+ rounding), where E is the largest row error
 * ‖x − x̂‖ ever put and e_p the probe's, so every row that can be nearest or second-nearest has an
 * approximate score within 2ε of the second-best approximate score. Those candidates (a handful)
 * are scored again exactly, with the float32 arithmetic of the exhaustive float32 search, in row
 * order: best, second-best and their distances are bit for bit what that search gives
 * (docs/face.md, "1:N search").
 *
 * Nothing of a deleted template or of a probe stays behind: a removed row, and the place a row was
 * moved from (float32 row, codes and scale), are zeroed; after a search the probe, its codes and
 * the candidates' scores (with 128 or more scores the probe could be solved for) are zeroed; an
 * outgrown JS buffer is zeroed. Removal moves the last row into the hole.
 *
 * Scan memory layout (WebAssembly memory, or one ArrayBuffer without SIMD): [probe codes 256 B]
 * [row codes capacity × 128 B][scales capacity × 4 B][candidates capacity × 8 B]. The capacity is
 * a power of two (at least 16): the kernel's groups of four never pass its end.
 */
export class TemplateIndex {
  private readonly kernel: ScanKernel | null;
  private capacity: number;
  private jsBuffer: ArrayBuffer | null = null;
  private probeCodes!: Int16Array;
  private codes!: Int8Array;
  private scales!: Float32Array;
  /** Candidates of a search: (row as int32, approximate score as float32) pairs, in row order. */
  private candidateRows!: Int32Array;
  private candidateScores!: Float32Array;
  private readonly blocks: Float32Array[] = [];
  private readonly probe = new Float32Array(DESCRIPTOR_LENGTH);
  /** The largest quantisation error of any row put (never lowered: removals only loosen the bound). */
  private largestRowError = 0;
  private subjects: string[] = [];
  private readonly slots = new Map<string, number>();
  private lastCandidates = 0;

  constructor(initialCapacity = 1024, options: { simd?: boolean } = {}) {
    this.capacity = Math.max(16, initialCapacity);
    this.kernel = options.simd === false ? null : createScanKernel(this.pagesFor(this.capacity));
    if (!this.kernel) this.jsBuffer = new ArrayBuffer(this.bytesFor(this.capacity));
    this.mapViews();
  }

  get size(): number {
    return this.subjects.length;
  }

  get usesSimd(): boolean {
    return this.kernel !== null;
  }

  /** Bytes held: the scan memory (probe codes, row codes, scales, candidates) and the float32 row blocks. */
  get bytesHeld(): { scan: number; rows: number } {
    const scan = this.kernel ? this.kernel.memory.buffer.byteLength : this.jsBuffer!.byteLength;
    return { scan, rows: this.blocks.length * ROWS_PER_BLOCK * DESCRIPTOR_LENGTH * 4 };
  }

  /** How many rows the last search scored exactly (for the benchmark and tests). */
  get lastExactlyScored(): number {
    return this.lastCandidates;
  }

  has(subject: string): boolean {
    return this.slots.has(subject);
  }

  put(subject: string, template: ArrayLike<number>): void {
    assertDescriptor(template, 'a template');
    let slot = this.slots.get(subject);
    if (slot === undefined) {
      slot = this.subjects.length;
      if (slot >= this.capacity) this.grow(this.capacity * 2);
      if (slot % ROWS_PER_BLOCK === 0 && slot / ROWS_PER_BLOCK === this.blocks.length) this.blocks.push(new Float32Array(ROWS_PER_BLOCK * DESCRIPTOR_LENGTH));
      this.subjects.push(subject);
      this.slots.set(subject, slot);
    }
    const normalised = l2Normalize(template);
    const { block, offset } = this.rowAt(slot);
    block.set(normalised, offset);
    const { scale, error } = quantise(normalised, this.codes.subarray(slot * DESCRIPTOR_LENGTH, (slot + 1) * DESCRIPTOR_LENGTH), ROW_CODE_MAX);
    this.scales[slot] = scale;
    this.largestRowError = Math.max(this.largestRowError, error);
    normalised.fill(0);
  }

  remove(subject: string): boolean {
    const slot = this.slots.get(subject);
    if (slot === undefined) return false;
    const last = this.subjects.length - 1;
    const lastRow = this.rowAt(last);
    if (slot !== last) {
      const moved = this.subjects[last]!;
      const hole = this.rowAt(slot);
      hole.block.set(lastRow.block.subarray(lastRow.offset, lastRow.offset + DESCRIPTOR_LENGTH), hole.offset);
      this.codes.copyWithin(slot * DESCRIPTOR_LENGTH, last * DESCRIPTOR_LENGTH, (last + 1) * DESCRIPTOR_LENGTH);
      this.scales[slot] = this.scales[last]!;
      this.subjects[slot] = moved;
      this.slots.set(moved, slot);
    }
    // The removed template, or the moved row's old place (a copy of it), is not left in memory.
    lastRow.block.fill(0, lastRow.offset, lastRow.offset + DESCRIPTOR_LENGTH);
    this.codes.fill(0, last * DESCRIPTOR_LENGTH, (last + 1) * DESCRIPTOR_LENGTH);
    this.scales[last] = 0;
    if (last % ROWS_PER_BLOCK === 0) this.blocks.pop(); // all zero now
    this.subjects.pop();
    this.slots.delete(subject);
    return true;
  }

  /** The nearest and second-nearest subjects by euclidean distance (between normalised vectors). */
  nearestTwo(probe: ArrayLike<number>): NearestTwo {
    assertDescriptor(probe, 'a probe');
    const n = this.subjects.length;
    const normalised = l2Normalize(probe);
    this.probe.set(normalised);
    normalised.fill(0);
    let found = 0;
    try {
      const { scale, error } = quantise(this.probe, this.probeCodes, PROBE_CODE_MAX);
      const e = this.largestRowError;
      // In the scores' units (the probe's scale divided out): twice the most a score is off.
      const reach = (2 * (e + (1 + e) * error + ROUNDING_SLACK)) / scale;
      // The kernel subtracts in float32: a reach 0.1% wider covers that rounding (|second| < 5000·reach).
      found = this.kernel
        ? this.kernel.scan(this.codes.byteOffset, this.scales.byteOffset, n, 0, this.candidateRows.byteOffset, Math.fround(reach * 1.001))
        : this.scanInJs(n, reach);
      return this.rerank(this.candidates(found, reach));
    } finally {
      this.probe.fill(0);
      this.probeCodes.fill(0);
      this.candidateRows.fill(0, 0, 2 * found);
    }
  }

  /**
   * Test-only: byte views of every buffer the index holds (the scan memory, the float32 row
   * blocks, the probe), to show that no deleted template or probe is left in them.
   */
  backingBytesForTests(): Uint8Array[] {
    const scan = this.kernel ? this.kernel.memory.buffer : this.jsBuffer!;
    return [new Uint8Array(scan), ...[...this.blocks, this.probe].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength))];
  }

  /**
   * Of the rows the scan kept (a superset, in row order), those within `reach` of the second-best
   * approximate score: every row that can be nearest or second-nearest.
   */
  private candidates(found: number, reach: number): number[] {
    let first = -Infinity;
    let second = -Infinity;
    for (let k = 0; k < found; k++) {
      const v = this.candidateScores[2 * k + 1]!;
      if (v > second) {
        if (v > first) {
          second = first;
          first = v;
        } else second = v;
      }
    }
    const rows: number[] = [];
    for (let k = 0; k < found; k++) if (this.candidateScores[2 * k + 1]! >= second - reach) rows.push(this.candidateRows[2 * k]!);
    return rows;
  }

  /** Best and second-best of the candidates by their exact float32 dot products, ties to the lower row. */
  private rerank(candidates: number[]): NearestTwo {
    this.lastCandidates = candidates.length;
    let best = -1;
    let second = -1;
    let bestDot = -Infinity;
    let secondDot = -Infinity;
    for (const s of candidates) {
      const { block, offset } = this.rowAt(s);
      const d = float32Dot(block, offset, this.probe);
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

  /** The kernel in JS: the same scores (exact integer sums, float32(sum) · scale in float32), the same candidates. */
  private scanInJs(n: number, reach: number): number {
    const codes = this.codes;
    const q = this.probeCodes;
    let first = -Infinity;
    let second = -Infinity;
    let found = 0;
    for (let s = 0, off = 0; s < n; s++, off += DESCRIPTOR_LENGTH) {
      let sum = 0;
      for (let i = 0; i < DESCRIPTOR_LENGTH; i++) sum += codes[off + i]! * q[i]!;
      const v = Math.fround(Math.fround(sum) * this.scales[s]!);
      if (v < second - reach) continue;
      this.candidateRows[2 * found] = s;
      this.candidateScores[2 * found + 1] = v;
      found++;
      if (v > second) {
        if (v > first) {
          second = first;
          first = v;
        } else second = v;
      }
    }
    return found;
  }

  private rowAt(slot: number): { block: Float32Array; offset: number } {
    return { block: this.blocks[Math.floor(slot / ROWS_PER_BLOCK)]!, offset: (slot % ROWS_PER_BLOCK) * DESCRIPTOR_LENGTH };
  }

  private bytesFor(capacity: number): number {
    return PROBE_CODE_BYTES + capacity * (DESCRIPTOR_LENGTH + 4 + 8);
  }

  private pagesFor(capacity: number): number {
    return Math.ceil(this.bytesFor(capacity) / PAGE);
  }

  private mapViews(): void {
    const buffer = this.kernel ? this.kernel.memory.buffer : this.jsBuffer!;
    const cap = this.capacity;
    const candidatesAt = PROBE_CODE_BYTES + cap * (DESCRIPTOR_LENGTH + 4);
    this.probeCodes = new Int16Array(buffer, 0, DESCRIPTOR_LENGTH);
    this.codes = new Int8Array(buffer, PROBE_CODE_BYTES, cap * DESCRIPTOR_LENGTH);
    this.scales = new Float32Array(buffer, PROBE_CODE_BYTES + cap * DESCRIPTOR_LENGTH, cap);
    this.candidateRows = new Int32Array(buffer, candidatesAt, 2 * cap);
    this.candidateScores = new Float32Array(buffer, candidatesAt, 2 * cap);
  }

  /** Doubles the capacity: the codes stay in place, the scales move up behind them (the candidates are scratch). */
  private grow(capacity: number): void {
    const oldCapacity = this.capacity;
    const count = this.subjects.length;
    if (this.kernel) {
      const scalesAt = this.scales.byteOffset;
      const have = this.kernel.memory.buffer.byteLength / PAGE;
      const need = this.pagesFor(capacity);
      if (need > have) this.kernel.memory.grow(need - have);
      this.capacity = capacity;
      this.mapViews();
      // The old scales and candidates lie where the new slots' codes are now: move the scales, zero both.
      const buffer = this.kernel.memory.buffer;
      this.scales.set(new Float32Array(buffer, scalesAt, count));
      new Uint8Array(buffer, scalesAt, oldCapacity * 12).fill(0);
      return;
    }
    const old = this.jsBuffer!;
    const oldCodes = this.codes;
    const oldScales = this.scales;
    this.jsBuffer = new ArrayBuffer(this.bytesFor(capacity));
    this.capacity = capacity;
    this.mapViews();
    this.codes.set(oldCodes);
    this.scales.set(oldScales);
    new Uint8Array(old).fill(0); // garbage now, but its codes would stay until the memory is reused
  }
}
