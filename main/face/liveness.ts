// Over 300 lines: one liveness check: the challenge order, the movement and blink measures and the decision read the same frame history.
import type { LocalizedText } from '../../common/i18n/languages';
import type { Point } from './engine/protocol';
import { faceGeometry, type FaceGeometry } from './landmarks';
import { LIVENESS_NOT_AS_ASKED, LIVENESS_PROMPTS, type LivenessChallenge } from './messages';

export interface LivenessOptions {
  /** Random source for the number and order of the challenges and the holds before them (injected: tests replay it; production: `secureRandom`). */
  rng: () => number;
  /** Milliseconds clock (injected). */
  clock: () => number;
  /** A fixed number of challenges (1-4); default: drawn per check from `minChallenges`..`maxChallenges`. */
  challengeCount?: number;
  /** Fewest challenges drawn per check (default 2). */
  minChallenges?: number;
  /** Most challenges drawn per check (default 3, at most 4). */
  maxChallenges?: number;
  /**
   * Before each prompt (the first one too) the face must be held still, neutral, for a time drawn
   * per hold from `holdMinMs`..`holdMaxMs` (defaults 800-1200 ms): a movement in that time is early.
   * The first hold counts from the first of the still frames the resting face was taken from.
   */
  holdMinMs?: number;
  holdMaxMs?: number;
  /**
   * ... and over at least this many frames judged still against the known resting face (default
   * 3): the frames of a hold refine the resting face the frames before it are judged against
   * again, and a slow frame (a template frame) must not end a hold on its own.
   */
  holdMinFrames?: number;
  /** Frontal frames that make the person's baseline (open eyes, closed mouth, straight head). */
  baselineFrames?: number;
  /** Time for each challenge, from the moment it is shown. */
  challengeTimeoutMs?: number;
  /** Time for the whole check. */
  totalTimeoutMs?: number;
  /**
   * Frames a challenge (default 20) and the whole check (default 90) are given at least, however
   * long they take: on a slow or busy terminal the time limits alone would leave a citizen a
   * handful of frames to move in. At the camera's 10 frames a second the time limits come first.
   */
  challengeMinFrames?: number;
  totalMinFrames?: number;
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

/**
 * `timeout`: a challenge not done within its time (or the whole check not within its);
 * `face-lost`: no single face for too many frames; `wrong-gesture`: a movement other than the one
 * asked for while a prompt was shown; `early-gesture`: a movement before its prompt was shown
 * (while the face was to be held still, before the first prompt or between two).
 */
export type LivenessFailure = 'timeout' | 'face-lost' | 'wrong-gesture' | 'early-gesture';

/** A movement the check can tell from the landmarks alone (a blink is judged apart: see `LivenessCheck`). */
export type PoseGesture = Exclude<LivenessChallenge, 'blink'>;

export const ALL_CHALLENGES: readonly LivenessChallenge[] = ['turn-left', 'turn-right', 'open-mouth', 'blink'];

export interface LivenessState {
  phase: 'baseline' | 'challenge' | 'passed' | 'failed';
  /** The challenge whose prompt is on screen; null while the face is to be held still. */
  challenge: LivenessChallenge | null;
  /** Completed challenges / all challenges. */
  completed: number;
  total: number;
  failure: LivenessFailure | null;
  /** The movement that failed the check (`wrong-gesture`, `early-gesture`). */
  offending: PoseGesture | null;
  /** The sentence (and voice prompt) for the screen. */
  prompt: LocalizedText;
  /**
   * No prompt is up and the face has been still since the current hold started (the check is
   * waiting out the drawn time): a frontal, still face the caller may take a template frame from.
   */
  holding: boolean;
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

/**
 * Where the check is between two prompts. `settle`: a challenge was just met, the face comes back
 * (the movement just made may go on); `hold`: the face is neutral and must stay so for `ms`
 * (counted from `since`, the first neutral frame of the run) before the next prompt; `asked`:
 * the prompt of the current challenge is on screen since `at`.
 */
type Stage =
  { kind: 'baseline' } | { kind: 'settle' } | { kind: 'hold'; since: number | null; ms: number; frames: number } | { kind: 'asked'; at: number; frame: number };

const NEUTRAL_YAW = 0.15;
/** Below this baseline eye contrast (eyes in deep shadow, tiny in the frame) the appearance measure is not used. */
const MIN_BASELINE_CONTRAST = 0.1;
/** Frontal frames the resting face is taken from once the challenges run. */
const BASELINE_WINDOW = 25;
/** Frames kept from the baseline phase to judge once the resting face is known (a person takes 5-10). */
const BASELINE_PHASE_FRAMES = 60;

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

/** A whole number from `min` to `max` (both included) from a [0, 1) random source. */
function between(min: number, max: number, rng: () => number): number {
  return min + Math.min(max - min, Math.floor(rng() * (max - min + 1)));
}

/**
 * Active liveness from landmark sequences: a baseline of frontal frames, then 2-3 challenges of
 * turn left, turn right, open mouth and blink, number and order drawn per check, each time-boxed.
 * Measures are normalised by the face's own size (yaw by the face width, eye and mouth openings by
 * their widths) and blinks are judged against the person's own open-eye baseline. A photo held in
 * front of the camera moves as a flat picture: none of the measures change, so every challenge
 * times out.
 *
 * The movements must follow the prompts: before each prompt the face is held still for a drawn
 * time, and a head turn or an open mouth in that time (`early-gesture`), or one other than the
 * asked one while a prompt is shown (`wrong-gesture`), fails the check. So a recording that shows
 * every movement in a fixed order fails every order but its own (docs/face.md, Liveness). A blink
 * outside the blink challenge never fails the check (people blink every few seconds): during a
 * hold it only starts the hold again, during a turn or mouth challenge it is ignored.
 */
export class LivenessCheck {
  private readonly opts: Required<Omit<LivenessOptions, 'rng' | 'clock' | 'challengeCount'>>;
  private readonly challenges: LivenessChallenge[];
  private readonly startedAt: number;
  private phase: LivenessState['phase'] = 'baseline';
  private failure: LivenessFailure | null = null;
  private offending: PoseGesture | null = null;
  private stage: Stage = { kind: 'baseline' };
  /**
   * Every frame with a face before the resting face was known: judged when it is known, and again
   * against the refined one before the first prompt (a movement among the very first frames makes
   * the first estimate itself; the frames held still after it correct it).
   */
  private baselinePhase: Sample[] = [];
  /** When each frame of `baselinePhase` was seen, and the last frame of that phase without a face. */
  private baselinePhaseTimes: number[] = [];
  private baselineMissingAt = -Infinity;
  private baselineSamples: Sample[] = [];
  private baseline: Baseline | null = null;
  private current = 0;
  /** The blink under way: when the eyes were first and last seen closed, null while they are open. */
  private closure: { first: number; last: number } | null = null;
  private missing = 0;
  /** Frames fed so far (the frame limits count them). */
  private frames = 0;

  constructor(private readonly options: LivenessOptions) {
    const maxChallenges = Math.max(1, Math.min(ALL_CHALLENGES.length, options.maxChallenges ?? 3));
    this.opts = {
      minChallenges: Math.max(1, Math.min(maxChallenges, options.minChallenges ?? 2)),
      maxChallenges,
      holdMinMs: Math.max(0, options.holdMinMs ?? 800),
      holdMaxMs: Math.max(0, options.holdMinMs ?? 800, options.holdMaxMs ?? 1200),
      holdMinFrames: Math.max(1, options.holdMinFrames ?? 3),
      baselineFrames: options.baselineFrames ?? 5,
      challengeTimeoutMs: options.challengeTimeoutMs ?? 7000,
      totalTimeoutMs: options.totalTimeoutMs ?? 30_000,
      challengeMinFrames: Math.max(0, options.challengeMinFrames ?? 20),
      totalMinFrames: Math.max(0, options.totalMinFrames ?? 90),
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
    // The count is drawn even when fixed, so that a fixed count keeps the drawn order's first challenges.
    const drawn = between(this.opts.minChallenges, this.opts.maxChallenges, options.rng);
    const count = options.challengeCount === undefined ? drawn : Math.max(1, Math.min(ALL_CHALLENGES.length, options.challengeCount));
    this.challenges = shuffled(ALL_CHALLENGES, options.rng).slice(0, count);
    this.startedAt = options.clock();
  }

  /** The challenges in the order they will be asked. */
  get plan(): readonly LivenessChallenge[] {
    return this.challenges;
  }

  get state(): LivenessState {
    const challenge = this.phase === 'challenge' && this.stage.kind === 'asked' ? this.challenges[this.current]! : null;
    const prompt =
      this.phase === 'passed'
        ? LIVENESS_PROMPTS.passed
        : this.phase === 'failed'
          ? this.failure === 'wrong-gesture' || this.failure === 'early-gesture'
            ? LIVENESS_NOT_AS_ASKED
            : LIVENESS_PROMPTS.failed
          : challenge
            ? LIVENESS_PROMPTS[challenge]
            : LIVENESS_PROMPTS['hold-still'];
    return {
      phase: this.phase,
      challenge,
      completed: this.current,
      total: this.challenges.length,
      failure: this.failure,
      offending: this.offending,
      prompt,
      holding: this.phase === 'challenge' && this.stage.kind === 'hold' && this.stage.since !== null,
    };
  }

  /**
   * Feeds one tracking frame: the landmarks of the only face (null when there was not exactly one
   * face), and what its pixels show of the eyes when the engine measured it.
   */
  update(landmarks: Point[] | null, appearance: EyeAppearance | null = null): LivenessState {
    if (this.phase === 'passed' || this.phase === 'failed') return this.state;
    const now = this.options.clock();
    this.frames++;
    if (now - this.startedAt > this.opts.totalTimeoutMs && this.frames > this.opts.totalMinFrames) return this.fail('timeout');
    if (this.stage.kind === 'asked' && now - this.stage.at > this.opts.challengeTimeoutMs && this.frames - this.stage.frame > this.opts.challengeMinFrames)
      return this.fail('timeout');
    if (!landmarks) {
      this.missing++;
      // A face not seen cannot be judged still: the hold starts again once it is back.
      if (this.stage.kind === 'hold') {
        this.stage.since = null;
        this.stage.frames = 0;
      }
      if (this.phase === 'baseline') this.baselineMissingAt = now;
      return this.missing > this.opts.maxMissingFrames ? this.fail('face-lost') : this.state;
    }
    this.missing = 0;
    const g: Sample = { ...faceGeometry(landmarks), appearance };
    if (this.phase === 'baseline') return this.collectBaseline(g, now);
    const state = this.afterBaseline(g, now);
    // Frontal frames keep refining the resting face (after they were judged against it).
    if (Math.abs(g.yaw - this.baseline!.yaw) <= NEUTRAL_YAW) {
      this.baselineSamples.push(g);
      if (this.baselineSamples.length > BASELINE_WINDOW) this.baselineSamples.shift();
      this.baseline = this.restingFace(this.baseline!.yaw);
    }
    return state;
  }

  /**
   * The first frontal frames make the resting face; every frame seen until then is judged against
   * it once it is known: a head turn or an open mouth while "hold still" was asked is early.
   */
  private collectBaseline(g: Sample, now: number): LivenessState {
    if (this.baselinePhase.length < BASELINE_PHASE_FRAMES) {
      this.baselinePhase.push(g);
      this.baselinePhaseTimes.push(now);
    }
    if (Math.abs(g.yaw) <= NEUTRAL_YAW) this.baselineSamples.push(g);
    if (this.baselineSamples.length < this.opts.baselineFrames) return this.state;
    this.baseline = this.restingFace(median(this.baselineSamples.map((s) => s.yaw)));
    this.phase = 'challenge';
    const early = this.movementWhileBaselineTaken();
    if (early) return this.fail('early-gesture', early);
    this.stage = { kind: 'hold', since: this.stillSince(g, now), ms: this.drawHold(), frames: 0 };
    return this.afterBaseline(g, now);
  }

  /**
   * The first hold starts at the first frame of the still run the baseline frames end with (judged
   * against the resting face now known), after the last frame without a face: the same hold as
   * one counted from the baseline's end, its still frames seen before they could be judged.
   */
  private stillSince(g: Sample, now: number): number | null {
    if (!this.isStill(g, this.baseline!)) return null;
    const frames = this.baselinePhase;
    // Frames past the kept ones were not recorded: count from now, as a hold after the baseline does.
    if (frames.length >= BASELINE_PHASE_FRAMES) return now;
    let since = now;
    for (let i = frames.length - 1; i >= 0; i--) {
      const at = this.baselinePhaseTimes[i]!;
      if (at <= this.baselineMissingAt || !this.isStill(frames[i]!, this.baseline!)) break;
      since = at;
    }
    return since;
  }

  private movementWhileBaselineTaken(): PoseGesture | null {
    for (const s of this.baselinePhase) {
      const early = this.poseGestures(s, this.baseline!)[0];
      if (early) return early;
    }
    return null;
  }

  private drawHold(): number {
    return this.opts.holdMinMs + this.options.rng() * (this.opts.holdMaxMs - this.opts.holdMinMs);
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
      eyeOpening: quantile(
        samples.map((s) => s.eyeOpening),
        0.75,
      ),
      mouthOpening: quantile(
        samples.map((s) => s.mouthOpening),
        0.25,
      ),
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
    const gestures = this.poseGestures(g, base);
    const asked = this.challenges[this.current]!;
    switch (this.stage.kind) {
      case 'baseline':
        return this.state;
      case 'settle': {
        // The movement just made may go on while the face comes back; any other one is early.
        const early = gestures.find((m) => m !== this.challenges[this.current - 1]);
        if (early) return this.fail('early-gesture', early);
        if (this.isStill(g, base)) this.stage = { kind: 'hold', since: now, ms: this.drawHold(), frames: 1 };
        return this.state;
      }
      case 'hold': {
        if (gestures.length > 0) return this.fail('early-gesture', gestures[0]!);
        // Anything short of a still face (a blink, a half turn, a word) starts the hold again.
        if (!this.isStill(g, base)) {
          this.stage.since = null;
          this.stage.frames = 0;
          return this.state;
        }
        this.stage.since ??= now;
        this.stage.frames++;
        if (now - this.stage.since >= this.stage.ms && this.stage.frames >= this.opts.holdMinFrames) {
          const early = this.movementWhileBaselineTaken();
          if (early) return this.fail('early-gesture', early);
          this.baselinePhase = [];
          this.baselinePhaseTimes = [];
          this.stage = { kind: 'asked', at: now, frame: this.frames };
          this.closure = null;
        }
        return this.state;
      }
      case 'asked': {
        const wrong = gestures.find((m) => m !== asked);
        if (wrong) return this.fail('wrong-gesture', wrong);
        if (!this.challengeMet(asked, g, base, now)) return this.state;
        this.current++;
        this.closure = null;
        if (this.current >= this.challenges.length) this.phase = 'passed';
        else this.stage = { kind: 'settle' };
        return this.state;
      }
    }
  }

  /** The head turns and open mouth this frame shows, each past the threshold its own challenge needs. */
  private poseGestures(g: Sample, base: Baseline): PoseGesture[] {
    const out: PoseGesture[] = [];
    // The citizen's left is the image's right in an unmirrored camera frame: yaw grows.
    if (g.yaw - base.yaw >= this.opts.turnYaw) out.push('turn-left');
    if (base.yaw - g.yaw >= this.opts.turnYaw) out.push('turn-right');
    if (g.mouthOpening - base.mouthOpening >= this.opts.mouthRise) out.push('open-mouth');
    return out;
  }

  /**
   * Head straight, mouth near closed, eyes not closed. Not closed rather than open (which needs
   * 0.9 of the resting opening): the landmarks' own noise dips below that now and then, and would
   * keep starting the hold again.
   */
  private isStill(g: Sample, base: Baseline): boolean {
    return Math.abs(g.yaw - base.yaw) <= NEUTRAL_YAW && g.mouthOpening < base.mouthOpening + this.opts.mouthRise / 2 && !this.eyesClosed(g, base);
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
    return challenge === 'blink' ? this.blinked(g, base, now) : this.poseGestures(g, base).includes(challenge);
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

  private fail(reason: LivenessFailure, offending: PoseGesture | null = null): LivenessState {
    this.phase = 'failed';
    this.failure = reason;
    this.offending = offending;
    return this.state;
  }
}
