// A citizen in front of the camera, made from one still photo: the photo fitted to a camera frame,
// and warped copies of it (head turned either way, mouth open, eyes shut) encoded as the JPEG
// frames the renderer would send. The citizen answers each liveness prompt with the pose it asks
// for, as a person does, so the core's whole face path runs: the WASM engine on every frame, the
// liveness check, the template frames, the gallery search.
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { Point } from '../../main/face/engine/protocol';
import type { RawImage } from '../../main/face/image/raw-image';
import type { FaceView, RpcResult } from '../../common/rpc/contract';
import { LIVENESS_PROMPTS } from '../../main/face/messages';
import { closeEyesImage, openMouthImage, turnHeadImage } from '../../devices/emulators/camera/face-warp';

const FRAME_WIDTH = 640;
const FRAME_HEIGHT = 480;
/** Warp strengths that the engine measures clearly past the liveness thresholds (as the e2e fake camera). */
const TURN_SHIFT = 0.25;
const MOUTH_DROP = 0.15;
/** A face session gives up after this many frames (the core's own time limits end it well before). */
const MAX_FRAMES = 120;
/** The prompt shown while the baseline is taken and between challenges. */
const HOLD_STILL = JSON.stringify(LIVENESS_PROMPTS['hold-still']);

type Pose = 'neutral' | 'turn-image-right' | 'turn-image-left' | 'open-mouth' | 'blink';

export interface LiveFaceFrames {
  /** base64 JPEG per pose and strength (0.5 on the way, 1 full). */
  readonly frames: Record<Pose, { half: string; full: string }>;
}

/** The JPEG photo scaled to fit the camera frame (nearest pixel) on a grey background, as RGBA. */
function fitPhoto(file: string): RawImage {
  const img = jpeg.decode(readFileSync(file), { useTArray: true, maxMemoryUsageInMB: 1024 });
  const scale = Math.min(FRAME_WIDTH / img.width, FRAME_HEIGHT / img.height);
  const w = Math.round(img.width * scale);
  const h = Math.round(img.height * scale);
  const ox = Math.floor((FRAME_WIDTH - w) / 2);
  const oy = Math.floor((FRAME_HEIGHT - h) / 2);
  const data = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT * 4).fill(128);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor(y / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x / scale));
      const s = (sy * img.width + sx) * 4;
      const d = ((oy + y) * FRAME_WIDTH + ox + x) * 4;
      data[d] = img.data[s]!;
      data[d + 1] = img.data[s + 1]!;
      data[d + 2] = img.data[s + 2]!;
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width: FRAME_WIDTH, height: FRAME_HEIGHT, data };
}

function toJpegBase64(image: RawImage): string {
  return jpeg.encode({ width: image.width, height: image.height, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) }, 90).data.toString('base64');
}

function posed(base: RawImage, l: Point[], pose: Pose, k: number): RawImage {
  switch (pose) {
    case 'neutral':
      return base;
    case 'turn-image-right':
      return turnHeadImage(base, l, TURN_SHIFT * k);
    case 'turn-image-left':
      return turnHeadImage(base, l, -TURN_SHIFT * k);
    case 'open-mouth':
      return openMouthImage(base, l, MOUTH_DROP * k);
    case 'blink':
      return closeEyesImage(base, l, k);
  }
}

/**
 * Finds the photo's 68 landmarks with the engine's tracking detector (a worker of its own, closed
 * before the kiosk starts) and makes the posed frames.
 */
export async function prepareLiveFace(photoFile: string): Promise<LiveFaceFrames> {
  const base = fitPhoto(photoFile);
  const engine = new FaceEngineClient();
  let landmarks: Point[];
  try {
    const r = await engine.analyze({ kind: 'rgba', width: base.width, height: base.height, data: base.data }, { detector: 'fast', descriptors: false });
    if (r.faces.length !== 1) throw new Error(`${photoFile}: ${r.faces.length} faces found, a live face needs exactly one`);
    landmarks = r.faces[0]!.landmarks;
  } finally {
    await engine.close();
  }
  const poses: Pose[] = ['neutral', 'turn-image-right', 'turn-image-left', 'open-mouth', 'blink'];
  const frames = Object.fromEntries(
    poses.map((pose) => [pose, { half: toJpegBase64(posed(base, landmarks, pose, 0.5)), full: toJpegBase64(posed(base, landmarks, pose, 1)) }]),
  ) as LiveFaceFrames['frames'];
  return { frames };
}

/** What the citizen shows for a challenge: the pose coming, held, going, then a neutral face. */
function answerTo(challenge: string, live: LiveFaceFrames): string[] {
  const f = live.frames;
  const neutral = f.neutral.full;
  // The citizen's left is the image's right in an unmirrored camera frame (main/face/liveness.ts).
  const pose: Pose | null =
    challenge === 'turn-left' ? 'turn-image-right' : challenge === 'turn-right' ? 'turn-image-left' : challenge === 'open-mouth' ? 'open-mouth' : challenge === 'blink' ? 'blink' : null;
  if (!pose) throw new Error(`unknown liveness challenge ${challenge}`);
  // A blink is short: one shut frame (the check refuses eyes shut longer than 0.6 s).
  if (pose === 'blink') return [f.blink.full, neutral, neutral];
  return [f[pose].half, f[pose].full, f[pose].half, neutral];
}

export type Invoke = (method: string, input: unknown) => Promise<RpcResult>;

export interface FaceSessionOutcome {
  result: FaceView['result'];
  frames: number;
  ms: number;
}

/**
 * One face session through the RPC (`face.start`, then `face.frame` until the flow ends): neutral
 * frames while the core positions the face and takes its baseline, the asked pose for each
 * liveness prompt, neutral frames for the template. Throws on an RPC error.
 */
export async function faceSession(invoke: Invoke, live: LiveFaceFrames, start: { mode: 'identify' } | { mode: 'bind'; storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null }): Promise<FaceSessionOutcome> {
  const t0 = performance.now();
  // The screen shows the face notice before the camera opens; face.start names the one read.
  const notice = await invoke('face.notice', {});
  if (!notice.ok) throw new Error(`face.notice: ${notice.error.code}: ${notice.error.message}`);
  const { factsHash } = notice.output as { factsHash: string };
  const started = await invoke('face.start', { ...start, notice: { language: 'zh-CN', factsHash } });
  if (!started.ok) throw new Error(`face.start: ${started.error.code}: ${started.error.message}`);
  const { sessionId } = started.output as { sessionId: string };
  let queue: string[] = [];
  let answering: string | null = null;
  for (let frames = 1; frames <= MAX_FRAMES; frames++) {
    const jpegBase64 = queue.shift() ?? live.frames.neutral.full;
    const r = await invoke('face.frame', { sessionId, jpegBase64 });
    if (!r.ok) throw new Error(`face.frame: ${r.error.code}: ${r.error.message}`);
    const view = r.output as FaceView;
    if (view.result) return { result: view.result, frames, ms: performance.now() - t0 };
    const asked = view.step === 'liveness' && view.liveness?.challenge && JSON.stringify(view.liveness.prompt) !== HOLD_STILL ? view.liveness.challenge : null;
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
