import type { FaceObservation } from './engine/protocol';
import { faceGeometry, type FaceGeometry } from './landmarks';
import { QUALITY_MESSAGES, type QualityReason } from './messages';
import type { LocalizedText } from '../../common/i18n/languages';

export interface QualityThresholds {
  /** Face box width / shorter side of the frame. */
  minFaceFraction: number;
  maxFaceFraction: number;
  /** Distance of the face centre from the frame centre, as a fraction of the frame's size. */
  maxCentreOffset: number;
  /** |yaw| (nose across the face, ±1 at the jaw's ends). */
  maxYaw: number;
  maxRollDeg: number;
  /** Allowed range of the nose's height between eyes and chin. */
  pitchRange: readonly [number, number];
  minBrightness: number;
  maxBrightness: number;
  /** Variance of the Laplacian on the face crop. */
  minSharpness: number;
}

export const DEFAULT_QUALITY: QualityThresholds = {
  minFaceFraction: 0.2,
  maxFaceFraction: 0.85,
  maxCentreOffset: 0.25,
  maxYaw: 0.3,
  maxRollDeg: 15,
  pitchRange: [0.25, 0.65],
  minBrightness: 60,
  maxBrightness: 210,
  minSharpness: 100,
};

export interface QualityVerdict {
  ok: boolean;
  /** The first gate that failed, null when all passed. */
  reason: QualityReason | null;
  message: LocalizedText | null;
  face: FaceObservation | null;
  geometry: FaceGeometry | null;
}

function refuse(reason: QualityReason, face: FaceObservation | null, geometry: FaceGeometry | null): QualityVerdict {
  return { ok: false, reason, message: QUALITY_MESSAGES[reason], face, geometry };
}

/**
 * The gates a frame must pass before its face is used (template, identification, liveness):
 * exactly one face, its size, centred, frontal, lit, sharp. The first failing gate is reported
 * with the sentence the screen shows.
 */
export function assessQuality(
  frame: { width: number; height: number; faces: FaceObservation[] },
  thresholds: QualityThresholds = DEFAULT_QUALITY,
): QualityVerdict {
  if (frame.faces.length === 0) return refuse('no-face', null, null);
  if (frame.faces.length > 1) return refuse('multiple-faces', null, null);
  const face = frame.faces[0]!;
  const geometry = faceGeometry(face.landmarks);
  const shorter = Math.min(frame.width, frame.height);
  const fraction = face.box.width / shorter;
  if (fraction < thresholds.minFaceFraction) return refuse('too-far', face, geometry);
  if (fraction > thresholds.maxFaceFraction) return refuse('too-close', face, geometry);
  const dx = (face.box.x + face.box.width / 2 - frame.width / 2) / frame.width;
  const dy = (face.box.y + face.box.height / 2 - frame.height / 2) / frame.height;
  if (Math.hypot(dx, dy) > thresholds.maxCentreOffset) return refuse('not-centred', face, geometry);
  if (
    Math.abs(geometry.yaw) > thresholds.maxYaw ||
    Math.abs(geometry.rollDeg) > thresholds.maxRollDeg ||
    geometry.pitch < thresholds.pitchRange[0] ||
    geometry.pitch > thresholds.pitchRange[1]
  ) {
    return refuse('not-frontal', face, geometry);
  }
  if (face.brightness < thresholds.minBrightness) return refuse('too-dark', face, geometry);
  if (face.brightness > thresholds.maxBrightness) return refuse('too-bright', face, geometry);
  if (face.sharpness < thresholds.minSharpness) return refuse('blurry', face, geometry);
  return { ok: true, reason: null, message: null, face, geometry };
}
