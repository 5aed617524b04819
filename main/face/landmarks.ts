import type { Point } from './engine/protocol';

/** Measures from the 68 landmarks (iBUG order), each normalised so it does not depend on the face's size in the frame. */
export interface FaceGeometry {
  /** Distance between the jaw's ends (points 0 and 16), in pixels. */
  faceWidth: number;
  /** Nose tip's position across the face: 0 frontal, ±1 at the jaw's ends (positive towards image right). */
  yaw: number;
  /** Nose tip's height between the eyes' line (0) and the chin (1); about 0.35-0.5 when frontal. */
  pitch: number;
  /** Tilt of the line through the eye centres, in degrees. */
  rollDeg: number;
  /**
   * Mean eyelid gap of both eyes / the eyes-to-nose-tip distance. Both are vertical lengths of
   * the face, so a flat picture tilted or squeezed in front of the camera keeps this ratio,
   * unlike the classic eye aspect ratio (height / width).
   */
  eyeOpening: number;
  /** Inner lips' gap / the eyes-to-nose-tip distance (which opening the mouth does not change). */
  mouthOpening: number;
}

export const LANDMARK_COUNT = 68;

function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

function mid(points: Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return [x / points.length, y / points.length];
}

function eyelidGap(l: Point[], from: number): number {
  const p = (i: number) => l[from + i]!;
  return (dist(p(1), p(5)) + dist(p(2), p(4))) / 2;
}

export function faceGeometry(landmarks: Point[]): FaceGeometry {
  if (landmarks.length !== LANDMARK_COUNT) throw new Error(`expected ${LANDMARK_COUNT} landmarks, got ${landmarks.length}`);
  const l = landmarks;
  const jawL = l[0]!;
  const jawR = l[16]!;
  const nose = l[30]!;
  const chin = l[8]!;
  const axis: Point = [jawR[0] - jawL[0], jawR[1] - jawL[1]];
  const faceWidth = Math.hypot(axis[0], axis[1]);
  const along = faceWidth > 0 ? ((nose[0] - jawL[0]) * axis[0] + (nose[1] - jawL[1]) * axis[1]) / (faceWidth * faceWidth) : 0.5;
  const eyeL = mid(l.slice(36, 42));
  const eyeR = mid(l.slice(42, 48));
  const eyes = mid([eyeL, eyeR]);
  const chinDrop = dist(eyes, chin);
  const noseDrop = Math.hypot(nose[0] - eyes[0], nose[1] - eyes[1]);
  return {
    faceWidth,
    yaw: (along - 0.5) * 2,
    pitch: chinDrop > 0 ? noseDrop / chinDrop : 0,
    rollDeg: (Math.atan2(eyeR[1] - eyeL[1], eyeR[0] - eyeL[0]) * 180) / Math.PI,
    eyeOpening: noseDrop > 0 ? (eyelidGap(l, 36) + eyelidGap(l, 42)) / 2 / noseDrop : 0,
    mouthOpening: noseDrop > 0 ? dist(l[62]!, l[66]!) / noseDrop : 0,
  };
}
