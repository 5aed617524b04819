/** One labelled comparison: the distance between two images and whether they show one person. */
export interface ScoredPair {
  distance: number;
  same: boolean;
}

export interface CalibrationRow {
  threshold: number;
  /** False accept rate: different-person pairs below the threshold / all different-person pairs. */
  far: number;
  /** False reject rate: same-person pairs at or above the threshold / all same-person pairs. */
  frr: number;
  falseAccepts: number;
  falseRejects: number;
}

export interface CalibrationResult {
  samePairs: number;
  differentPairs: number;
  rows: CalibrationRow[];
  chosen: CalibrationRow;
  maxFar: number;
}

export function rowAt(pairs: readonly ScoredPair[], threshold: number): CalibrationRow {
  let falseAccepts = 0;
  let falseRejects = 0;
  let same = 0;
  let different = 0;
  for (const p of pairs) {
    if (p.same) {
      same++;
      if (p.distance >= threshold) falseRejects++;
    } else {
      different++;
      if (p.distance < threshold) falseAccepts++;
    }
  }
  return { threshold, far: different ? falseAccepts / different : 0, frr: same ? falseRejects / same : 0, falseAccepts, falseRejects };
}

export function thresholdRange(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = from; t <= to + 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}

/**
 * FAR/FRR over a range of thresholds, and the chosen threshold: the lowest FRR whose FAR stays
 * within `maxFar`; among equal FRRs, the middle of the run (furthest from both error kinds).
 */
export function calibrate(pairs: readonly ScoredPair[], thresholds: readonly number[], maxFar: number): CalibrationResult {
  if (!pairs.some((p) => p.same) || !pairs.some((p) => !p.same)) {
    throw new Error('calibration needs both same-person and different-person pairs');
  }
  const rows = thresholds.map((t) => rowAt(pairs, t));
  const allowed = rows.filter((r) => r.far <= maxFar);
  if (allowed.length === 0) throw new Error(`no threshold in the range keeps FAR within ${maxFar}`);
  const bestFrr = Math.min(...allowed.map((r) => r.frr));
  const run = allowed.filter((r) => r.frr === bestFrr);
  const chosen = run[Math.floor((run.length - 1) / 2)]!;
  return {
    samePairs: pairs.filter((p) => p.same).length,
    differentPairs: pairs.filter((p) => !p.same).length,
    rows,
    chosen,
    maxFar,
  };
}

/** A count out of a number of trials, with its two-sided Clopper–Pearson confidence interval. */
export interface RateWithBounds {
  count: number;
  of: number;
  rate: number;
  lower: number;
  upper: number;
  confidence: number;
}

/** log(k!) for k = 0..n. */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) out[k] = out[k - 1]! + Math.log(k);
  return out;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number, logFact: Float64Array): number {
  if (p <= 0) return 1;
  if (p >= 1) return k >= n ? 1 : 0;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let i = 0; i <= k; i++) sum += Math.exp(logFact[n]! - logFact[i]! - logFact[n - i]! + i * lp + (n - i) * lq);
  return Math.min(1, sum);
}

/** The p in (0, 1) where the decreasing `f` crosses `target` (bisection; f(0) ≥ target ≥ f(1)). */
function solveDecreasing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Clopper–Pearson) interval for a binomial proportion: `count` events in `of`
 * independent trials. With no event the upper bound is 1 − (α/2)^(1/n): 0 false accepts in 357
 * pairs still allows a FAR up to 1.03 % at 95 %. Trials that are not independent (pairs sharing a
 * photo or a person) make the true uncertainty larger than this interval.
 */
export function clopperPearson(count: number, of: number, confidence = 0.95): RateWithBounds {
  if (!Number.isInteger(count) || !Number.isInteger(of) || of <= 0 || count < 0 || count > of) {
    throw new Error(`a rate needs 0 ≤ count ≤ trials and trials > 0 (got ${count} of ${of})`);
  }
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must lie between 0 and 1 (got ${confidence})`);
  const tail = (1 - confidence) / 2;
  const logFact = logFactorials(of);
  // Upper: the p at which seeing `count` or fewer has probability α/2; lower: `count` or more.
  const upper = count === of ? 1 : solveDecreasing((p) => binomialCdf(count, of, p, logFact), tail);
  const lower = count === 0 ? 0 : solveDecreasing((p) => binomialCdf(count - 1, of, p, logFact), 1 - tail);
  return { count, of, rate: count / of, lower, upper, confidence };
}
