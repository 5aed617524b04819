// Over 300 lines: the liveness check's behaviours one by one (baseline, each gesture, holds, timeouts), sharing one simulated person.
import { describe, expect, it } from 'vitest';
import { LivenessCheck, shuffled, type EyeAppearance, type LivenessState } from '../../main/face/liveness';
import type { LivenessChallenge } from '../../main/face/messages';
import type { Point } from '../../main/face/engine/protocol';
import { MEAN_FACE, closeEyes, gestureFrames, jitter, movePicture, openMouth } from './landmark-motion';
import { seededRandom } from '../../base/prng';
import { feed as run, frameClock, holdUntilAsked, stillFrames } from './liveness-sim';

/** Frames a live person makes when asked for a challenge (a gradual motion and back). */
function perform(challenge: LivenessChallenge, base: Point[], rng: () => number): Point[][] {
  return gestureFrames(challenge, base, rng);
}

/** The eye's median luma over the cheek's as a real lid closes: the lower the contrast, the lighter (towards the cheek). */
function lidLevel(contrast: number): number {
  return 0.25 + Math.max(0, 0.6 - contrast) * 0.8;
}

/** The first seed from 1 whose check asks `challenge` first. */
function seedAskingFirst(challenge: LivenessChallenge): number {
  return Array.from({ length: 200 }, (_, i) => i + 1).find((s) => new LivenessCheck({ rng: seededRandom(s), clock: () => 0 }).plan[0] === challenge)!;
}

describe('liveness state machine', () => {
  it('passes a live person who holds still until each prompt and then does what it asks', () => {
    const noise = seededRandom(7);
    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(1), clock });
    expect(check.plan.length).toBeGreaterThanOrEqual(2);
    expect(new Set(check.plan).size).toBe(check.plan.length);
    let state = run(check, stillFrames(5, noise), () => tick());
    expect(state).toMatchObject({ phase: 'challenge', challenge: null, prompt: { en: 'Look straight at the camera and hold still' } });
    for (const challenge of check.plan) {
      state = holdUntilAsked(check, () => tick(), noise);
      expect(state.challenge).toBe(challenge);
      expect(state.prompt['zh-CN']).not.toBe('');
      state = run(check, perform(challenge, MEAN_FACE, noise), () => tick());
    }
    expect(state.phase).toBe('passed');
    expect(state.completed).toBe(check.plan.length);
    expect(state.prompt.en).toBe('Check passed');
  });

  it('draws the number and order of the challenges from the injected random source', () => {
    const orders = new Set<string>();
    const counts = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const plan = new LivenessCheck({ rng: seededRandom(seed), clock: () => 0 }).plan;
      orders.add(plan.join(','));
      counts.add(plan.length);
    }
    expect(orders.size).toBeGreaterThan(20);
    expect([...counts].sort()).toEqual([2, 3]);
    expect(new LivenessCheck({ rng: seededRandom(5), clock: () => 0 }).plan).toEqual(new LivenessCheck({ rng: seededRandom(5), clock: () => 0 }).plan);
    // A fixed count keeps the first challenges of the drawn order.
    for (const seed of [3, 4, 5]) {
      const drawn = new LivenessCheck({ rng: seededRandom(seed), clock: () => 0 }).plan;
      expect(new LivenessCheck({ rng: seededRandom(seed), clock: () => 0, challengeCount: 1 }).plan).toEqual(drawn.slice(0, 1));
    }
    expect(shuffled([1, 2, 3, 4], () => 0.999).sort()).toEqual([1, 2, 3, 4]);
  });

  it('fails a still photo held in front of the camera, even moved, tilted and turned in the hand', () => {
    const noise = seededRandom(11);
    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(2), clock });
    const frames: Point[][] = [];
    for (let i = 0; i < 400; i++) {
      const t = i / 10;
      frames.push(
        jitter(
          movePicture(MEAN_FACE, {
            rollDeg: 12 * Math.sin(t),
            scale: 1 + 0.2 * Math.sin(t / 2),
            dx: 20 * Math.sin(t / 3),
            dy: 10 * Math.cos(t),
            squeeze: 0.6 + 0.4 * Math.abs(Math.cos(t / 4)),
          }),
          0.003,
          noise,
        ),
      );
    }
    expect(run(check, frames.slice(0, 10), () => tick()).phase).toBe('challenge');
    const state = run(check, frames.slice(10), () => tick());
    expect(state.phase).toBe('failed');
    expect(state.failure).toBe('timeout');
    expect(state.completed).toBe(0);
    expect(state.prompt['zh-CN']).toContain('身份证');
  });

  it('judges a blink against the person\u2019s own open eyes: narrow eyes still blink, half-closing does not count', () => {
    const noise = seededRandom(3);
    const narrow = closeEyes(MEAN_FACE, 0.45); // someone whose open eyes are narrow
    const seed = seedAskingFirst('blink');

    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(seed), clock, challengeCount: 1 });
    expect(check.plan).toEqual(['blink']);
    expect(holdUntilAsked(check, () => tick(), noise, narrow).challenge).toBe('blink');
    const blink = [0.3, 0.6, 0.8, 0.6, 0.2, 0, 0].map((c) => jitter(closeEyes(MEAN_FACE, 0.45 + 0.55 * c), 0.002, noise));
    expect(run(check, blink, () => tick()).phase).toBe('passed');

    const clock2 = frameClock();
    const halfway = new LivenessCheck({ rng: seededRandom(seed), clock: clock2.clock, challengeCount: 1 });
    expect(holdUntilAsked(halfway, () => clock2.tick(), noise).challenge).toBe('blink');
    // Eyes go only a little narrower than this person's open eyes, over and over: never a blink.
    const squint = Array.from({ length: 120 }, (_, i) => jitter(closeEyes(MEAN_FACE, i % 4 < 2 ? 0.2 : 0), 0.002, noise));
    const state = run(halfway, squint, () => clock2.tick());
    expect(state.phase).toBe('failed');
    expect(state.failure).toBe('timeout');
  });

  it('takes the resting face from the closed-mouth end of the frames: a citizen still talking as the check starts can open the mouth on request', () => {
    const noise = seededRandom(12);
    const seed = seedAskingFirst('open-mouth');
    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(seed), clock, challengeCount: 1 });
    // The citizen was still talking while the baseline frames were taken: most of them have the mouth a little open.
    const talking = [0.05, 0.05, 0, 0.05, 0.05].map((k) => jitter(openMouth(MEAN_FACE, k), 0.003, noise));
    expect(run(check, talking, () => tick())).toMatchObject({ phase: 'challenge', challenge: null });
    // Once the resting (closed) mouth has been seen for the hold, the prompt comes and a wide open mouth meets it.
    expect(holdUntilAsked(check, () => tick(), noise).challenge).toBe('open-mouth');
    expect(run(check, perform('open-mouth', MEAN_FACE, noise), () => tick()).phase).toBe('passed');
  });

  it('sees a blink in the eye contrast when the landmarks do not move, against the person\u2019s own open eyes', () => {
    const noise = seededRandom(13);
    const seed = seedAskingFirst('blink');
    const eyes = (contrast: number, brightness = 150) => ({
      eyeContrast: contrast,
      eyeLevel: lidLevel(contrast),
      cheekLuma: brightness * 0.9,
      brightness,
      sharpness: 1500,
    });
    const feed = (check: LivenessCheck, tick: () => void, contrasts: number[], brightness = 150) => {
      let state = check.state;
      for (const c of contrasts) {
        tick();
        state = check.update(jitter(MEAN_FACE, 0.002, noise), eyes(c, brightness));
      }
      return state;
    };
    /** Open eyes until the blink is asked for. */
    const openUntilAsked = (check: LivenessCheck, tick: () => void) => {
      const open = [0.6, 0.62, 0.58, 0.61, 0.6, 0.6];
      for (let i = 0; i < 40 && !check.state.challenge; i++) feed(check, tick, [open[i % open.length]!]);
      return check.state;
    };
    const a = frameClock();
    const blinking = new LivenessCheck({ rng: seededRandom(seed), clock: a.clock, challengeCount: 1 });
    expect(openUntilAsked(blinking, () => a.tick())).toMatchObject({ phase: 'challenge', challenge: 'blink' });
    expect(feed(blinking, () => a.tick(), [0.45, 0.25, 0.2, 0.4, 0.58]).phase).toBe('passed');

    // Narrowing the eyes (contrast to 0.6 of the open eyes) over and over is not a blink.
    const b = frameClock();
    const squinting = new LivenessCheck({ rng: seededRandom(seed), clock: b.clock, challengeCount: 1 });
    expect(openUntilAsked(squinting, () => b.tick()).challenge).toBe('blink');
    const squint = Array.from({ length: 100 }, (_, i) => (i % 4 < 2 ? 0.36 : 0.6));
    expect(feed(squinting, () => b.tick(), squint)).toMatchObject({ phase: 'failed', failure: 'timeout' });

    // Nor is the contrast dropping with a change of light on the whole face.
    const c = frameClock();
    const lamp = new LivenessCheck({ rng: seededRandom(seed), clock: c.clock, challengeCount: 1 });
    expect(openUntilAsked(lamp, () => c.tick()).challenge).toBe('blink');
    feed(lamp, () => c.tick(), [0.2, 0.2], 200);
    expect(
      feed(
        lamp,
        () => c.tick(),
        Array.from({ length: 80 }, () => 0.6),
      ),
    ).toMatchObject({ phase: 'failed', failure: 'timeout' });
  });

  describe('tells a closing lid from other things that hide the eyes', () => {
    const seed = seedAskingFirst('blink');
    const open: EyeAppearance = { eyeContrast: 0.6, eyeLevel: 0.25, cheekLuma: 135, brightness: 150, sharpness: 1500 };
    const lid: EyeAppearance = { eyeContrast: 0.2, eyeLevel: 0.55, cheekLuma: 137, brightness: 148, sharpness: 1400 };

    /** Open eyes until the blink is asked, then `closed` for `closedFrames` frames (100 ms apart) between open ones; the state after 80 more open frames (past the 7 s time box unless it passed). */
    function attempt(closed: EyeAppearance, closedFrames = 2): LivenessState {
      const noise = seededRandom(21);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(seed), clock, challengeCount: 1 });
      for (let i = 0; i < 40 && !check.state.challenge; i++) {
        tick();
        check.update(jitter(MEAN_FACE, 0.002, noise), open);
      }
      expect(check.state.challenge).toBe('blink');
      const frames = [...Array<EyeAppearance>(closedFrames).fill(closed), ...Array<EyeAppearance>(80).fill(open)];
      let state = check.state;
      for (const appearance of frames) {
        tick();
        state = check.update(jitter(MEAN_FACE, 0.002, noise), appearance);
        if (state.phase !== 'challenge' && state.phase !== 'baseline') break;
      }
      return state;
    }

    it('counts a lid: contrast gone, the eye lighter towards the cheek, the face as sharp, for a blink\u2019s time', () => {
      expect(attempt(lid).phase).toBe('passed');
      expect(attempt(lid, 6).phase).toBe('passed');
    });

    it('not a shadow or a dark strip: the eye stays as dark as the open eye', () => {
      expect(attempt({ ...lid, eyeContrast: 0.1, eyeLevel: 0.27 }).phase).toBe('failed');
    });

    it('not a patch of one flat colour, nor one lighter than the cheek', () => {
      expect(attempt({ ...lid, eyeContrast: 0 }).phase).toBe('failed');
      expect(attempt({ ...lid, eyeLevel: 1.25 }).phase).toBe('failed');
    });

    it('not a cover that also hides the cheek, the eye measures\u2019 reference', () => {
      expect(attempt({ ...lid, cheekLuma: 185 }).phase).toBe('failed');
      expect(attempt({ ...lid, cheekLuma: 90 }).phase).toBe('failed');
    });

    it('not a blurred picture: the face\u2019s sharpness fell with the contrast', () => {
      expect(attempt({ ...lid, sharpness: 300 }).phase).toBe('failed');
    });

    it('not eyes closed for longer than a blink (0.6 s), nor unmeasured eyes', () => {
      expect(attempt(lid, 8).phase).toBe('failed');
      expect(attempt({ ...lid, eyeLevel: null }).phase).toBe('failed');
      expect(attempt({ ...lid, cheekLuma: null }).phase).toBe('failed');
    });

    it('a blink still counts after eyes were held closed too long', () => {
      const noise = seededRandom(22);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(seed), clock, challengeCount: 1 });
      for (let i = 0; i < 40 && !check.state.challenge; i++) {
        tick();
        check.update(jitter(MEAN_FACE, 0.002, noise), open);
      }
      const frames = [...Array<EyeAppearance>(12).fill(lid), ...Array<EyeAppearance>(3).fill(open)];
      for (const appearance of frames) {
        tick();
        check.update(jitter(MEAN_FACE, 0.002, noise), appearance);
      }
      expect(check.state).toMatchObject({ phase: 'challenge', challenge: 'blink' });
      for (const appearance of [lid, lid, open]) {
        tick();
        check.update(jitter(MEAN_FACE, 0.002, noise), appearance);
      }
      expect(check.state.phase).toBe('passed');
    });
  });

  it('measures the turn relative to the face width, so a small face far away turns as well as a big one', () => {
    const noise = seededRandom(4);
    for (const scale of [0.4, 2.5]) {
      const base = movePicture(MEAN_FACE, { rollDeg: 0, scale, dx: 0, dy: 0, squeeze: 1 });
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(seedAskingFirst('turn-left')), clock, challengeCount: 1 });
      expect(holdUntilAsked(check, () => tick(), noise, base).challenge).toBe('turn-left');
      expect(run(check, perform('turn-left', base, noise), () => tick()).phase).toBe('passed');
    }
  });

  it('times out a challenge not done within its time box, once it had its frames', () => {
    const noise = seededRandom(9);
    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(3), clock, challengeTimeoutMs: 2000, challengeMinFrames: 0 });
    expect(holdUntilAsked(check, () => tick(), noise).challenge).not.toBeNull();
    tick(1500);
    expect(check.update(MEAN_FACE).phase).toBe('challenge');
    tick(600);
    const state = check.update(MEAN_FACE);
    expect(state.phase).toBe('failed');
    expect(state.failure).toBe('timeout');
  });

  it('gives a challenge and the whole check their frames on a slow terminal, then times them out', () => {
    const noise = seededRandom(9);
    // A frame every 1.5 s (a busy machine): 7 s is five frames, too few to move in.
    const slow = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(3), clock: slow.clock });
    const asked = holdUntilAsked(check, () => slow.tick(1500), noise);
    expect(asked.challenge).not.toBeNull();
    const framesTo = (c: LivenessCheck, tick: () => void) => {
      for (let n = 1; n <= 200; n++) {
        tick();
        if (c.update(jitter(MEAN_FACE, 0.003, noise)).phase === 'failed') return n;
      }
      return Infinity;
    };
    // The challenge's 20 frames (30 s here) before its 7 s count.
    expect(framesTo(check, () => slow.tick(1500))).toBe(21);
    expect(check.state.failure).toBe('timeout');
    // On a camera's 10 frames a second the time limit comes first (7 s: 70 frames).
    const fast = frameClock();
    const quick = new LivenessCheck({ rng: seededRandom(3), clock: fast.clock });
    expect(holdUntilAsked(quick, () => fast.tick(), noise).challenge).not.toBeNull();
    expect(framesTo(quick, () => fast.tick())).toBe(71);
  });

  it('fails when the face leaves the camera for too long, and ignores later frames', () => {
    const noise = seededRandom(10);
    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(3), clock, maxMissingFrames: 5 });
    run(check, stillFrames(6, noise), () => tick());
    const state = run(check, [null, null, null, null, null, null], () => tick());
    expect(state).toMatchObject({ phase: 'failed', failure: 'face-lost' });
    expect(check.update(MEAN_FACE).phase).toBe('failed');
  });
});
