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
