// A synthetic "live" face made from one still photo: the photo on a camera-sized frame, and warped
// copies of it (head turned either way, mouth open, eyes shut) at a given strength. The warps are
// placed by the real engine's landmarks of the photo. Shared by the e2e fake camera (a fixed loop),
// the liveness tests and the benchmarks (a person who answers each prompt).
import type { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { Point } from '../../main/face/engine/protocol';
import type { RawImage } from '../../main/face/image/raw-image';
import type { LivenessChallenge } from '../../main/face/messages';
import { closeEyesImage, openMouthImage, turnHeadImage } from './face-warp';
import { fitPhoto } from './y4m';

export type LivePose = 'neutral' | 'turn-image-right' | 'turn-image-left' | 'open-mouth' | 'blink';

/** Warp strengths, tuned so that the engine measures clearly past the liveness thresholds. */
const TURN_SHIFT = 0.25;
const MOUTH_DROP = 0.15;
const EYE_CLOSURE = 1;

/** The pose that answers a challenge: the citizen's left is the image's right in an unmirrored frame. */
export const POSE_OF_CHALLENGE: Readonly<Record<LivenessChallenge, LivePose>> = {
  'turn-left': 'turn-image-right',
  'turn-right': 'turn-image-left',
  'open-mouth': 'open-mouth',
  blink: 'blink',
};

/** The photo in `pose` at strength k (0 neutral .. 1 full pose). */
export function poseFrame(base: RawImage, landmarks: Point[], pose: LivePose, k: number): RawImage {
  switch (pose) {
    case 'neutral':
      return base;
    case 'turn-image-right':
      return turnHeadImage(base, landmarks, TURN_SHIFT * k);
    case 'turn-image-left':
      return turnHeadImage(base, landmarks, -TURN_SHIFT * k);
    case 'open-mouth':
      return openMouthImage(base, landmarks, MOUTH_DROP * k);
    case 'blink':
      return closeEyesImage(base, landmarks, EYE_CLOSURE * k);
  }
}

/**
 * One movement as camera frames at 10 fps: half-way, held (0.7 s; a blink 0.6 s, as the liveness
 * check refuses eyes shut longer), half-way back.
 */
export function movementFrames(challenge: LivenessChallenge): { pose: LivePose; k: number }[] {
  const pose = POSE_OF_CHALLENGE[challenge];
  const held = challenge === 'blink' ? 6 : 7;
  return [{ pose, k: 0.5 }, ...Array.from({ length: held }, () => ({ pose, k: 1 })), { pose, k: 0.5 }];
}

/** The photo on a camera-sized frame and its 68 landmarks, found by the real engine with the tracking (fast) detector liveness uses. */
export async function photoWithLandmarks(
  engine: FaceEngineClient,
  photoFile: string,
  width = 640,
  height = 480,
): Promise<{ base: RawImage; landmarks: Point[] }> {
  const base = fitPhoto(photoFile, width, height);
  const r = await engine.analyze({ kind: 'rgba', width: base.width, height: base.height, data: base.data }, { detector: 'fast', descriptors: false });
  if (r.faces.length !== 1) throw new Error(`${photoFile}: ${r.faces.length} faces found, the live loop needs exactly one`);
  return { base, landmarks: r.faces[0]!.landmarks };
}
