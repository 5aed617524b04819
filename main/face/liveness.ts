import type { LocalizedText } from '../../common/i18n/languages';
import type { Point } from './engine/protocol';
import { faceGeometry, type FaceGeometry } from './landmarks';
import { LIVENESS_PROMPTS, type LivenessChallenge } from './messages';

export interface LivenessOptions {
  /** Random source for the order of the challenges and the turn direction (injected: tests replay it). */
  rng: () => number;
  /** Milliseconds clock (injected). */
  clock: () => number;
  /** How many challenges (1-3) of turn / open mouth / blink; default 3. */
  challengeCount?: number;
  /** Frontal frames that make the person's baseline (open eyes, closed mouth, straight head). */
  baselineFrames?: number;
  /** Time for each challenge, from the moment it is shown. */
  challengeTimeoutMs?: number;
  /** Time for the whole check. */
  totalTimeoutMs?: number;
  /** Consecutive frames without exactly one face after which the check fails. */
  maxMissingFrames?: number;
  /** Yaw change (nose across the face width) a head turn must reach. */
  turnYaw?: number;
  /** Mouth opening (inner-lip gap / mouth width) above the baseline for "open mouth". */
  mouthRise?: number;
  /** Eye opening below this fraction of the person's baseline counts as closed ... */
  blinkClosedFraction?: number;
  /** ... and above this fraction as open again. */
  blinkOpenFraction?: number;
  /** Eye contrast (white and iris inside the eye outline) below this fraction of the baseline's also counts as closed ... */
  blinkContrastClosedFraction?: number;
  /** ... and it must be back above this fraction for the eyes to count as open. */
  blinkContrastOpenFraction?: number;
  /** The face crop's brightness must stay within this fraction of the baseline's for the eye contrast to count. */
  blinkBrightnessTolerance?: number;
  /**
   * A low eye contrast counts as a closed lid only when the eye's median luma (over the cheek's)
   * rose at least this fraction of the way from the open eye's towards the cheek's (a lid is skin;
   * a shadow, a finger's shade or a dark strip is not) ...
   */
  blinkLidRise?: number;
  /** ... is not lighter than this times the cheek (a lid sits in the eye's socket, a patch of paper or a finger does not) ... */
  blinkLidMaxLevel?: number;
  /** ... still shows this much contrast (lashes and crease: a lid is never one flat colour, a patch is) ... */
  blinkLidMinContrast?: number;
  /** ... and the cheek below the eyes (the measures' reference) kept its share of the face's brightness within this fraction: a lid does not cover it. */
  blinkCheekTolerance?: number;
  /** The face crop's sharpness must stay above (1 − this) × the baseline's for the eye contrast to count: a blur is not a blink. */
  blinkSharpnessTolerance?: number;
  /** Eyes closed for longer than this (first to last closed frame) before they open again are not a blink. */
  blinkMaxClosedMs?: number;
}

/**
 * What the frame's pixels say beyond the landmarks (from `FaceObservation`): the eyes' contrast
 * (white and iris visible) and median luma, both over the cheek's, the cheek's luma, and the face
 * crop's mean luma and sharpness.
 */
export interface EyeAppearance {
  eyeContrast: number | null;
  eyeLevel: number | null;
  cheekLuma: number | null;
  brightness: number;
  sharpness: number;
}

export type LivenessFailure = 'timeout' | 'face-lost';

export interface LivenessState {
  phase: 'baseline' | 'challenge' | 'passed' | 'failed';
  /** The challenge being asked for (phase `challenge`). */
  challenge: LivenessChallenge | null;
  /** Completed challenges / all challenges. */
  completed: number;
  total: number;
  failure: LivenessFailure | null;
  /** The sentence (and voice prompt) for the screen. */
  prompt: LocalizedText;
}

interface Baseline {
  yaw: number;
  eyeOpening: number;
  mouthOpening: number;
  /** Null when the frames came without appearance or it could not be measured. */
  eyeContrast: number | null;
  eyeLevel: number | null;
  /** The cheek's luma over the face crop's mean luma. */
  cheekShare: number | null;
  brightness: number | null;
  sharpness: number | null;
}

interface Sample extends FaceGeometry {
  appearance: EyeAppearance | null;
}

const NEUTRAL_YAW = 0.15;
/** Below this baseline eye contrast (eyes in deep shadow, tiny in the frame) the appearance measure is not used. */
const MIN_BASELINE_CONTRAST = 0.1;
/** Frontal frames the resting face is taken from once the challenges run. */
const BASELINE_WINDOW = 25;

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round(q * (sorted.length - 1))]!;
}

function cheekShareOf(a: EyeAppearance): number | null {
  return a.cheekLuma === null || a.brightness <= 0 ? null : a.cheekLuma / a.brightness;
}

export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(rng() * (i + 1)));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Active liveness from landmark sequences: a baseline of frontal frames, then challenges in
 * random order, each time-boxed. Measures are normalised by the face's own size (yaw by the face
 * width, eye and mouth openings by their widths) and blinks are judged against the person's own
 * open-eye baseline. A photo held in front of the camera moves as a flat picture: none of the
 * measures change, so every challenge times out.
 */
export class LivenessCheck {
  private readonly opts: Required<Omit<LivenessOptions, 'rng' | 'clock'>>;
  private readonly challenges: LivenessChallenge[];
  private readonly startedAt: number;
  private phase: LivenessState['phase'] = 'baseline';
  private failure: LivenessFailure | null = null;
  private baselineSamples: Sample[] = [];
  private baseline: Baseline | null = null;
  private current = 0;
  /** When the current challenge was first asked; null while waiting for a neutral face. */
  private challengeShownAt: number | null = null;
  /** The blink under way: when the eyes were first and last seen closed, null while they are open. */
  private closure: { first: number; last: number } | null = null;
  private missing = 0;

  constructor(private readonly options: LivenessOptions) {
    this.opts = {
      challengeCount: Math.max(1, Math.min(3, options.challengeCount ?? 3)),
      baselineFrames: options.baselineFrames ?? 5,
      challengeTimeoutMs: options.challengeTimeoutMs ?? 7000,
      totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
      maxMissingFrames: options.maxMissingFrames ?? 15,
      turnYaw: options.turnYaw ?? 0.35,
      mouthRise: options.mouthRise ?? 0.3,
      blinkClosedFraction: options.blinkClosedFraction ?? 0.7,
      blinkOpenFraction: options.blinkOpenFraction ?? 0.9,
      blinkContrastClosedFraction: options.blinkContrastClosedFraction ?? 0.5,
      blinkContrastOpenFraction: options.blinkContrastOpenFraction ?? 0.75,
      blinkBrightnessTolerance: options.blinkBrightnessTolerance ?? 0.15,
      blinkLidRise: options.blinkLidRise ?? 0.2,
      blinkLidMaxLevel: options.blinkLidMaxLevel ?? 1.2,
      blinkLidMinContrast: options.blinkLidMinContrast ?? 0.06,
      blinkCheekTolerance: options.blinkCheekTolerance ?? 0.2,
      blinkSharpnessTolerance: options.blinkSharpnessTolerance ?? 0.4,
      blinkMaxClosedMs: options.blinkMaxClosedMs ?? 600,
    };
    const turn: LivenessChallenge = options.rng() < 0.5 ? 'turn-left' : 'turn-right';
    this.challenges = shuffled<LivenessChallenge>([turn, 'open-mouth', 'blink'], options.rng).slice(0, this.opts.challengeCount);
    this.startedAt = options.clock();
  }

  /** The challenges in the order they will be asked. */
  get plan(): readonly LivenessChallenge[] {
    return this.challenges;
  }

  get state(): LivenessState {
    const challenge = this.phase === 'challenge' ? this.challenges[this.current]! : null;
    const prompt =
      this.phase === 'passed'
        ? LIVENESS_PROMPTS.passed
        : this.phase === 'failed'
          ? LIVENESS_PROMPTS.failed
          : challenge && this.challengeShownAt !== null
            ? LIVENESS_PROMPTS[challenge]
            : LIVENESS_PROMPTS['hold-still'];
    return { phase: this.phase, challenge, completed: this.current, total: this.challenges.length, failure: this.failure, prompt };
  }

  /**
   * Feeds one tracking frame: the landmarks of the only face (null when there was not exactly one
   * face), and what its pixels show of the eyes when the engine measured it.
   */
  update(landmarks: Point[] | null, appearance: EyeAppearance | null = null): LivenessState {
    if (this.phase === 'passed' || this.phase === 'failed') return this.state;
    const now = this.options.clock();
    if (now - this.startedAt > this.opts.totalTimeoutMs) return this.fail('timeout');
    if (this.challengeShownAt !== null && now - this.challengeShownAt > this.opts.challengeTimeoutMs) return this.fail('timeout');
    if (!landmarks) {
      this.missing++;
      return this.missing > this.opts.maxMissingFrames ? this.fail('face-lost') : this.state;
    }
    this.missing = 0;
    const g: Sample = { ...faceGeometry(landmarks), appearance };
    if (this.phase === 'baseline') {
      if (Math.abs(g.yaw) <= NEUTRAL_YAW) this.baselineSamples.push(g);
      if (this.baselineSamples.length >= this.opts.baselineFrames) {
        this.baseline = this.restingFace(median(this.baselineSamples.map((s) => s.yaw)));
        this.phase = 'challenge';
        this.challengeShownAt = now;
      }
      return this.state;
    }
    const met = this.afterBaseline(g, now);
    // Frontal frames keep refining the resting face (after they were judged against it).
    if (Math.abs(g.yaw - this.baseline!.yaw) <= NEUTRAL_YAW) {
      this.baselineSamples.push(g);
      if (this.baselineSamples.length > BASELINE_WINDOW) this.baselineSamples.shift();
      this.baseline = this.restingFace(this.baseline!.yaw);
    }
    return met;
  }

  /**
   * The person's resting face from the recent frontal frames: mouth closed and eyes open, so the
   * low end of the mouth openings and the high end of the eye measures (quartiles, not extremes,
   * for noise), not their medians: a blink or a word while the baseline is taken does not shift it.
   */
  private restingFace(yaw: number): Baseline {
    const samples = this.baselineSamples;
    const contrast = samples.flatMap((s) => (s.appearance?.eyeContrast != null ? [s.appearance.eyeContrast] : []));
    const level = samples.flatMap((s) => (s.appearance?.eyeLevel != null ? [s.appearance.eyeLevel] : []));
    const brightness = samples.flatMap((s) => (s.appearance ? [s.appearance.brightness] : []));
    const sharpness = samples.flatMap((s) => (s.appearance ? [s.appearance.sharpness] : []));
    const cheekShare = samples.flatMap((s) => (s.appearance ? [cheekShareOf(s.appearance)] : [])).filter((v): v is number => v !== null);
    const eyeContrast = quantile(contrast, 0.75);
    return {
      yaw,
      eyeOpening: quantile(samples.map((s) => s.eyeOpening), 0.75),
      mouthOpening: quantile(samples.map((s) => s.mouthOpening), 0.25),
      // Appearance counts only when most frames had it, and the eyes showed some contrast.
      eyeContrast: contrast.length * 2 > samples.length && eyeContrast >= MIN_BASELINE_CONTRAST ? eyeContrast : null,
      // The open eye's level is the low end (a closing lid raises it).
      eyeLevel: level.length ? quantile(level, 0.25) : null,
      cheekShare: cheekShare.length ? median(cheekShare) : null,
      brightness: brightness.length ? median(brightness) : null,
      // The sharp end: frames blurred on purpose cannot pull it down to their own level.
      sharpness: sharpness.length ? quantile(sharpness, 0.75) : null,
    };
  }

  private afterBaseline(g: Sample, now: number): LivenessState {
    const base = this.baseline!;
    if (this.challengeShownAt === null) {
      // Between challenges the face comes back to neutral before the next one is asked.
      if (this.isNeutral(g, base)) this.challengeShownAt = now;
      return this.state;
    }
    if (this.challengeMet(this.challenges[this.current]!, g, base, now)) {
      this.current++;
      this.closure = null;
      if (this.current >= this.challenges.length) {
        this.phase = 'passed';
      } else {
        this.challengeShownAt = null;
      }
    }
    return this.state;
  }

  private isNeutral(g: Sample, base: Baseline): boolean {
    return (
      Math.abs(g.yaw - base.yaw) <= NEUTRAL_YAW &&
      g.mouthOpening < base.mouthOpening + this.opts.mouthRise / 2 &&
      this.eyesOpen(g, base)
    );
  }

  /**
   * Eyes closed: the landmark opening dropped below its fraction of the baseline, or a lid is seen
   * over the eyes (lidSeen). face-api's 68 landmarks hardly follow a closing lid (docs/face.md,
   * Liveness), the pixels do.
   */
  private eyesClosed(g: Sample, base: Baseline): boolean {
    return g.eyeOpening <= base.eyeOpening * this.opts.blinkClosedFraction || this.lidSeen(g, base);
  }

  /**
   * With the light unchanged, the white and iris vanished from the eye outlines (contrast below its
   * fraction of the baseline's), and what covers them looks like a lid: lighter than the open eye,
   * towards the cheek but not past it, not one flat colour, the cheek itself unchanged, and the
   * face as sharp as before.
   * A hand, a strip of paper or a shadow over a photo's eyes, or a blurred photo, also lowers the
   * contrast; these guards tell them apart (docs/face.md, Liveness).
   */
  private lidSeen(g: Sample, base: Baseline): boolean {
    const contrast = this.comparableContrast(g, base);
    if (contrast === null || contrast > base.eyeContrast! * this.opts.blinkContrastClosedFraction) return false;
    const a = g.appearance!;
    const cheekShare = cheekShareOf(a);
    if (a.eyeLevel === null || cheekShare === null || base.eyeLevel === null || base.cheekShare === null || base.sharpness === null) return false;
    const lidLevel = base.eyeLevel + this.opts.blinkLidRise * Math.max(0, 1 - base.eyeLevel);
    if (a.eyeLevel < lidLevel || a.eyeLevel > this.opts.blinkLidMaxLevel) return false;
    if (contrast < this.opts.blinkLidMinContrast) return false;
    if (Math.abs(cheekShare / base.cheekShare - 1) > this.opts.blinkCheekTolerance) return false;
    return a.sharpness >= base.sharpness * (1 - this.opts.blinkSharpnessTolerance);
  }

  /** Eyes open: the landmark opening back near the baseline and, when measured, the iris visible again. */
  private eyesOpen(g: Sample, base: Baseline): boolean {
    if (g.eyeOpening < base.eyeOpening * this.opts.blinkOpenFraction) return false;
    const dark = this.comparableContrast(g, base);
    return dark === null || dark >= base.eyeContrast! * this.opts.blinkContrastOpenFraction;
  }

  /** The frame's eye contrast, when it can be compared with the baseline's (same light on the face). */
  private comparableContrast(g: Sample, base: Baseline): number | null {
    const a = g.appearance;
    if (!a || a.eyeContrast === null || base.eyeContrast === null || base.brightness === null) return null;
    if (Math.abs(a.brightness - base.brightness) > base.brightness * this.opts.blinkBrightnessTolerance) return null;
    return a.eyeContrast;
  }

  private challengeMet(challenge: LivenessChallenge, g: Sample, base: Baseline, now: number): boolean {
    switch (challenge) {
      case 'turn-left':
        // The citizen's left is the image's right in an unmirrored camera frame: yaw grows.
        return g.yaw - base.yaw >= this.opts.turnYaw;
      case 'turn-right':
        return base.yaw - g.yaw >= this.opts.turnYaw;
      case 'open-mouth':
        return g.mouthOpening - base.mouthOpening >= this.opts.mouthRise;
      case 'blink':
        return this.blinked(g, base, now);
    }
  }

  /**
   * Closed, then open again, and closed no longer than a blink lasts (first to last closed frame,
   * so a slow frame rate cannot stretch it): eyes covered for a while are not a blink.
   */
  private blinked(g: Sample, base: Baseline, now: number): boolean {
    if (Math.abs(g.yaw - base.yaw) > NEUTRAL_YAW) return false;
    if (this.eyesClosed(g, base)) {
      this.closure = this.closure ? { first: this.closure.first, last: now } : { first: now, last: now };
      return false;
    }
    if (!this.closure || !this.eyesOpen(g, base)) return false;
    const closedMs = this.closure.last - this.closure.first;
    this.closure = null;
    return closedMs <= this.opts.blinkMaxClosedMs;
  }

  private fail(reason: LivenessFailure): LivenessState {
    this.phase = 'failed';
    this.failure = reason;
    return this.state;
  }
}
