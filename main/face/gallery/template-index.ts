import { DESCRIPTOR_LENGTH, type IdentifyCandidate } from '../matching';

/**
 * In-memory 1:N index: one row of 128 float32 per subject in a single Float32Array, searched
 * linearly (100,000 subjects in a few milliseconds). Removal moves the last row into the hole.
 */
export class TemplateIndex {
  private data: Float32Array;
  private subjects: string[] = [];
  private readonly slots = new Map<string, number>();

  constructor(initialCapacity = 1024) {
    this.data = new Float32Array(Math.max(1, initialCapacity) * DESCRIPTOR_LENGTH);
  }

  get size(): number {
    return this.subjects.length;
  }

  has(subject: string): boolean {
    return this.slots.has(subject);
  }

  put(subject: string, template: ArrayLike<number>): void {
    if (template.length !== DESCRIPTOR_LENGTH) throw new Error(`a template has ${DESCRIPTOR_LENGTH} values, got ${template.length}`);
    let slot = this.slots.get(subject);
    if (slot === undefined) {
      slot = this.subjects.length;
      if ((slot + 1) * DESCRIPTOR_LENGTH > this.data.length) {
        const grown = new Float32Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      this.subjects.push(subject);
      this.slots.set(subject, slot);
    }
    this.data.set(template, slot * DESCRIPTOR_LENGTH);
  }

  remove(subject: string): boolean {
    const slot = this.slots.get(subject);
    if (slot === undefined) return false;
    const last = this.subjects.length - 1;
    if (slot !== last) {
      const moved = this.subjects[last]!;
      this.data.copyWithin(slot * DESCRIPTOR_LENGTH, last * DESCRIPTOR_LENGTH, (last + 1) * DESCRIPTOR_LENGTH);
      this.subjects[slot] = moved;
      this.slots.set(moved, slot);
    }
    this.subjects.pop();
    this.slots.delete(subject);
    return true;
  }

  /** The nearest and second-nearest subjects by euclidean distance. */
  nearestTwo(probe: ArrayLike<number>): { best: IdentifyCandidate | null; second: IdentifyCandidate | null } {
    if (probe.length !== DESCRIPTOR_LENGTH) throw new Error(`a probe has ${DESCRIPTOR_LENGTH} values, got ${probe.length}`);
    const q = Float32Array.from(probe);
    const data = this.data;
    let best = -1;
    let second = -1;
    let bestD = Infinity;
    let secondD = Infinity;
    const n = this.subjects.length;
    for (let s = 0, off = 0; s < n; s++, off += DESCRIPTOR_LENGTH) {
      let sum = 0;
      for (let i = 0; i < DESCRIPTOR_LENGTH; i++) {
        const d = data[off + i]! - q[i]!;
        sum += d * d;
        if (sum >= secondD) break;
      }
      if (sum < bestD) {
        second = best;
        secondD = bestD;
        best = s;
        bestD = sum;
      } else if (sum < secondD) {
        second = s;
        secondD = sum;
      }
    }
    return {
      best: best >= 0 ? { subject: this.subjects[best]!, distance: Math.sqrt(bestD) } : null,
      second: second >= 0 ? { subject: this.subjects[second]!, distance: Math.sqrt(secondD) } : null,
    };
  }
}
