import { calibrate, clopperPearson, rowAt, type CalibrationResult, type CalibrationRow, type RateWithBounds, type ScoredPair } from './calibration';
import { pairsFromIdentities, pairsWithin, splitIdentities, type Identities, type LabelledPair } from './dataset';
import { IDENTIFY_MARGIN } from '../../common/face/decision-policy';
import { leaveOneOutIdentification, leaveOneOutTemplatePairs, type LeaveOneOutIdentification } from './identify-calibration';
import { euclideanDistance, probeVector } from '../../common/face/matching';

export interface CalibrationInput {
  identities: Identities;
  /** Labelled photo pairs for verification (a pairs file); default: every pair of the identities. */
  pairs?: readonly LabelledPair[] | null;
  /** The descriptor of a photo, null when it has no usable face (left out). */
  descriptorOf: (file: string) => Float32Array | null;
  thresholds: readonly number[];
  maxFar: number;
  /**
   * Part the identities with this seed (`splitIdentities`), choose the thresholds on the
   * calibration part and judge them on the evaluation part. Null: choose on everything, judge nothing.
   */
  splitSeed?: number | null;
  /** The identification margin the evaluation applies (default `IDENTIFY_MARGIN`). */
  identifyMargin?: number;
  /** Of the evaluation's intervals (default 0.95). */
  confidence?: number;
}

/** The chosen thresholds applied to identities they were not chosen on. */
export interface HeldOutFigures {
  identities: string[];
  photos: number;
  verify: {
    threshold: number;
    far: RateWithBounds;
    frr: RateWithBounds;
    /**
     * Different-person pairs with one photo in each part: not used to choose either, but one of
     * the two people was, so they are reported beside the evaluation, not as it.
     */
    farAcrossParts: RateWithBounds | null;
  };
  identify: {
    threshold: number;
    margin: number;
    /** Probe against template, by threshold alone (what the calibration counts). */
    far: RateWithBounds;
    frr: RateWithBounds;
    /** The 1:N decision, margin included, leave one out. */
    decisions: LeaveOneOutIdentification;
    /** Probes not identified as themselves (refused or taken for someone else). */
    missed: RateWithBounds;
    /** Probes taken for another enrolled person. */
    wrong: RateWithBounds;
    /** Probes whose identity was left out of the gallery, accepted as someone. */
    strangersAccepted: RateWithBounds;
  };
}

export interface CalibrationReport {
  /** Photos the pairs and identities name. */
  images: number;
  maxFar: number;
  split: { seed: number; calibration: string[]; evaluation: string[] } | null;
  /** Verify (photo against photo) on the calibration part (or everything without a split). */
  verify: CalibrationResult;
  /** Identify (photo against the template of the identity's other photos), likewise. */
  identify: CalibrationResult;
  evaluation: HeldOutFigures | null;
}

function scorePairs(pairs: readonly LabelledPair[], descriptorOf: (file: string) => Float32Array | null): ScoredPair[] {
  return pairs.flatMap((p) => {
    const a = descriptorOf(p.a);
    const b = descriptorOf(p.b);
    return a && b ? [{ distance: euclideanDistance(probeVector(a), probeVector(b)), same: p.same }] : [];
  });
}

function rates(row: CalibrationRow, pairs: readonly ScoredPair[], confidence: number): { far: RateWithBounds; frr: RateWithBounds } {
  const same = pairs.filter((p) => p.same).length;
  const different = pairs.length - same;
  if (same === 0 || different === 0) throw new Error('the evaluation part needs both same-person and different-person pairs');
  return { far: clopperPearson(row.falseAccepts, different, confidence), frr: clopperPearson(row.falseRejects, same, confidence) };
}

/**
 * `kioskctl face calibrate`: FAR and FRR tables and the chosen verify and identify thresholds;
 * with a split seed, chosen on one part of the identities and judged on the other, where both
 * errors are given with their confidence interval.
 */
export function runCalibration(input: CalibrationInput): CalibrationReport {
  const confidence = input.confidence ?? 0.95;
  const margin = input.identifyMargin ?? IDENTIFY_MARGIN;
  const allPairs = input.pairs ?? pairsFromIdentities(input.identities);
  const images = new Set([...allPairs.flatMap((p) => [p.a, p.b]), ...Object.values(input.identities).flat()]).size;
  const split = input.splitSeed === null || input.splitSeed === undefined ? null : splitIdentities(input.identities, input.splitSeed);
  const calibrationIdentities = split ? split.calibration : input.identities;
  const calibrationPairs = split ? pairsForPart(input.pairs, split.calibration) : allPairs;
  const verify = calibrate(scorePairs(calibrationPairs, input.descriptorOf), input.thresholds, input.maxFar);
  const identify = calibrate(leaveOneOutTemplatePairs(calibrationIdentities, input.descriptorOf), input.thresholds, input.maxFar);
  if (!split) return { images, maxFar: input.maxFar, split: null, verify, identify, evaluation: null };

  const held = split.evaluation;
  const verifyPairs = scorePairs(pairsForPart(input.pairs, held), input.descriptorOf);
  const calibrationFiles = new Set(Object.values(split.calibration).flat());
  const heldFiles = new Set(Object.values(held).flat());
  const across = scorePairs(
    allPairs.filter((p) => !p.same && ((calibrationFiles.has(p.a) && heldFiles.has(p.b)) || (heldFiles.has(p.a) && calibrationFiles.has(p.b)))),
    input.descriptorOf,
  );
  const identifyPairs = leaveOneOutTemplatePairs(held, input.descriptorOf);
  const policy = { threshold: identify.chosen.threshold, margin };
  const decisions = leaveOneOutIdentification(held, input.descriptorOf, policy);
  if (decisions.probes === 0) throw new Error('the evaluation part has no identity with two usable photos');
  return {
    images,
    maxFar: input.maxFar,
    split: { seed: split.seed, calibration: Object.keys(split.calibration), evaluation: Object.keys(held) },
    verify,
    identify,
    evaluation: {
      identities: Object.keys(held),
      photos: Object.values(held)
        .flat()
        .filter((f) => input.descriptorOf(f) !== null).length,
      verify: {
        threshold: verify.chosen.threshold,
        ...rates(rowAt(verifyPairs, verify.chosen.threshold), verifyPairs, confidence),
        farAcrossParts: across.length > 0 ? clopperPearson(rowAt(across, verify.chosen.threshold).falseAccepts, across.length, confidence) : null,
      },
      identify: {
        threshold: identify.chosen.threshold,
        margin,
        ...rates(rowAt(identifyPairs, identify.chosen.threshold), identifyPairs, confidence),
        decisions,
        missed: clopperPearson(decisions.probes - decisions.identified, decisions.probes, confidence),
        wrong: clopperPearson(decisions.wrong, decisions.probes, confidence),
        strangersAccepted: clopperPearson(decisions.strangersAccepted, decisions.probes, confidence),
      },
    },
  };
}

/** A part's pairs: those of the pairs file inside it, or every pair of its identities (never a pair across parts). */
function pairsForPart(pairs: readonly LabelledPair[] | null | undefined, part: Identities): LabelledPair[] {
  return pairs ? pairsWithin(pairs, part) : pairsFromIdentities(part);
}

const pct = (r: number) => (r * 100).toFixed(2).padStart(6) + '%';

function bounded(r: RateWithBounds): string {
  return `${pct(r.rate).trim()} (${r.count}/${r.of}; ${Math.round(r.confidence * 100)}% interval ${pct(r.lower).trim()}–${pct(r.upper).trim()})`;
}

/** The report as `kioskctl face calibrate --json` prints it (the verify figures at the top level). */
export function calibrationReportJson(report: CalibrationReport, backend: string, unusable: readonly string[]): Record<string, unknown> {
  const { verify, identify } = report;
  return {
    images: report.images,
    unusable,
    pairs: verify.samePairs + verify.differentPairs,
    samePairs: verify.samePairs,
    differentPairs: verify.differentPairs,
    maxFar: report.maxFar,
    rows: verify.rows,
    chosen: verify.chosen,
    identify: { samePairs: identify.samePairs, differentPairs: identify.differentPairs, rows: identify.rows, chosen: identify.chosen },
    split: report.split,
    evaluation: report.evaluation,
    backend,
  };
}

/** The report as the tables `kioskctl face calibrate` prints. */
export function formatCalibrationReport(report: CalibrationReport, backend: string, unusable: readonly string[]): string {
  const { verify, identify, split, evaluation } = report;
  const line = (r: CalibrationRow) =>
    `${r.threshold.toFixed(3)}  ${pct(r.far)}  ${pct(r.frr)}  ${String(r.falseAccepts).padStart(4)}  ${String(r.falseRejects).padStart(4)}`;
  const part = split ? ` on the calibration part (${split.calibration.length} identities: ${split.calibration.join(', ')})` : '';
  const out = [
    `${report.images} images (${unusable.length} unusable), backend ${backend}`,
    ...unusable.map((u) => `  unusable: ${u}`),
    ...(split ? [`split by identity, seed ${split.seed}: calibration ${split.calibration.join(', ')}; evaluation ${split.evaluation.join(', ')}`] : []),
    `verify (photo against photo)${part}: ${verify.samePairs} same-person and ${verify.differentPairs} different-person pairs`,
    'threshold     FAR     FRR    FA    FR',
    ...verify.rows.map(line),
    `chosen verify threshold ${verify.chosen.threshold} (FAR ${pct(verify.chosen.far).trim()}, FRR ${pct(verify.chosen.frr).trim()}; FAR target ≤ ${report.maxFar * 100}%)`,
    `identify (photo against the template of the other photos, leave one out${part}: ${identify.samePairs} genuine, ${identify.differentPairs} impostor)`,
    'threshold     FAR     FRR    FA    FR',
    ...identify.rows.map(line),
    `chosen identify threshold ${identify.chosen.threshold} (FAR ${pct(identify.chosen.far).trim()}, FRR ${pct(identify.chosen.frr).trim()})`,
  ];
  if (evaluation) {
    const d = evaluation.identify.decisions;
    out.push(
      `evaluation part: ${evaluation.identities.length} identities (${evaluation.identities.join(', ')}), ${evaluation.photos} photos — thresholds not chosen on them`,
      `  verify at ${evaluation.verify.threshold}: FAR ${bounded(evaluation.verify.far)}, FRR ${bounded(evaluation.verify.frr)}`,
      ...(evaluation.verify.farAcrossParts
        ? [
            `  verify at ${evaluation.verify.threshold}, different people one in each part (not an evaluation: one of them was calibrated on): FAR ${bounded(evaluation.verify.farAcrossParts)}`,
          ]
        : []),
      `  identify at ${evaluation.identify.threshold} (pairs): FAR ${bounded(evaluation.identify.far)}, FRR ${bounded(evaluation.identify.frr)}`,
      `  identify 1:N at ${evaluation.identify.threshold} + margin ${evaluation.identify.margin}, leave one out: ${d.identified}/${d.probes} identified, ${d.wrong} as someone else, ${d.refused} refused; strangers accepted ${bounded(evaluation.identify.strangersAccepted)}`,
      '  pairs share photos and people: the intervals assume independent trials and understate the uncertainty',
    );
  }
  return out.join('\n');
}
