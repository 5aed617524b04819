// A synthetic "live" face for Chromium's fake camera: one shared photo, warped into a loop of
// neutral → turn (image right) → neutral → open mouth → neutral → blink (0.6 s shut) → neutral →
// turn (image left). Chromium loops the file, so whichever challenge the liveness check asks for
// comes round within one loop (5.8 s, inside the 7 s a challenge is given).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaceEngineClient } from '../../../main/face/engine/face-engine-client';
import type { Point } from '../../../main/face/engine/protocol';
import type { RawImage } from '../../../main/face/image/raw-image';
import { photoWithLandmarks, poseFrame, type LivePose } from '../../../testing/camera/live-face';
import { writeY4m } from '../../../testing/camera/y4m';

export { photoWithLandmarks, poseFrame, type LivePose };

export interface LoopSegment {
  pose: LivePose;
  /** Frames at full pose (ramps of RAMP_FRAMES each side are added for non-neutral poses). */
  holdFrames: number;
}

export const LIVE_LOOP_FPS = 10;
const RAMP = [0.5];

/** The loop: every pose once, neutral between them (the liveness check wants a neutral face between challenges). */
export const LIVE_LOOP: readonly LoopSegment[] = [
  { pose: 'neutral', holdFrames: 6 },
  { pose: 'turn-image-right', holdFrames: 7 },
  { pose: 'neutral', holdFrames: 5 },
  { pose: 'open-mouth', holdFrames: 7 },
  { pose: 'neutral', holdFrames: 5 },
  // A blink is short: the liveness check does not count eyes closed for more than 0.6 s.
  { pose: 'blink', holdFrames: 6 },
  // Long enough that a screen sampling at 600 ms sees the eyes open again before the head turns.
  { pose: 'neutral', holdFrames: 7 },
  { pose: 'turn-image-left', holdFrames: 7 },
];

export function loopFrameCount(loop: readonly LoopSegment[] = LIVE_LOOP): number {
  return loop.reduce((n, s) => n + s.holdFrames + (s.pose === 'neutral' ? 0 : 2 * RAMP.length), 0);
}

/** The loop's frames with the pose each shows (k: 0 neutral .. 1 full pose). */
export function* loopFrames(
  base: RawImage,
  landmarks: Point[],
  loop: readonly LoopSegment[] = LIVE_LOOP,
): Generator<{ pose: LivePose; k: number; image: RawImage }> {
  const cache = new Map<string, RawImage>();
  const frame = (pose: LivePose, k: number) => {
    const key = `${pose}:${k}`;
    let image = cache.get(key);
    if (!image) cache.set(key, (image = poseFrame(base, landmarks, pose, k)));
    return { pose, k, image };
  };
  for (const segment of loop) {
    if (segment.pose === 'neutral') {
      for (let i = 0; i < segment.holdFrames; i++) yield frame('neutral', 0);
      continue;
    }
    for (const k of RAMP) yield frame(segment.pose, k);
    for (let i = 0; i < segment.holdFrames; i++) yield frame(segment.pose, 1);
    for (const k of [...RAMP].reverse()) yield frame(segment.pose, k);
  }
}

function generatorVersion(): string {
  const hash = createHash('sha256');
  const camera = '../../../testing/camera/';
  for (const f of ['./live-face-y4m.ts', `${camera}face-warp.ts`, `${camera}live-face.ts`, `${camera}y4m.ts`])
    hash.update(readFileSync(fileURLToPath(new URL(f, import.meta.url))));
  return hash.digest('hex').slice(0, 12);
}

/**
 * The live loop as a .y4m for `--use-file-for-fake-video-capture`, made once per photo and
 * generator version and kept in the temp dir (about 25 MB at 640×480), so test runs reuse it.
 */
export async function liveFaceY4m(photoFile: string, opts: { width?: number; height?: number; cacheDir?: string } = {}): Promise<string> {
  const width = opts.width ?? 640;
  const height = opts.height ?? 480;
  const dir = opts.cacheDir ?? path.join(os.tmpdir(), 'kiosk-live-face');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `${path.basename(photoFile).replace(/\W/g, '_')}-${width}x${height}-${generatorVersion()}.y4m`);
  if (existsSync(out)) return out;
  const engine = new FaceEngineClient();
  try {
    const { base, landmarks } = await photoWithLandmarks(engine, photoFile, width, height);
    const partial = `${out}.${process.pid}.part`;
    writeY4m(
      partial,
      (function* () {
        for (const f of loopFrames(base, landmarks)) yield f.image;
      })(),
      LIVE_LOOP_FPS,
    );
    renameSync(partial, out);
  } finally {
    await engine.close();
  }
  return out;
}
