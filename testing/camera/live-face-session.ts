// A citizen in front of the camera for tests that drive the core's face RPC directly: one shared
// photo on a camera frame, and the shared camera emulator's warped copies of it (head turned
// either way, mouth open, eyes shut: testing/camera/live-face.ts), as the JPEG frames the
// camera screen sends. The citizen answers each liveness prompt with the pose it asks for, so the
// core's whole face path runs: the engine on every frame, the liveness check, the template frames,
// the holder check, the gallery.
import jpeg from 'jpeg-js';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { RawImage } from '../../main/face/image/raw-image';
import { LIVENESS_PROMPTS, type LivenessChallenge } from '../../main/face/messages';
import type { FaceView, RpcResult } from '../../common/rpc/contract';
import { photoWithLandmarks, poseFrame, POSE_OF_CHALLENGE, type LivePose } from './live-face';
import type { LightColour } from '../../main/face/screen-light';
import { ALL_LIGHT_COLOURS, faceEllipse, litFrame } from './screen-light-model';

/** A face session gives up after this many frames (the core's own time limits end it well before). */
const MAX_FRAMES = 120;
/** The prompt shown while the baseline is taken and between challenges. */
const HOLD_STILL = JSON.stringify(LIVENESS_PROMPTS['hold-still']);
const POSES: readonly LivePose[] = ['neutral', 'turn-image-right', 'turn-image-left', 'open-mouth', 'blink'];

export interface LiveFaceFrames {
  /** base64 JPEG per pose and strength (0.5 on the way, 1 full). */
  readonly frames: Record<LivePose, { half: string; full: string }>;
  /** base64 JPEG of the neutral face lit by each colour of the screen-light check (testing/camera/screen-light-model.ts). */
  readonly lit: Record<LightColour, string>;
  /** The same, as a flat print of the face held where the face would be takes the light. */
  readonly litPrint: Record<LightColour, string>;
}

function toJpegBase64(image: RawImage): string {
  return jpeg
    .encode({ width: image.width, height: image.height, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) }, 90)
    .data.toString('base64');
}

/** The photo's posed frames, placed by the engine's landmarks (a worker of its own, closed before the kiosk starts). */
export async function prepareLiveFace(photoFile: string): Promise<LiveFaceFrames> {
  const engine = new FaceEngineClient();
  try {
    const { base, landmarks } = await photoWithLandmarks(engine, photoFile);
    const frames = Object.fromEntries(
      POSES.map((pose) => [pose, { half: toJpegBase64(poseFrame(base, landmarks, pose, 0.5)), full: toJpegBase64(poseFrame(base, landmarks, pose, 1)) }]),
    ) as LiveFaceFrames['frames'];
    const ellipse = faceEllipse(landmarks);
    const lit = Object.fromEntries(ALL_LIGHT_COLOURS.map((c) => [c, toJpegBase64(litFrame(base, ellipse, c))])) as LiveFaceFrames['lit'];
    const litPrint = Object.fromEntries(ALL_LIGHT_COLOURS.map((c) => [c, toJpegBase64(litFrame(base, ellipse, c, 'flat print'))])) as LiveFaceFrames['lit'];
    return { frames, lit, litPrint };
  } finally {
    await engine.close();
  }
}

/** What the citizen shows for a challenge: the pose coming, held, going, then a neutral face. */
function answerTo(challenge: LivenessChallenge, live: LiveFaceFrames): string[] {
  const f = live.frames;
  const neutral = f.neutral.full;
  const pose = POSE_OF_CHALLENGE[challenge];
  // A blink is short: one shut frame (the check refuses eyes shut longer than 0.6 s).
  if (pose === 'blink') return [f.blink.full, neutral, neutral];
  return [f[pose].half, f[pose].full, f[pose].half, neutral];
}

export type Invoke = (method: string, input: unknown) => Promise<RpcResult>;

/** face.start's input: identify, or bind with the consents and the notice read (face.notice's hash). */
export type FaceStart =
  | { mode: 'identify' }
  | { mode: 'bind'; storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null; notice: { language: string; factsHash: string } };

/** How a session went: the result, the session id (for face.cancel), the frames sent and the time it took. */
export interface FaceSessionOutcome {
  result: FaceView['result'];
  sessionId: string;
  frames: number;
  ms: number;
}

/** face.start's input to bind, with the notice the core shows now (face.notice's hash), read in Chinese. */
export async function bindStart(
  invoke: Invoke,
  consents: { storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null },
): Promise<FaceStart> {
  const notice = await invoke('face.notice', {});
  if (!notice.ok) throw new Error(`face.notice: ${notice.error.code}: ${notice.error.message}`);
  const { factsHash } = notice.output as { factsHash: string };
  return { mode: 'bind', ...consents, notice: { language: 'zh-CN', factsHash } };
}

/**
 * One face session through the RPC (`face.start`, then `face.frame` until the flow ends): neutral
 * frames while the core positions the face and takes its baseline, the asked pose for each
 * liveness prompt, the face lit by the screen's colour while the screen-light check shows one,
 * neutral frames for the template. `beforeFrame` runs before each frame is sent
 * (a test cancels there). Throws on an RPC error.
 */
export async function faceSession(
  invoke: Invoke,
  live: LiveFaceFrames,
  start: FaceStart,
  beforeFrame?: (view: FaceView | null, sessionId: string) => Promise<void> | void,
): Promise<FaceSessionOutcome> {
  // The touch that opened the camera, as the screen reports it: the core's idle limit starts again.
  const t0 = performance.now();
  await invoke('session.activity', { elder: false });
  const started = await invoke('face.start', start);
  if (!started.ok) throw new Error(`face.start: ${started.error.code}: ${started.error.message}`);
  const { sessionId } = started.output as { sessionId: string };
  let queue: string[] = [];
  let answering: string | null = null;
  let view: FaceView | null = null;
  for (let frames = 1; frames <= MAX_FRAMES; frames++) {
    await beforeFrame?.(view, sessionId);
    // The screen's colour falls on the face at once (no camera delay on this path).
    const light = view?.light ? live.lit[view.light.colour as LightColour] : null;
    const jpegBase64 = queue.shift() ?? light ?? live.frames.neutral.full;
    const r = await invoke('face.frame', { sessionId, jpegBase64 });
    if (!r.ok) throw new Error(`face.frame: ${r.error.code}: ${r.error.message}`);
    view = r.output as FaceView;
    if (view.result) return { result: view.result, sessionId, frames, ms: performance.now() - t0 };
    const asked =
      view.step === 'liveness' && view.liveness?.challenge && JSON.stringify(view.liveness.prompt) !== HOLD_STILL
        ? (view.liveness.challenge as LivenessChallenge)
        : null;
    if (asked === null) {
      answering = null;
      queue = [];
    } else if (asked !== answering || queue.length === 0) {
      // A new prompt, or the last answer was not enough: show the pose (again).
      answering = asked;
      queue = answerTo(asked, live);
    }
  }
  await invoke('face.cancel', { sessionId });
  throw new Error(`face session not over after ${MAX_FRAMES} frames`);
}
