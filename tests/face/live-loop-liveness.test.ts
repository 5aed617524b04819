import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { Point } from '../../main/face/engine/protocol';
import { LivenessCheck, type EyeAppearance, type LivenessOptions, type LivenessState } from '../../main/face/liveness';
import { FacePipeline } from '../../main/face/pipeline';
import type { RawImage } from '../../main/face/image/raw-image';
import { boxBlurImage, closeEyesImage, coverEyesImage } from '../e2e/helpers/face-warp';
import { LIVE_LOOP_FPS, loopFrames, photoWithLandmarks, type LivePose } from '../e2e/helpers/live-face-y4m';
import { faceFile } from './face-data';
import { seededRng } from './landmark-motion';

interface Recorded {
  pose: LivePose | 'attack';
  k: number;
  landmarks: Point[] | null;
  appearance: EyeAppearance | null;
}

/**
 * The synthetic live loop the e2e camera plays (one shared photo, warped and painted), measured
 * frame by frame by the real engine, then replayed to the liveness check as a camera would show it.
 */
describe('liveness on the synthetic live loop, measured by the real engine', () => {
  const engine = new FaceEngineClient();
  const pipeline = new FacePipeline(engine);
  const loop: Recorded[] = [];
  let still: Recorded;

  let photo: { base: RawImage; landmarks: Point[] };

  async function measure(image: RawImage): Promise<Omit<Recorded, 'pose' | 'k'>> {
    const outcome = await pipeline.track({ kind: 'rgba', width: image.width, height: image.height, data: image.data });
    const face = outcome.frame.faces.length === 1 ? outcome.frame.faces[0]! : null;
    return {
      landmarks: face?.landmarks ?? null,
      appearance: face ? { eyeContrast: face.eyeContrast, eyeLevel: face.eyeLevel, cheekLuma: face.cheekLuma, brightness: face.brightness, sharpness: face.sharpness } : null,
    };
  }

  beforeAll(async () => {
    photo = await photoWithLandmarks(engine, faceFile('img10.jpg'));
    const { base, landmarks } = photo;
    const measured = new Map<string, Recorded>();
    for (const f of loopFrames(base, landmarks)) {
      const key = `${f.pose}:${f.k}`;
      if (!measured.has(key)) {
        measured.set(key, { pose: f.pose, k: f.k, ...(await measure(f.image)) });
      }
      loop.push(measured.get(key)!);
    }
    still = loop[0]!;
  }, 180_000);
  afterAll(() => engine.close());

  /** The camera plays the loop at its frame rate; the screen takes a frame every `periodMs` and feeds the check. */
  function replay(check: LivenessCheck, tick: (ms: number) => void, frames: Recorded[], periodMs: number, appearance: boolean, startFrame = 0, forMs = 60_000): LivenessState {
    const frameMs = 1000 / LIVE_LOOP_FPS;
    let state = check.state;
    for (let t = 0; t < forMs; t += periodMs) {
      tick(periodMs);
      const f = frames[(startFrame + Math.floor(t / frameMs)) % frames.length]!;
      state = check.update(f.landmarks, appearance ? f.appearance : null);
      if (state.phase === 'passed' || state.phase === 'failed') break;
    }
    return state;
  }

  function clock() {
    let now = 5_000_000;
    return { clock: () => now, tick: (ms: number) => (now += ms) };
  }

  it('sees every pose of the loop past its liveness threshold', () => {
    expect(loop.every((f) => f.landmarks !== null)).toBe(true);
    const at = (pose: LivePose) => loop.find((f) => f.pose === pose && f.k === 1)!;
    expect(at('blink').appearance!.eyeContrast!).toBeLessThan(still.appearance!.eyeContrast! * 0.5);
    expect(at('open-mouth').appearance!.eyeContrast!).toBeGreaterThan(still.appearance!.eyeContrast! * 0.75);
  });

  it('passes whatever order of challenges is asked, sampled fast or slowly, from any point in the loop', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
      for (const periodMs of [150, 250, 350, 450, 600]) {
        const { clock: now, tick } = clock();
        const check = new LivenessCheck({ rng: seededRng(seed), clock: now });
        const state = replay(check, tick, loop, periodMs, true, seed * 7);
        expect({ seed, periodMs, plan: check.plan, phase: state.phase }).toEqual({ seed, periodMs, plan: check.plan, phase: 'passed' });
      }
    }
  });

  it('does not pass a blink from the landmarks alone: painted closed eyes barely move them', () => {
    const blinkFirst = Array.from({ length: 50 }, (_, seed) => seed).find((seed) => new LivenessCheck({ rng: seededRng(seed), clock: () => 0 }).plan[0] === 'blink')!;
    const { clock: now, tick } = clock();
    const check = new LivenessCheck({ rng: seededRng(blinkFirst), clock: now });
    const state = replay(check, tick, loop, 300, false);
    expect(state.phase).toBe('failed');
    expect(state.failure).toBe('timeout');
    expect(state.completed).toBe(0);
  });

  it('refuses the photo held still, with the appearance measure on', () => {
    const { clock: now, tick } = clock();
    const check = new LivenessCheck({ rng: seededRng(9), clock: now });
    const state = replay(check, tick, [still], 300, true);
    expect(state.phase).toBe('failed');
    expect(state.failure).toBe('timeout');
  });

  it('does not count a change of light on the eyes as closed eyes', () => {
    const blinkFirst = Array.from({ length: 50 }, (_, seed) => seed).find((seed) => new LivenessCheck({ rng: seededRng(seed), clock: () => 0 }).plan[0] === 'blink')!;
    const blink = loop.find((f) => f.pose === 'blink' && f.k === 1)!;
    // The closed-eye contrast, but the whole face 40 % brighter (glare on a photo, a lamp switched on).
    const glare: Recorded = { ...still, appearance: { ...blink.appearance!, brightness: still.appearance!.brightness * 1.4 } };
    const { clock: now, tick } = clock();
    const check = new LivenessCheck({ rng: seededRng(blinkFirst), clock: now });
    const state = replay(check, tick, [still, still, still, still, still, still, glare, glare, still, still], 300, true);
    expect(state.phase).toBe('failed');
    expect(state.completed).toBe(0);
  });

  describe('a held photo whose eyes are hidden or blurred for a moment: not a blink', () => {
    const FINGER = [224, 172, 150] as const;
    const blinkFirst = () => Array.from({ length: 50 }, (_, seed) => seed).find((seed) => new LivenessCheck({ rng: seededRng(seed), clock: () => 0 }).plan[0] === 'blink')!;

    /** The photo still, then `frame` for `frames` camera frames, then still again, over and over, as the camera shows it (100 ms a frame). */
    function trial(frame: Recorded, frames: number, options: Partial<LivenessOptions> = {}, open: Recorded = still): LivenessState {
      const { clock: now, tick } = clock();
      const check = new LivenessCheck({ rng: seededRng(blinkFirst()), clock: now, challengeCount: 1, ...options });
      // The open photo alone must get the check to the blink challenge, or a refusal would prove nothing.
      const asked = replay(check, tick, Array<Recorded>(8).fill(open), 1000 / LIVE_LOOP_FPS, true, 0, 800);
      expect(asked).toMatchObject({ phase: 'challenge', challenge: 'blink' });
      const cycle = [...Array<Recorded>(frames).fill(frame), ...Array<Recorded>(8).fill(open)];
      return replay(check, tick, cycle, 1000 / LIVE_LOOP_FPS, true);
    }

    async function attack(image: RawImage, open: Recorded = still): Promise<Recorded> {
      const frame: Recorded = { pose: 'attack', k: 1, ...(await measure(image)) };
      expect(frame.landmarks).not.toBeNull();
      // What the check used to take for closed eyes: eye contrast at half the open eyes', light unchanged.
      expect(frame.appearance!.eyeContrast!).toBeLessThanOrEqual(open.appearance!.eyeContrast! * 0.5);
      expect(Math.abs(frame.appearance!.brightness / open.appearance!.brightness - 1)).toBeLessThan(0.15);
      return frame;
    }

    it('the painted lid on the same photo, shut for 0.3 s, is one (the trials can pass)', async () => {
      const lid: Recorded = { pose: 'attack', k: 1, ...(await measure(closeEyesImage(photo.base, photo.landmarks, 1))) };
      expect(trial(lid, 3).phase).toBe('passed');
    });

    it('a dark strip across both eyes', async () => {
      const strip = await attack(coverEyesImage(photo.base, photo.landmarks, [40, 40, 45], 'across'));
      expect(trial(strip, 3)).toMatchObject({ phase: 'failed', completed: 0 });
    });

    it('a finger-coloured patch across both eyes, or one over each eye', async () => {
      for (const shape of ['across', 'each'] as const) {
        const finger = await attack(coverEyesImage(photo.base, photo.landmarks, FINGER, shape, shape === 'across' ? 0.3 : 0.15));
        expect({ shape, state: trial(finger, 3) }).toMatchObject({ shape, state: { phase: 'failed', completed: 0 } });
      }
    });

    it('the photo blurred (moved while the camera exposed), though its eye measures look like a lid', async () => {
      const blurred = await attack(boxBlurImage(photo.base, 10));
      expect(trial(blurred, 3)).toMatchObject({ phase: 'failed', completed: 0 });
      // Only the sharpness guard stops this one.
      expect(trial(blurred, 3, { blinkSharpnessTolerance: 1 }).phase).toBe('passed');
    });

    it('eyes closed for longer than a blink (1.5 s)', async () => {
      const lid: Recorded = { pose: 'attack', k: 1, ...(await measure(closeEyesImage(photo.base, photo.landmarks, 1))) };
      expect(trial(lid, 15)).toMatchObject({ phase: 'failed', completed: 0 });
      expect(trial(lid, 15, { blinkMaxClosedMs: 2000 }).phase).toBe('passed');
    });
  });
});
