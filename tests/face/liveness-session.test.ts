import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceView } from '../../common/rpc/contract';
import { call } from '../helpers/core-call';
import { FACE_USE_OVER, LIVENESS_NOT_AS_ASKED, type LivenessChallenge } from '../../main/face/messages';
import { LivenessAttempts } from '../../main/face/liveness-attempts';
import { faceSession, prepareLiveFace, type LiveFaceFrames } from '../../testing/camera/live-face-session';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { faceFile } from './face-data';

/** The camera pose that answers a challenge (the citizen's left is the image's right). */
const POSE_OF = { 'turn-left': 'turn-image-right', 'turn-right': 'turn-image-left', 'open-mouth': 'open-mouth', blink: 'blink' } as const;
/** Frames one attempt may take before the test gives up (the core's own time limits end it sooner). */
const MAX_FRAMES = 200;

type Behaviour =
  /** Opens the mouth while the face is to be held still, before any prompt. */
  | 'early'
  /** Answers the first prompt with another movement. */
  | 'wrong'
  /** Cancels the attempt as soon as the first prompt is shown. */
  | 'abandon'
  /** Cancels the attempt before any prompt. */
  | 'cancel-before-prompt'
  /** Answers every prompt with the asked movement. */
  | 'answer';

/**
 * 刷脸办事 through the core's RPC with the real engine: JPEG frames of one shared photo, warped into
 * the poses by the shared camera emulator (testing/camera/live-face-session.ts), sent one at a time
 * as the camera screen does.
 */
describe('failed liveness checks in a row end face use for the session', () => {
  let kiosk: TestKiosk;
  let live: LiveFaceFrames;
  let stranger: LiveFaceFrames;

  beforeAll(async () => {
    live = await prepareLiveFace(faceFile('img10.jpg'));
    stranger = await prepareLiveFace(faceFile('img8.jpg'));
    // Identification by binding's movements (face.identifyLiveness): this file's attempts answer prompts; the screen-light check's own are in light-identify.test.ts.
    kiosk = await bootTestKiosk('liveness-session', { config: { face: { identifyLiveness: 'movements' } } });
  }, 120_000);
  afterAll(async () => kiosk?.stop());

  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input);
  const bindStart = async () => {
    const facts = await call(kiosk.core, 'face.notice', {});
    return { mode: 'bind' as const, storeConsent: { textVersion: 'v1' }, shareConsent: null, notice: { language: 'zh-CN', factsHash: facts.factsHash } };
  };

  /** One face attempt in identify mode; the last view the core answered (null when cancelled). */
  async function attempt(behaviour: Behaviour): Promise<FaceView | null> {
    const { sessionId } = await call(kiosk.core, 'face.start', { mode: 'identify' });
    const f = live.frames;
    let queue: string[] = [];
    let answered: string | null = null;
    let sentEarly = false;
    let view: FaceView | null = null;
    for (let i = 0; i < MAX_FRAMES; i++) {
      view = await call(kiosk.core, 'face.frame', { sessionId, jpegBase64: queue.shift() ?? f.neutral.full });
      if (view.result) return view;
      const asked = (view.liveness?.challenge ?? null) as LivenessChallenge | null;
      if (view.step === 'liveness' && behaviour === 'cancel-before-prompt') {
        expect(asked).toBeNull();
        await invoke('face.cancel', { sessionId });
        return null;
      }
      if (view.step === 'liveness' && behaviour === 'early' && !sentEarly) {
        sentEarly = true;
        queue = [f['open-mouth'].half, f['open-mouth'].full, f['open-mouth'].full, f['open-mouth'].half];
      }
      if (!asked || asked === answered) continue;
      answered = asked;
      if (behaviour === 'abandon') {
        await invoke('face.cancel', { sessionId });
        return null;
      }
      const pose = behaviour === 'wrong' ? (asked === 'open-mouth' ? POSE_OF['turn-left'] : 'open-mouth') : POSE_OF[asked];
      queue = [f[pose].half, f[pose].full, f[pose].full, f[pose].half, f.neutral.full];
    }
    throw new Error(`the face attempt (${behaviour}) was not over after ${MAX_FRAMES} frames`);
  }

  it('counts failed and abandoned checks; the third refuses face use with a sentence, until the session is reset', async () => {
    expect(await attempt('early')).toMatchObject({ step: 'failed', result: { kind: 'failed', reason: 'liveness-early-gesture', text: LIVENESS_NOT_AS_ASKED } });
    // Cancelled before any prompt was shown: not counted.
    expect(await attempt('cancel-before-prompt')).toBeNull();
    expect(await attempt('cancel-before-prompt')).toBeNull();
    // Cancelled at a prompt (it may not suit a recording): counted, or orders could be drawn until one does.
    expect(await attempt('abandon')).toBeNull();
    const third = await attempt('wrong');
    expect(third).toMatchObject({ step: 'failed', result: { kind: 'failed', reason: 'liveness-wrong-gesture', fallback: 'id-card', text: FACE_USE_OVER } });

    for (const mode of [{ mode: 'identify' }, await bindStart()]) {
      const refused = await invoke('face.start', mode);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: FACE_USE_OVER } });
    }
    for (const text of Object.values(FACE_USE_OVER)) expect(text).toMatch(/身份证|身份證|ID card/);

    await invoke('session.reset', { reason: 'citizen' });
    expect(await invoke('face.start', { mode: 'identify' })).toMatchObject({ ok: true });
  }, 240_000);

  it('a passed check starts the count again', async () => {
    await invoke('session.reset', { reason: 'citizen' });
    expect(await attempt('wrong')).toMatchObject({ result: { reason: 'liveness-wrong-gesture' } });
    expect(await attempt('wrong')).toMatchObject({ result: { reason: 'liveness-wrong-gesture' } });
    // Liveness passed; nobody is bound on this terminal, so the card is offered.
    expect(await attempt('answer')).toMatchObject({ step: 'done', result: { kind: 'not-identified' } });
    expect(await attempt('wrong')).toMatchObject({ result: { reason: 'liveness-wrong-gesture', text: LIVENESS_NOT_AS_ASKED } });
    expect(await attempt('wrong')).toMatchObject({ result: { reason: 'liveness-wrong-gesture', text: LIVENESS_NOT_AS_ASKED } });
    expect(await invoke('face.start', { mode: 'identify' })).toMatchObject({ ok: true });
  }, 300_000);

  it('a face that passed liveness but is not the card holder’s does not start the count again', async () => {
    await invoke('session.reset', { reason: 'citizen' });
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await identified;
    expect(await attempt('wrong')).toMatchObject({ result: { reason: 'liveness-wrong-gesture' } });
    expect(await attempt('wrong')).toMatchObject({ result: { reason: 'liveness-wrong-gesture' } });
    // Someone else's face with the resident's card: liveness passes, 人证核验 does not.
    expect((await faceSession(invoke, stranger, await bindStart())).result).toMatchObject({ kind: 'failed', reason: 'holder-mismatch' });
    expect(await invoke('face.start', { mode: 'identify' })).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: FACE_USE_OVER } });
    kiosk.embedded.idCardEmulator!.emulator.remove();
  }, 420_000);
});

describe('LivenessAttempts', () => {
  it('counts failed and abandoned-at-a-prompt attempts in a row, not ones that never showed a prompt', () => {
    const attempts = new LivenessAttempts(3);
    for (const a of ['failed', 'not-asked', 'asked', 'not-asked'] as const) attempts.record(a);
    expect(attempts.over).toBe(false);
    attempts.record('passed');
    for (const a of ['failed', 'failed'] as const) attempts.record(a);
    expect(attempts.over).toBe(false);
    attempts.record('asked');
    expect(attempts.over).toBe(true);
    attempts.reset();
    expect(attempts.over).toBe(false);
  });
});
