import type { Point } from '../engine/protocol';
import type { RawImage } from './raw-image';

function luma(image: RawImage, x: number, y: number): number {
  const i = (y * image.width + x) * 4;
  return 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
}

function insidePolygon(x: number, y: number, poly: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/**
 * Contrast inside one eye's outline (6 landmarks from `from`): the spread between the 90th and
 * 10th luma percentiles, over the cheek's luma just below the eye. An open eye shows the white
 * and the dark iris and pupil there; a closed lid is smooth skin (eye make-up, which darkens the
 * lid as well, does not fool it as a plain dark-pixel count would). Null when the eye is too small
 * or its surroundings leave the image.
 */
function eyeContrastOf(image: RawImage, l: Point[], from: number): number | null {
  const poly = l.slice(from, from + 6);
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  const x0 = Math.floor(Math.min(...xs));
  const x1 = Math.ceil(Math.max(...xs));
  const y0 = Math.floor(Math.min(...ys));
  const y1 = Math.ceil(Math.max(...ys));
  const eyeWidth = x1 - x0;
  const cheekTop = Math.round(y1 + 0.25 * eyeWidth);
  const cheekBottom = Math.round(y1 + 0.45 * eyeWidth);
  if (eyeWidth < 6 || x0 < 0 || y0 < 0 || x1 >= image.width || cheekBottom >= image.height) return null;
  const cheek: number[] = [];
  for (let y = cheekTop; y <= cheekBottom; y++) for (let x = x0; x <= x1; x++) cheek.push(luma(image, x, y));
  const skin = median(cheek);
  const values: number[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (insidePolygon(x + 0.5, y + 0.5, poly)) values.push(luma(image, x, y));
    }
  }
  if (values.length < 8 || skin < 1) return null;
  values.sort((a, b) => a - b);
  return (values[Math.floor(values.length * 0.9)]! - values[Math.floor(values.length * 0.1)]!) / skin;
}

/**
 * The eyes' contrast (mean of both, see eyeContrastOf), or null when it cannot be measured. Used
 * with the landmark opening for blinks: face-api's 68 landmarks keep the eyelid points nearly in
 * place when the eyes close, but the white and the iris disappear under the lid.
 */
export function eyeContrast(image: RawImage, landmarks: Point[]): number | null {
  if (landmarks.length !== 68) return null;
  const left = eyeContrastOf(image, landmarks, 36);
  const right = eyeContrastOf(image, landmarks, 42);
  if (left === null || right === null) return null;
  return (left + right) / 2;
}
