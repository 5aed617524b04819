import type { Point } from '../engine/protocol';
import type { Box, RawImage } from './raw-image';

/** Mean red, green and blue (0..255) of a patch. */
export type Rgb = readonly [number, number, number];

/**
 * The light on the face and beside it, for the screen-light check (docs/face.md, Identification):
 * - `face`: mean colour of the skin in the middle of the face box (cheeks, nose, forehead; the
 *   box's edges hold hair and background);
 * - `surround`: mean colour of two strips beside the head, half a face width out, level with the
 *   eyes and the forehead (the hall behind the citizen; null when the frame has no room there).
 * A face a few tens of centimetres from the screen takes its colour; the hall metres behind does
 * not. A flat picture held up to the camera takes it evenly, face and background alike.
 */
export interface LightPatches {
  face: Rgb;
  surround: Rgb | null;
  /**
   * The shape of the face under the screen's light (from the 68 landmarks; null without them):
   * `centre`, the bridge of the nose, faces the screen; `sides`, the outer cheeks, turn away from it
   * and take less of its light. A flat picture takes it alike everywhere.
   */
  shape: { centre: Rgb; sides: Rgb } | null;
}

/** Pixels read per patch at most (a sparse grid: a mean needs no more). */
const PATCH_SAMPLES = 48;

function meanRgb(image: RawImage, x0: number, y0: number, x1: number, y1: number): Rgb | null {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(image.width, Math.ceil(x1));
  const by = Math.min(image.height, Math.ceil(y1));
  const w = bx - ax;
  const h = by - ay;
  if (w < 4 || h < 4) return null;
  const stepX = Math.max(1, Math.floor(w / PATCH_SAMPLES));
  const stepY = Math.max(1, Math.floor(h / PATCH_SAMPLES));
  let r = 0;
  let g = 0;
  let b = 0;
  let n = 0;
  for (let y = ay; y < by; y += stepY) {
    for (let x = ax; x < bx; x += stepX) {
      const i = (y * image.width + x) * 4;
      r += image.data[i]!;
      g += image.data[i + 1]!;
      b += image.data[i + 2]!;
      n++;
    }
  }
  return [r / n, g / n, b / n];
}

function combine(a: Rgb | null, b: Rgb | null): Rgb | null {
  if (a && b) return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
  return a ?? b;
}

/** The mean colour of a square of half-side `r` around `p`. */
function around(image: RawImage, p: Point, r: number): Rgb | null {
  return meanRgb(image, p[0] - r, p[1] - r, p[0] + r, p[1] + r);
}

const between = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];

/** Nose bridge and outer cheeks, three quarters of the way from the nose tip to the face's outline (iBUG 68: 28 the bridge, 30 the tip, 2 and 14 the jaw at the cheeks, 0 and 16 its ends). */
function shapePatches(image: RawImage, landmarks: readonly Point[]): LightPatches['shape'] {
  if (landmarks.length !== 68) return null;
  const width = Math.hypot(landmarks[16]![0] - landmarks[0]![0], landmarks[16]![1] - landmarks[0]![1]);
  const r = Math.max(2, 0.07 * width);
  const centre = around(image, landmarks[28]!, r);
  const left = around(image, between(landmarks[30]!, landmarks[2]!, 0.75), r);
  const right = around(image, between(landmarks[30]!, landmarks[14]!, 0.75), r);
  const sides = combine(left, right);
  return centre && sides ? { centre, sides } : null;
}

export function lightPatches(image: RawImage, box: Box, landmarks: readonly Point[] = []): LightPatches {
  const { x, y, width: w, height: h } = box;
  const face = meanRgb(image, x + 0.25 * w, y + 0.2 * h, x + 0.75 * w, y + 0.8 * h) ?? [0, 0, 0];
  const top = y - 0.1 * h;
  const bottom = y + 0.5 * h;
  // Strips a quarter face wide, from half a face width beside the box outwards: clear of ears and hair.
  const left = meanRgb(image, x - 0.75 * w, top, x - 0.5 * w, bottom);
  const right = meanRgb(image, x + 1.5 * w, top, x + 1.75 * w, bottom);
  return { face, surround: combine(left, right), shape: shapePatches(image, landmarks) };
}
