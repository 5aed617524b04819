import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { Point } from '../../main/face/engine/protocol';
import { LivenessCheck, type EyeAppearance, type LivenessState } from '../../main/face/liveness';
import { FacePipeline } from '../../main/face/pipeline';
import { LIVE_LOOP_FPS, loopFrames, photoWithLandmarks, type LivePose } from '../e2e/helpers/live-face-y4m';
import { faceFile } from './face-data';
import { seededRng } from './landmark-motion';

interface Recorded {
  pose: LivePose;
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

  beforeAll(async () => {
    const { base, landmarks } = await photoWithLandmarks(engine, faceFile('img10.jpg'));
    const measured = new Map<string, Recorded>();
    for (const f of loopFrames(base, landmarks)) {
      const key = `${f.pose}:${f.k}`;
      if (!measured.has(key)) {
        const outcome = await pipeline.track({ kind: 'rgba', width: f.image.width, height: f.image.height, data: f.image.data });
        const face = outcome.frame.faces.length === 1 ? outcome.frame.faces[0]! : null;
        measured.set(key, { pose: f.pose, k: f.k, landmarks: face?.landmarks ?? null, appearance: face ? { eyeContrast: face.eyeContrast, brightness: face.brightness } : null });
      }
      loop.push(measured.get(key)!);
    }
    still = loop[0]!;
  }, 180_000);
  afterAll(() => engine.close());

  /** The camera plays the loop at its frame rate; the screen takes a frame every `periodMs` and feeds the check. */
  function replay(check: LivenessCheck, tick: (ms: number) => void, frames: Recorded[], periodMs: number, appearance: boolean, startFrame = 0): LivenessState {
    const frameMs = 1000 / LIVE_LOOP_FPS;
    let state = check.state;
    for (let t = 0; t < 60_000; t += periodMs) {
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
    const glare: Recorded = { ...still, appearance: { eyeContrast: blink.appearance!.eyeContrast, brightness: still.appearance!.brightness * 1.4 } };
    const { clock: now, tick } = clock();
    const check = new LivenessCheck({ rng: seededRng(blinkFirst), clock: now });
    const state = replay(check, tick, [still, still, still, still, still, still, glare, glare, still, still], 300, true);
    expect(state.phase).toBe('failed');
    expect(state.completed).toBe(0);
  });
});
