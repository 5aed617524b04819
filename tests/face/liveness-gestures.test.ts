import { describe, expect, it } from 'vitest';
import { ALL_CHALLENGES, LivenessCheck, type PoseGesture } from '../../main/face/liveness';
import type { LivenessChallenge } from '../../main/face/messages';
import type { Point } from '../../main/face/engine/protocol';
import { MEAN_FACE, closeEyes, gestureFrames, jitter, openMouth, posed } from './landmark-motion';
import { seededRandom } from '../../base/prng';
import { feed, frameClock, holdUntilAsked, seedAsking, stillFrames } from './liveness-sim';
import { faceGeometry } from '../../main/face/landmarks';

const POSE_GESTURES: readonly PoseGesture[] = ['turn-left', 'turn-right', 'open-mouth'];

/** A check asking `plan`, with the baseline taken and the first prompt on screen. */
function askedFirst(plan: readonly LivenessChallenge[], noiseSeed = 1) {
  const seed = seedAsking(plan, 1, { challengeCount: plan.length });
  const noise = seededRandom(noiseSeed);
  const { clock, tick } = frameClock();
  const check = new LivenessCheck({ rng: seededRandom(seed), clock, challengeCount: plan.length });
  const state = holdUntilAsked(check, () => tick(), noise);
  expect(state).toMatchObject({ phase: 'challenge', challenge: plan[0] });
  return { check, tick: () => void tick(), clock, noise };
}

/** A short spontaneous blink: eyes shut for 0.2 s. */
function spontaneousBlink(noise: () => number) {
  return [0.6, 1, 0.5, 0, 0].map((c) => jitter(closeEyes(MEAN_FACE, 0.85 * c), 0.003, noise));
}

describe('liveness: a movement other than the asked one fails the check', () => {
  for (const asked of ALL_CHALLENGES) {
    for (const made of POSE_GESTURES.filter((g) => g !== asked)) {
      it(`"${asked}" asked, "${made}" made`, () => {
        const { check, tick, noise } = askedFirst([asked]);
        const state = feed(check, gestureFrames(made, MEAN_FACE, noise), tick);
        expect(state).toMatchObject({ phase: 'failed', failure: 'wrong-gesture', offending: made, completed: 0 });
        expect(state.prompt.en).toMatch(/only when it is shown.*ID card/);
        expect(state.prompt['zh-CN']).toContain('身份证');
      });
    }
  }

  it('a blink while a turn or the mouth is asked is not a wrong movement: people blink by themselves', () => {
    for (const asked of POSE_GESTURES) {
      // Blink is the next challenge: even so, a blink now is ignored.
      const { check, tick, noise } = askedFirst([asked, 'blink']);
      expect(feed(check, spontaneousBlink(noise), tick)).toMatchObject({ phase: 'challenge', challenge: asked });
      expect(feed(check, gestureFrames(asked, MEAN_FACE, noise), tick)).toMatchObject({ phase: 'challenge', completed: 1, challenge: null });
    }
  });

  it('sub-threshold movement while a prompt is shown (a small nod of the head, a word) is not a wrong movement', () => {
    const { check, tick, noise } = askedFirst(['blink']);
    const small = [
      ...[5, 10, 10, 5, 0].map((deg) => jitter(posed('turn-left', MEAN_FACE, deg / 30), 0.003, noise)),
      ...[0.03, 0.05, 0.03, 0].map((k) => jitter(openMouth(MEAN_FACE, k), 0.003, noise)),
    ];
    expect(feed(check, small, tick)).toMatchObject({ phase: 'challenge', challenge: 'blink' });
    expect(feed(check, gestureFrames('blink', MEAN_FACE, noise), tick).phase).toBe('passed');
  });
});

describe('liveness: a movement before its prompt fails the check', () => {
  it('in the frames the baseline is taken from', () => {
    for (const made of POSE_GESTURES) {
      const noise = seededRandom(2);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(3), clock });
      const frames = [...stillFrames(2, noise), jitter(posed(made, MEAN_FACE, 1), 0.003, noise), ...stillFrames(10, noise)];
      expect({ made, state: feed(check, frames, () => tick()) }).toMatchObject({ made, state: { phase: 'failed', failure: 'early-gesture', offending: made } });
    }
  });

  it('in most of the very first frames, which the first resting face is then taken from', () => {
    for (const made of POSE_GESTURES) {
      const noise = seededRandom(12);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(3), clock });
      const frames = [...[0.5, 1, 1, 0.5].map((k) => jitter(posed(made, MEAN_FACE, k), 0.003, noise)), ...stillFrames(40, noise)];
      expect({ made, state: feed(check, frames, () => tick()) }).toMatchObject({
        made,
        state: { phase: 'failed', failure: 'early-gesture', offending: made, completed: 0 },
      });
    }
  });

  it('while the face is held still before the first prompt', () => {
    for (const made of POSE_GESTURES) {
      const noise = seededRandom(4);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(5), clock, holdMinMs: 1500, holdMaxMs: 1500 });
      expect(feed(check, stillFrames(8, noise), () => tick())).toMatchObject({ phase: 'challenge', challenge: null });
      const state = feed(check, gestureFrames(made, MEAN_FACE, noise), () => tick());
      expect({ made, state }).toMatchObject({ made, state: { phase: 'failed', failure: 'early-gesture', offending: made, completed: 0 } });
    }
  });

  it('the next challenge’s movement after the last one was met, before its prompt', () => {
    const { check, tick, noise } = askedFirst(['turn-left', 'open-mouth']);
    expect(feed(check, gestureFrames('turn-left', MEAN_FACE, noise), tick)).toMatchObject({ completed: 1, challenge: null });
    expect(feed(check, gestureFrames('open-mouth', MEAN_FACE, noise), tick)).toMatchObject({
      phase: 'failed',
      failure: 'early-gesture',
      offending: 'open-mouth',
    });
  });

  it('the same movement again once the face was back at rest; while coming back it may go on', () => {
    const { check, tick, noise } = askedFirst(['turn-right', 'blink']);
    // Met half-way through the turn; the rest of the turn and the way back are fine.
    const turn = gestureFrames('turn-right', MEAN_FACE, noise);
    expect(feed(check, turn, tick)).toMatchObject({ phase: 'challenge', completed: 1, challenge: null });
    expect(feed(check, gestureFrames('turn-right', MEAN_FACE, noise), tick)).toMatchObject({
      phase: 'failed',
      failure: 'early-gesture',
      offending: 'turn-right',
    });
  });

  it('a movement straight into another without coming back to rest', () => {
    const { check, tick, noise } = askedFirst(['turn-left', 'turn-right']);
    const sweep = [0.3, 0.6, 1, 0.5, 0, -0.5, -1].map((k) =>
      jitter(k >= 0 ? posed('turn-left', MEAN_FACE, k) : posed('turn-right', MEAN_FACE, -k), 0.003, noise),
    );
    expect(feed(check, sweep, tick)).toMatchObject({ phase: 'failed', failure: 'early-gesture', offending: 'turn-right', completed: 1 });
  });
});

describe('liveness: the hold before each prompt', () => {
  it('lasts a drawn time (0.8-1.2 s by default; the first counted from the first still frame of the baseline), and the screen is not told the next challenge before its prompt', () => {
    const waits = new Set<number>();
    for (let seed = 1; seed <= 30; seed++) {
      const noise = seededRandom(seed);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(seed), clock });
      const firstFrameAt = clock() + 100;
      feed(check, stillFrames(5, noise), () => tick());
      let state = check.state;
      while (!state.challenge) {
        expect(state).toMatchObject({
          phase: 'challenge',
          challenge: null,
          completed: 0,
          holding: true,
          prompt: { en: 'Look straight at the camera and hold still' },
        });
        tick();
        state = check.update(jitter(MEAN_FACE, 0.003, noise));
      }
      expect(state.holding).toBe(false);
      // The five baseline frames were still: they are the hold's first 0.4 s.
      const wait = clock() - firstFrameAt;
      expect(wait).toBeGreaterThanOrEqual(800);
      expect(wait).toBeLessThanOrEqual(1200 + 100);
      waits.add(wait);
    }
    expect(waits.size).toBeGreaterThan(3);
  });

  it('does not count baseline frames that were not still, or came before a frame without a face, into the first hold', () => {
    const noise = seededRandom(11);
    const timeToPrompt = (lead: Array<Point[] | null>) => {
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(3), clock, holdMinMs: 1000, holdMaxMs: 1000 });
      const start = clock();
      feed(check, [...lead, ...stillFrames(5, noise)], () => tick());
      const state = holdUntilAsked(check, () => tick(), noise);
      expect(state.challenge).not.toBeNull();
      return clock() - start;
    };
    const still = timeToPrompt(stillFrames(3, noise));
    // Three still frames, then one without a face: the hold starts after it.
    const gap = timeToPrompt([...stillFrames(3, noise), null]);
    // A half-open mouth (not a movement, not still) among the first frames.
    const word = timeToPrompt([...stillFrames(2, noise), jitter(openMouth(MEAN_FACE, 0.05), 0.003, noise)]);
    expect(still).toBe(1100); // first frame at +100, asked 1 s later
    expect(gap).toBe(1500); // the hold starts at the first frame after the gap (+500)
    expect(word).toBe(1400); // ... after the frame that was not still (+400)
  });

  it('does not end on one slow frame: the frames before it are judged again against a resting face refined by at least three still ones', () => {
    // A mouth half open, then open, among the baseline frames: against that first resting face (half
    // open) the open mouth is below the threshold; against the face at rest it is past it.
    const noise = seededRandom(12);
    const [rest, half, open] = [0, 0.06, 0.125].map((k) => jitter(openMouth(MEAN_FACE, k), 0.001, noise));
    const mouth = (l: Point[]) => faceGeometry(l).mouthOpening;
    expect(mouth(open!) - mouth(half!)).toBeLessThan(0.3);
    expect(mouth(open!) - mouth(rest!)).toBeGreaterThanOrEqual(0.3);
    const { clock, tick } = frameClock();
    const check = new LivenessCheck({ rng: seededRandom(4), clock });
    let state = feed(check, [rest!, half!, open!, open!, half!], () => tick());
    expect(state).toMatchObject({ phase: 'challenge', holding: true });
    // One frame that took 2 s (a template frame on a busy machine): longer than any hold.
    tick(2000);
    state = check.update(jitter(MEAN_FACE, 0.001, noise));
    expect(state).toMatchObject({ phase: 'challenge', challenge: null, holding: true });
    state = feed(check, stillFrames(10, noise), () => tick());
    expect(state).toMatchObject({ phase: 'failed', failure: 'early-gesture', offending: 'open-mouth' });
  });

  it('starts again after a blink, so the asked blink must come after its prompt; the check still passes', () => {
    const seed = seedAsking(['blink'], 1, { challengeCount: 1 });
    const timeToPrompt = (blinkDuringHold: boolean) => {
      const noise = seededRandom(6);
      const { clock, tick } = frameClock();
      const check = new LivenessCheck({ rng: seededRandom(seed), clock, challengeCount: 1, holdMinMs: 1000, holdMaxMs: 1000 });
      const start = clock();
      feed(check, [...stillFrames(8, noise), ...(blinkDuringHold ? spontaneousBlink(noise) : [])], () => tick());
      expect(check.state).toMatchObject({ phase: 'challenge', challenge: null });
      const state = holdUntilAsked(check, () => tick(), noise);
      expect(state.challenge).toBe('blink');
      const wait = clock() - start;
      expect(feed(check, gestureFrames('blink', MEAN_FACE, noise), () => tick()).phase).toBe('passed');
      return wait;
    };
    const plain = timeToPrompt(false);
    const withBlink = timeToPrompt(true);
    // The blink came 0.3 s into the 1 s hold: the hold started over when the eyes were open again.
    expect(withBlink - plain).toBeGreaterThanOrEqual(500);
  });
});
