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
}

const NEUTRAL_YAW = 0.15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
  private baselineSamples: FaceGeometry[] = [];
  private baseline: Baseline | null = null;
  private current = 0;
  /** When the current challenge was first asked; null while waiting for a neutral face. */
  private challengeShownAt: number | null = null;
  private eyesClosedSeen = false;
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

  /** Feeds one tracking frame: the landmarks of the only face, or null when there was not exactly one face. */
  update(landmarks: Point[] | null): LivenessState {
    if (this.phase === 'passed' || this.phase === 'failed') return this.state;
    const now = this.options.clock();
    if (now - this.startedAt > this.opts.totalTimeoutMs) return this.fail('timeout');
    if (this.challengeShownAt !== null && now - this.challengeShownAt > this.opts.challengeTimeoutMs) return this.fail('timeout');
    if (!landmarks) {
      this.missing++;
      return this.missing > this.opts.maxMissingFrames ? this.fail('face-lost') : this.state;
    }
    this.missing = 0;
    const g = faceGeometry(landmarks);
    if (this.phase === 'baseline') {
      if (Math.abs(g.yaw) <= NEUTRAL_YAW) this.baselineSamples.push(g);
      if (this.baselineSamples.length >= this.opts.baselineFrames) {
        this.baseline = {
          yaw: median(this.baselineSamples.map((s) => s.yaw)),
          eyeOpening: median(this.baselineSamples.map((s) => s.eyeOpening)),
          mouthOpening: median(this.baselineSamples.map((s) => s.mouthOpening)),
        };
        this.phase = 'challenge';
        this.challengeShownAt = now;
      }
      return this.state;
    }
    const base = this.baseline!;
    if (this.challengeShownAt === null) {
      // Between challenges the face comes back to neutral before the next one is asked.
      if (this.isNeutral(g, base)) this.challengeShownAt = now;
      return this.state;
    }
    if (this.challengeMet(this.challenges[this.current]!, g, base)) {
      this.current++;
      this.eyesClosedSeen = false;
      if (this.current >= this.challenges.length) {
        this.phase = 'passed';
      } else {
        this.challengeShownAt = null;
      }
    }
    return this.state;
  }

  private isNeutral(g: FaceGeometry, base: Baseline): boolean {
    return (
      Math.abs(g.yaw - base.yaw) <= NEUTRAL_YAW &&
      g.mouthOpening < base.mouthOpening + this.opts.mouthRise / 2 &&
      g.eyeOpening > base.eyeOpening * this.opts.blinkOpenFraction
    );
  }

  private challengeMet(challenge: LivenessChallenge, g: FaceGeometry, base: Baseline): boolean {
    switch (challenge) {
      case 'turn-left':
        // The citizen's left is the image's right in an unmirrored camera frame: yaw grows.
        return g.yaw - base.yaw >= this.opts.turnYaw;
      case 'turn-right':
        return base.yaw - g.yaw >= this.opts.turnYaw;
      case 'open-mouth':
        return g.mouthOpening - base.mouthOpening >= this.opts.mouthRise;
      case 'blink':
        if (Math.abs(g.yaw - base.yaw) > NEUTRAL_YAW) return false;
        if (g.eyeOpening <= base.eyeOpening * this.opts.blinkClosedFraction) this.eyesClosedSeen = true;
        return this.eyesClosedSeen && g.eyeOpening >= base.eyeOpening * this.opts.blinkOpenFraction;
    }
  }

  private fail(reason: LivenessFailure): LivenessState {
    this.phase = 'failed';
    this.failure = reason;
    return this.state;
  }
}
