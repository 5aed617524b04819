// Synthetic motion over a 68-point landmark set (iBUG order), to make recorded-like sequences for
// the liveness state machine. fixtures/mean-face-68.json is the mean shape of the landmarks the
// pipeline found on the 61 shared test photos (eyes levelled, 60 px apart): a generic face, no one's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Point } from '../../main/face/engine/protocol';

export const MEAN_FACE: Point[] = (
  JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/mean-face-68.json', import.meta.url)), 'utf8')) as [number, number][]
).map(([x, y]) => [x, y] as const);

/** Rough depth of each landmark towards the camera, as a fraction of the face width. */
function depthOf(i: number): number {
  if (i <= 16) return 0.3 * (1 - Math.abs(i - 8) / 8) ** 0.7;
  if (i <= 26) return 0.3;
  if (i <= 29) return 0.3 + (i - 27) * 0.05;
  if (i === 30) return 0.48;
  if (i <= 35) return 0.38;
  if (i <= 47) return 0.24;
  return 0.32;
}

function faceWidth(l: Point[]): number {
  return Math.hypot(l[16]![0] - l[0]![0], l[16]![1] - l[0]![1]);
}

function centre(l: Point[]): Point {
  return [(l[0]![0] + l[16]![0]) / 2, (l[0]![1] + l[16]![1]) / 2];
}

/** A real head turning: points rotate about a vertical axis by their depth (positive = towards image right). */
export function turnHead(l: Point[], degrees: number): Point[] {
  const w = faceWidth(l);
  const [cx] = centre(l);
  const a = (degrees * Math.PI) / 180;
  return l.map(([x, y], i) => [cx + (x - cx) * Math.cos(a) + depthOf(i) * w * Math.sin(a), y] as const);
}

/** Opens the mouth: lower lip and chin move down by `fraction` of the face width. */
export function openMouth(l: Point[], fraction: number): Point[] {
  const d = fraction * faceWidth(l);
  const lower = new Set([5, 6, 7, 8, 9, 10, 11, 55, 56, 57, 58, 59, 65, 66, 67]);
  return l.map(([x, y], i) => [x, lower.has(i) ? y + d : y] as const);
}

/** Closes the eyes by `closure` (0 open .. 1 shut): upper lids move towards the lower ones. */
export function closeEyes(l: Point[], closure: number): Point[] {
  const out = l.map((p) => [p[0], p[1]] as [number, number]);
  for (const [up, low] of [
    [37, 41],
    [38, 40],
    [43, 47],
    [44, 46],
  ] as const) {
    out[up]![1] = l[up]![1] + (l[low]![1] - l[up]![1]) * closure;
  }
  return out;
}

/** A flat picture moved in front of the camera: in-plane rotation, scale, shift, and a tilt that squeezes it horizontally. */
export function movePicture(l: Point[], opts: { rollDeg: number; scale: number; dx: number; dy: number; squeeze: number }): Point[] {
  const [cx, cy] = centre(l);
  const a = (opts.rollDeg * Math.PI) / 180;
  return l.map(([x, y]) => {
    const px = (x - cx) * opts.squeeze;
    const py = y - cy;
    return [cx + opts.dx + opts.scale * (px * Math.cos(a) - py * Math.sin(a)), cy + opts.dy + opts.scale * (px * Math.sin(a) + py * Math.cos(a))] as const;
  });
}

/** Sensor noise: every point jitters by up to `amount` of the face width. */
export function jitter(l: Point[], amount: number, rng: () => number): Point[] {
  const w = faceWidth(l);
  return l.map(([x, y]) => [x + (rng() - 0.5) * 2 * amount * w, y + (rng() - 0.5) * 2 * amount * w] as const);
}

/** A liveness challenge's pose at strength `k` (0 neutral .. 1 full): 30° head turns, the mouth 0.12 face widths open, eyes 0.85 shut. */
export function posed(challenge: 'turn-left' | 'turn-right' | 'open-mouth' | 'blink', base: Point[], k: number): Point[] {
  switch (challenge) {
    case 'turn-left':
      // The citizen's left is the image's right in an unmirrored camera frame.
      return turnHead(base, 30 * k);
    case 'turn-right':
      return turnHead(base, -30 * k);
    case 'open-mouth':
      return openMouth(base, 0.12 * k);
    case 'blink':
      return closeEyes(base, 0.85 * k);
  }
}

/** The strengths of one gesture, frame by frame (100 ms apart): a gradual motion and back. */
export const GESTURE_STEPS: readonly number[] = [0.25, 0.5, 0.75, 1, 1, 0.75, 0.5, 0.25, 0, 0];

/** The frames a live person makes for one challenge. */
export function gestureFrames(challenge: 'turn-left' | 'turn-right' | 'open-mouth' | 'blink', base: Point[], noise: () => number): Point[][] {
  return GESTURE_STEPS.map((k) => jitter(posed(challenge, base, k), 0.003, noise));
}
