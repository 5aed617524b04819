// Drives the liveness state machine with synthetic landmark sequences: a clock advanced one frame
// per update, recordings played from their first frame or looped, and a simulated person who
// answers the prompts (with spontaneous blinks if asked to).
import type { Point } from '../../main/face/engine/protocol';
import { LivenessCheck, type LivenessOptions, type LivenessState } from '../../main/face/liveness';
import type { LivenessChallenge } from '../../main/face/messages';
import { MEAN_FACE, closeEyes, gestureFrames, jitter, posed } from './landmark-motion';
import { seededRandom } from '../../base/prng';

export const FRAME_MS = 100;

/** A clock the test advances by hand. */
export function frameClock(start = 1_000_000): { clock: () => number; tick: (ms?: number) => number } {
  let now = start;
  return { clock: () => now, tick: (ms = FRAME_MS) => (now += ms) };
}

/** Feeds the frames one tick apart until the check ends; the last state. */
export function feed(check: LivenessCheck, frames: Array<Point[] | null>, tick: () => void): LivenessState {
  let state = check.state;
  for (const f of frames) {
    tick();
    state = check.update(f);
    if (state.phase === 'passed' || state.phase === 'failed') break;
  }
  return state;
}

export function stillFrames(n: number, noise: () => number, base: Point[] = MEAN_FACE): Point[][] {
  return Array.from({ length: n }, () => jitter(base, 0.003, noise));
}

/** Still frames until a prompt is on screen or the check ended (at most `maxFrames`). */
export function holdUntilAsked(check: LivenessCheck, tick: () => void, noise: () => number, base: Point[] = MEAN_FACE, maxFrames = 60): LivenessState {
  let state = check.state;
  for (let i = 0; i < maxFrames && !state.challenge && state.phase !== 'passed' && state.phase !== 'failed'; i++) {
    tick();
    state = check.update(jitter(base, 0.003, noise));
  }
  return state;
}

/**
 * A prerecorded sequence: `leadIn` still frames, then each gesture followed by `gap` still frames
 * (defaults 2.5 s each: longer than the baseline and the longest hold, so a recording in the
 * asked order meets every prompt in time), then its last, still frame held for 10 s (longer than a
 * challenge may take), as a paused video shows it.
 */
export function recording(
  sequence: readonly LivenessChallenge[],
  noise: () => number,
  opts: { leadIn?: number; gap?: number; base?: Point[] } = {},
): Point[][] {
  const base = opts.base ?? MEAN_FACE;
  const frames = stillFrames(opts.leadIn ?? 25, noise, base);
  for (const g of sequence) frames.push(...gestureFrames(g, base, noise), ...stillFrames(opts.gap ?? 25, noise, base));
  return [...frames, ...stillFrames(100, noise, base)];
}

/** One pose of a loop: neutral, or a gesture held for `hold` frames with a half-way frame either side. */
export interface LoopSegment {
  pose: LivenessChallenge | 'neutral';
  hold: number;
}

/**
 * The e2e camera's loop (tests/e2e/helpers/live-face-y4m.ts LIVE_LOOP) in landmarks: neutral 0.6 s,
 * head turned (image right, the citizen's left), neutral, mouth open, neutral, eyes shut 0.6 s,
 * neutral, head turned (image left, the citizen's right); every gesture once, 5.8 s at 10 fps.
 */
export const E2E_LOOP: readonly LoopSegment[] = [
  { pose: 'neutral', hold: 6 },
  { pose: 'turn-left', hold: 7 },
  { pose: 'neutral', hold: 5 },
  { pose: 'open-mouth', hold: 7 },
  { pose: 'neutral', hold: 5 },
  { pose: 'blink', hold: 6 },
  { pose: 'neutral', hold: 7 },
  { pose: 'turn-right', hold: 7 },
];

export function loopFrames(segments: readonly LoopSegment[], noise: () => number, base: Point[] = MEAN_FACE): Point[][] {
  const frames: Point[][] = [];
  for (const s of segments) {
    if (s.pose === 'neutral') {
      frames.push(...stillFrames(s.hold, noise, base));
      continue;
    }
    const ks = [0.5, ...Array<number>(s.hold).fill(1), 0.5];
    for (const k of ks) frames.push(jitter(posed(s.pose, base, k), 0.003, noise));
  }
  return frames;
}

/** Plays `frames` as a camera loops them (10 fps), sampled every `periodMs` from `startFrame`, for at most `forMs`. */
export function replayLoop(
  check: LivenessCheck,
  tick: (ms: number) => void,
  frames: Point[][],
  periodMs: number,
  startFrame = 0,
  forMs = 60_000,
): LivenessState {
  let state = check.state;
  for (let t = 0; t < forMs; t += periodMs) {
    tick(periodMs);
    state = check.update(frames[(startFrame + Math.floor(t / FRAME_MS)) % frames.length]!);
    if (state.phase === 'passed' || state.phase === 'failed') break;
  }
  return state;
}

/** Every order of `items`. */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** The first seed from `from` whose check asks `plan` (with these options). */
export function seedAsking(plan: readonly LivenessChallenge[], from: number, options: Partial<LivenessOptions> = {}, tries = 5000): number {
  for (let seed = from; seed < from + tries; seed++) {
    if (new LivenessCheck({ ...options, rng: seededRandom(seed), clock: () => 0 }).plan.join() === plan.join()) return seed;
  }
  throw new Error(`no seed from ${from} asks ${plan.join(', ')}`);
}

/** A spontaneous blink the simulated person made, and what the check was asking at that moment. */
export interface SpontaneousBlink {
  asked: LivenessChallenge | null;
  /** Blink was still to be asked in this check (the case a stricter rule would have failed). */
  blinkStillToCome: boolean;
}

/**
 * A live person in front of the camera: holds still until a prompt is shown, then after a reaction
 * time makes that gesture (again, if the prompt stays up), and, with `blinkEveryMs`, blinks by
 * itself every so often whatever it is doing (eyes shut for 1-3 frames), as people do.
 */
export class SimulatedPerson {
  readonly blinks: SpontaneousBlink[] = [];
  private queue: Point[][] = [];
  private answered: string | null = null;
  private idleFrames = 0;
  private nextBlinkAt: number;
  private closing: number[] = [];

  constructor(
    private readonly noise: () => number,
    private readonly opts: {
      base?: Point[];
      reactionFrames?: [number, number];
      blinkEveryMs?: [number, number] | null;
      plan?: readonly LivenessChallenge[];
    } = {},
    private readonly startAt = 0,
  ) {
    this.nextBlinkAt = this.drawBlink(startAt);
  }

  private get base(): Point[] {
    return this.opts.base ?? MEAN_FACE;
  }

  private drawBlink(now: number): number {
    const every = this.opts.blinkEveryMs;
    return every ? now + every[0] + this.noise() * (every[1] - every[0]) : Infinity;
  }

  /** The next frame, given what the screen shows now. */
  frame(state: LivenessState, now: number): Point[] {
    const key = state.challenge ? `${state.challenge}:${state.completed}` : null;
    if (key && this.queue.length === 0 && (key !== this.answered || this.idleFrames > 15)) {
      const [min, max] = this.opts.reactionFrames ?? [3, 6];
      const reaction = min + Math.floor(this.noise() * (max - min + 1));
      this.queue = [...stillFrames(reaction, this.noise, this.base), ...gestureFrames(state.challenge!, this.base, this.noise)];
      this.answered = key;
      this.idleFrames = 0;
      // A blink on purpose resets the eyes' own rhythm: the next one by itself comes a while after it.
      if (state.challenge === 'blink') this.nextBlinkAt = this.drawBlink(now + this.queue.length * FRAME_MS);
    }
    let pose = this.queue.shift() ?? jitter(this.base, 0.003, this.noise);
    if (this.queue.length === 0) this.idleFrames++;
    if (now >= this.nextBlinkAt && this.closing.length === 0) {
      const frames = 1 + Math.floor(this.noise() * 3);
      this.closing = [0.6, 1, 0.5].slice(0, frames);
      const plan = this.opts.plan ?? [];
      const blinkAt = plan.indexOf('blink');
      this.blinks.push({ asked: state.challenge, blinkStillToCome: blinkAt >= 0 && blinkAt >= state.completed && state.challenge !== 'blink' });
      this.nextBlinkAt = this.drawBlink(now);
    }
    const closure = this.closing.shift();
    if (closure !== undefined) pose = closeEyes(pose, 0.85 * closure);
    return pose;
  }
}

/** Runs a simulated person through a check, one frame per tick; the final state. */
export function livePersonRun(check: LivenessCheck, person: SimulatedPerson, clock: () => number, tick: () => void, maxFrames = 600): LivenessState {
  let state = check.state;
  for (let i = 0; i < maxFrames && state.phase !== 'passed' && state.phase !== 'failed'; i++) {
    tick();
    state = check.update(person.frame(state, clock()));
  }
  return state;
}
