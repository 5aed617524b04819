/**
 * Offline handwriting recognition over the stroke medians of Make Me a Hanzi (hanzi-writer-data):
 * each character is a few strokes, each stroke resampled to a fixed number of points in a unit box.
 * A written character is normalised the same way and scored against every template with about as
 * many strokes by aligning the two stroke sequences (dynamic programming with a cost for a skipped
 * stroke), so a joined, missing or extra stroke costs a little rather than everything.
 */

/** Points each stroke is resampled to, in the templates and in the written character. */
export const POINTS_PER_STROKE = 8;

/** One stroke as written: points in screen order, y pointing down (any units). */
export type Stroke = readonly (readonly [number, number])[];

/**
 * The templates as the build writes them (scripts/build-chinese-input-data.ts): the characters, the
 * stroke count of each, and per stroke POINTS_PER_STROKE (x, y) pairs quantised to 0–255 over the
 * normalised box, y pointing down.
 */
export interface HandwritingTemplates {
  chars: string[];
  strokeCounts: Uint8Array;
  points: Uint8Array;
}

/** Cost of a stroke of either side left unmatched (a mean point distance, in unit-box units). */
const SKIP = 0.35;
/** Extra cost of matching two neighbouring strokes written in the other order. */
const SWAP = 0.05;
/** Templates considered: stroke counts within this many of the written one. */
const STROKE_COUNT_SLACK = 2;

/** A stroke resampled to `n` points evenly spaced along its length. */
export function resampleStroke(points: Stroke, n: number): [number, number][] {
  if (points.length === 0) return [];
  if (points.length === 1) return Array.from({ length: n }, () => [points[0]![0], points[0]![1]]);
  const along = [0];
  for (let i = 1; i < points.length; i++) along.push(along[i - 1]! + Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]));
  const length = along[along.length - 1]! || 1;
  const out: [number, number][] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const at = (length * k) / (n - 1);
    while (j < points.length - 2 && along[j + 1]! < at) j++;
    const segment = along[j + 1]! - along[j]! || 1;
    const a = Math.min(1, Math.max(0, (at - along[j]!) / segment));
    out.push([points[j]![0] + a * (points[j + 1]![0] - points[j]![0]), points[j]![1] + a * (points[j + 1]![1] - points[j]![1])]);
  }
  return out;
}

/**
 * Strokes moved into a unit box centred on 0 (aspect ratio kept: a 一 stays flat) and resampled,
 * as one array of x, y pairs stroke after stroke.
 */
export function normaliseStrokes(strokes: readonly Stroke[]): Float32Array {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const s of strokes)
    for (const [x, y] of s) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  const scale = Math.max(x1 - x0, y1 - y0) || 1;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const out = new Float32Array(strokes.filter((s) => s.length > 0).length * POINTS_PER_STROKE * 2);
  let o = 0;
  for (const s of strokes) {
    if (s.length === 0) continue;
    for (const [x, y] of resampleStroke(s, POINTS_PER_STROKE)) {
      out[o++] = (x - cx) / scale;
      out[o++] = (y - cy) / scale;
    }
  }
  return out;
}

/** A normalised coordinate (−0.5…0.5) as the templates store it, and back. */
export const quantise = (v: number) => Math.max(0, Math.min(255, Math.round((v + 0.5) * 255)));
const dequantise = (q: number) => q / 255 - 0.5;

const STROKE_FLOATS = POINTS_PER_STROKE * 2;

export class HandwritingMatcher {
  /** Templates by stroke count: the index of each and where its points start. */
  private readonly byCount = new Map<number, { index: number[]; start: number[] }>();
  private readonly points: Float32Array;
  private readonly chars: string[];
  private scratch = new Float64Array(0);

  constructor(templates: HandwritingTemplates) {
    this.chars = templates.chars;
    this.points = Float32Array.from(templates.points, dequantise);
    let start = 0;
    templates.strokeCounts.forEach((count, index) => {
      let group = this.byCount.get(count);
      if (!group) this.byCount.set(count, (group = { index: [], start: [] }));
      group.index.push(index);
      group.start.push(start);
      start += count * STROKE_FLOATS;
    });
  }

  /** The characters most like what was written, best first (at most `limit`). */
  match(strokes: readonly Stroke[], limit = 10): string[] {
    const written = normaliseStrokes(strokes);
    const n = written.length / STROKE_FLOATS;
    if (n === 0) return [];
    const best: { score: number; index: number }[] = [];
    for (let m = Math.max(1, n - STROKE_COUNT_SLACK); m <= n + STROKE_COUNT_SLACK; m++) {
      const group = this.byCount.get(m);
      if (!group) continue;
      for (let g = 0; g < group.index.length; g++) {
        const worst = best.length === limit ? best[limit - 1]!.score : Infinity;
        const score = this.align(written, n, group.start[g]!, m, worst);
        if (score >= worst) continue;
        let at = best.length === limit ? limit - 1 : best.length;
        best[at] = { score, index: group.index[g]! };
        while (at > 0 && best[at - 1]!.score > score) {
          [best[at - 1], best[at]] = [best[at]!, best[at - 1]!];
          at--;
        }
      }
    }
    return best.map((b) => this.chars[b.index]!);
  }

  /** Alignment cost of the written strokes against one template, per stroke of the longer of the two. */
  private align(written: Float32Array, n: number, start: number, m: number, abandonAbove: number): number {
    const width = m + 1;
    if (this.scratch.length < (n + 1) * width) this.scratch = new Float64Array((n + 1) * width * 2);
    const d = this.scratch;
    const limit = abandonAbove * Math.max(n, m);
    d[0] = 0;
    for (let j = 1; j <= m; j++) d[j] = j * SKIP;
    for (let i = 1; i <= n; i++) {
      const row = i * width;
      d[row] = i * SKIP;
      let rowMin = d[row]!;
      for (let j = 1; j <= m; j++) {
        const pair = d[row - width + j - 1]! + this.strokeDistance(written, (i - 1) * STROKE_FLOATS, start + (j - 1) * STROKE_FLOATS);
        let value = Math.min(pair, d[row - width + j]! + SKIP, d[row + j - 1]! + SKIP);
        // Two neighbouring strokes written in the other order (王's vertical before its middle bar).
        if (i > 1 && j > 1 && d[row - 2 * width + j - 2]! + SWAP < value) {
          const swapped =
            d[row - 2 * width + j - 2]! +
            SWAP +
            this.strokeDistance(written, (i - 2) * STROKE_FLOATS, start + (j - 1) * STROKE_FLOATS) +
            this.strokeDistance(written, (i - 1) * STROKE_FLOATS, start + (j - 2) * STROKE_FLOATS);
          if (swapped < value) value = swapped;
        }
        d[row + j] = value;
        if (value < rowMin) rowMin = value;
      }
      // Every path goes through this row: once all of it costs more than the worst kept, stop.
      if (rowMin > limit) return Infinity;
    }
    return d[n * width + m]! / Math.max(n, m);
  }

  private strokeDistance(a: Float32Array, ai: number, bi: number): number {
    const b = this.points;
    let sum = 0;
    for (let k = 0; k < STROKE_FLOATS; k += 2) {
      const dx = a[ai + k]! - b[bi + k]!;
      const dy = a[ai + k + 1]! - b[bi + k + 1]!;
      sum += Math.sqrt(dx * dx + dy * dy); // not Math.hypot: several times slower in V8, and this is the inner loop
    }
    return sum / POINTS_PER_STROKE;
  }
}
