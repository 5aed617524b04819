import type { Point } from '../engine/protocol';
import type { RawImage } from './raw-image';

function luma(image: RawImage, i: number): number {
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

function sortedCopy(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function median(values: number[]): number {
  const sorted = sortedCopy(values);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/**
 * What the pixels inside the eye outlines show, each relative to the cheek just below the eye
 * (so the overall light cancels out):
 * - `contrast`: spread between the 90th and 10th luma percentiles over the cheek's median luma.
 *   An open eye shows the white and the dark iris; a closed lid is smooth skin.
 * - `level`: the eye's median luma over the cheek's. An open eye's lashes, iris and the shade of
 *   its socket keep it well below 1; a closed lid is skin and rises towards the cheek, where a
 *   shadow or a dark strip over the eye stays dark.
 * - `cheekLuma`: the cheek's median luma itself (0..255), the reference of the two others. A lid
 *   leaves the cheek as it was; something held over a photo's eyes often covers it too.
 */
export interface EyeMeasures {
  contrast: number;
  level: number;
  cheekLuma: number;
}

/** The measures of one eye (6 landmarks from `from`), or null when it is too small or its surroundings leave the image. */
function eyeMeasuresOf(image: RawImage, l: Point[], from: number): EyeMeasures | null {
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
  for (let y = cheekTop; y <= cheekBottom; y++) for (let x = x0; x <= x1; x++) cheek.push(luma(image, (y * image.width + x) * 4));
  const skin = median(cheek);
  const eye: number[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (insidePolygon(x + 0.5, y + 0.5, poly)) eye.push(luma(image, (y * image.width + x) * 4));
    }
  }
  if (eye.length < 8 || skin < 1) return null;
  const values = sortedCopy(eye);
  const contrast = (values[Math.floor(values.length * 0.9)]! - values[Math.floor(values.length * 0.1)]!) / skin;
  return { contrast, level: median(eye) / skin, cheekLuma: skin };
}

/**
 * Both eyes' measures (mean of the two, see EyeMeasures), or null when they cannot be measured.
 * Used with the landmark opening for blinks: face-api's 68 landmarks keep the eyelid points nearly
 * in place when the eyes close, but the white and the iris disappear under the lid.
 */
export function eyeMeasures(image: RawImage, landmarks: Point[]): EyeMeasures | null {
  if (landmarks.length !== 68) return null;
  const left = eyeMeasuresOf(image, landmarks, 36);
  const right = eyeMeasuresOf(image, landmarks, 42);
  if (left === null || right === null) return null;
  return {
    contrast: (left.contrast + right.contrast) / 2,
    level: (left.level + right.level) / 2,
    cheekLuma: (left.cheekLuma + right.cheekLuma) / 2,
  };
}

/** The eyes' contrast alone (see EyeMeasures), or null when it cannot be measured. */
export function eyeContrast(image: RawImage, landmarks: Point[]): number | null {
  return eyeMeasures(image, landmarks)?.contrast ?? null;
}
