import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import type { FaceView } from '../../common/rpc/contract';
import { call } from '../helpers/core-call';
import { FACE_USE_OVER, LIGHT_PROMPTS } from '../../main/face/messages';
import type { LightColour } from '../../main/face/screen-light';
import { faceSession, prepareLiveFace, type LiveFaceFrames } from '../../testing/camera/live-face-session';
import { ALL_LIGHT_COLOURS, FACE_LIGHT_GAIN, litColour } from '../../testing/camera/screen-light-model';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { faceFile } from './face-data';

/** Frames one attempt may take before the test gives up (the core's own limits end it sooner). */
const MAX_FRAMES = 120;

/** A frame tinted all over, face and background alike, as a flat picture lit by the screen is. */
function flatLit(jpegBase64: string, colour: LightColour): string {
  const image = jpeg.decode(Buffer.from(jpegBase64, 'base64'), { useTArray: true });
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = litColour([image.data[i]!, image.data[i + 1]!, image.data[i + 2]!], colour, FACE_LIGHT_GAIN);
    image.data[i] = Math.min(255, Math.round(r));
    image.data[i + 1] = Math.min(255, Math.round(g));
    image.data[i + 2] = Math.min(255, Math.round(b));
  }
  return jpeg.encode(image, 90).data.toString('base64');
}

/**
 * 刷脸办事 with the screen-light check through the core's RPC, the real engine and the embedded
 * hub: the resident card's owner (id01: img10.jpg) binds by movements and the card; then another
 * photo of them (img6.jpg), lit by each colour the screen shows (testing/camera/screen-light-model.ts),
 * is identified without a single movement. A photo, a print of the face held where the face would
 * be, a picture lit as evenly as its background and a face lit by other colours than the screen's
 * (a recording of another check) are refused.
 */
describe('刷脸办事 by the screen’s light', () => {
  let kiosk: TestKiosk;
  let owner: LiveFaceFrames;
  let probe: LiveFaceFrames;
  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input);

  beforeAll(async () => {
    owner = await prepareLiveFace(faceFile('img10.jpg'));
    probe = await prepareLiveFace(faceFile('img6.jpg'));
    kiosk = await bootTestKiosk('light-identify');
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await identified;
    const facts = await call(kiosk.core, 'face.notice', {});
    const bound = await faceSession(invoke, owner, {
      mode: 'bind',
      storeConsent: { textVersion: 'v1' },
      shareConsent: null,
      notice: { language: 'zh-CN', factsHash: facts.factsHash },
    });
    expect(bound.result).toEqual({ kind: 'bound' });
    kiosk.embedded.idCardEmulator!.emulator.remove();
    await invoke('session.reset', { reason: 'citizen' });
  }, 240_000);
  afterAll(async () => kiosk?.stop());

  /** One identification attempt: `frameFor` says what the camera shows after each view; returns every view. */
  async function attempt(frameFor: (view: FaceView | null) => string): Promise<FaceView[]> {
    const { sessionId } = await call(kiosk.core, 'face.start', { mode: 'identify' });
    const views: FaceView[] = [];
    let view: FaceView | null = null;
    for (let i = 0; i < MAX_FRAMES; i++) {
      view = await call(kiosk.core, 'face.frame', { sessionId, jpegBase64: frameFor(view) });
      views.push(view);
      if (view.result) return views;
    }
    throw new Error(`the face attempt was not over after ${MAX_FRAMES} frames`);
  }
  const coloursShown = (views: FaceView[]): LightColour[] =>
    views.map((v) => v.light?.colour ?? null).filter((c, i, all): c is LightColour => c !== null && c !== all[i - 1]);
  const neutral = () => probe.frames.neutral.full;

  it('identifies the citizen who holds still while the screen lights the face with five drawn colours', async () => {
    const views = await attempt((view) => (view?.light ? probe.lit[view.light.colour] : neutral()));
    expect(views.at(-1)).toMatchObject({ step: 'done', result: { kind: 'identified' } });
    const shown = coloursShown(views);
    expect(shown).toHaveLength(5);
    expect(shown.every((c) => ALL_LIGHT_COLOURS.includes(c))).toBe(true);
    // The screen says to look at it and hold still; no movement is ever asked.
    expect(views.filter((v) => v.step === 'liveness').every((v) => v.liveness?.check === 'screen-light' && v.liveness.challenge === null)).toBe(true);
    expect(views.find((v) => v.step === 'liveness')?.liveness?.prompt).toEqual(LIGHT_PROMPTS['look-at-screen']);
    await invoke('session.reset', { reason: 'citizen' });
  }, 120_000);

  it('refuses a photo that takes no colour, a print held where the face would be, and a face lit by other colours than the screen’s; the third ends face use', async () => {
    await invoke('session.reset', { reason: 'citizen' });
    const photo = await attempt(neutral);
    expect(photo.at(-1)).toMatchObject({
      step: 'failed',
      result: { kind: 'failed', reason: 'light-not-taken', text: LIGHT_PROMPTS.failed, fallback: 'id-card' },
    });

    const print = await attempt((view) => (view?.light ? probe.litPrint[view.light.colour] : neutral()));
    expect(print.at(-1)).toMatchObject({ result: { kind: 'failed', reason: 'light-flat-surface', text: LIGHT_PROMPTS.failed } });
    // It did take every colour in turn: only its flatness gave it away.
    expect(coloursShown(print)).toHaveLength(5);

    // Each colour answered with the one after it in the palette: always lit, never as the screen is.
    const other = (c: LightColour) => ALL_LIGHT_COLOURS[(ALL_LIGHT_COLOURS.indexOf(c) + 1) % ALL_LIGHT_COLOURS.length]!;
    const wrong = await attempt((view) => (view?.light ? probe.lit[other(view.light.colour)] : neutral()));
    expect(wrong.at(-1)).toMatchObject({ result: { kind: 'failed', reason: 'light-wrong-colour', text: FACE_USE_OVER } });
    expect(await invoke('face.start', { mode: 'identify' })).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: FACE_USE_OVER } });
    await invoke('session.reset', { reason: 'citizen' });
  }, 240_000);

  it('refuses a picture that takes the colours as evenly as the hall around it (a screen or a print filling the view)', async () => {
    await invoke('session.reset', { reason: 'citizen' });
    const flat = await attempt((view) => (view?.light ? flatLit(neutral(), view.light.colour) : neutral()));
    expect(flat.at(-1)).toMatchObject({ result: { kind: 'failed', reason: 'light-not-taken' } });
    await invoke('session.reset', { reason: 'citizen' });
  }, 120_000);
});
