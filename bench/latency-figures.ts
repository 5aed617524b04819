// How the benchmarks report a set of timings: percentiles of a sorted sample, and one line with the
// median, p95, min and max beside the target the median must meet.

/** The value at percentile `p` (0–100) of `sorted` (ascending), by the nearest-rank rule. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Prints one line for `samples` (ms) and returns whether their median meets `targetMs`. */
export function latencySummary(label: string, samples: number[], targetMs: number): boolean {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  const met = median <= targetMs;
  console.log(
    `${label}: median ${median.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms over ${samples.length} — target ≤ ${targetMs} ms (median): ${met ? 'met' : 'NOT met'}`,
  );
  return met;
}
