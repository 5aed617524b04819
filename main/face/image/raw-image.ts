/** Decoded pixels, always RGBA 8-bit, row-major, no padding. */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function assertRawImage(image: RawImage): void {
  if (!Number.isInteger(image.width) || !Number.isInteger(image.height) || image.width <= 0 || image.height <= 0) {
    throw new Error(`image size ${image.width}x${image.height} is not a positive integer size`);
  }
  if (image.data.length !== image.width * image.height * 4) {
    throw new Error(`image data holds ${image.data.length} bytes, expected ${image.width * image.height * 4} (RGBA ${image.width}x${image.height})`);
  }
}

/**
 * Shrinks an image so that its longer side is at most `maxSide` (area averaging, so large photos
 * do not alias). Returns the same image when it is already small enough.
 */
export function downscaleToMaxSide(image: RawImage, maxSide: number): { image: RawImage; scale: number } {
  const longest = Math.max(image.width, image.height);
  if (longest <= maxSide) return { image, scale: 1 };
  const scale = maxSide / longest;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const out = new Uint8Array(width * height * 4);
  const xRatio = image.width / width;
  const yRatio = image.height / height;
  const src = image.data;
  for (let oy = 0; oy < height; oy++) {
    const y0 = Math.floor(oy * yRatio);
    const y1 = Math.max(y0 + 1, Math.min(image.height, Math.floor((oy + 1) * yRatio)));
    for (let ox = 0; ox < width; ox++) {
      const x0 = Math.floor(ox * xRatio);
      const x1 = Math.max(x0 + 1, Math.min(image.width, Math.floor((ox + 1) * xRatio)));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let y = y0; y < y1; y++) {
        let i = (y * image.width + x0) * 4;
        for (let x = x0; x < x1; x++, i += 4) {
          r += src[i]!;
          g += src[i + 1]!;
          b += src[i + 2]!;
          n++;
        }
      }
      const o = (oy * width + ox) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { image: { width, height, data: out }, scale: width / image.width };
}

/** RGB without alpha, the layout the detector's input tensor takes. */
export function toRgb(image: RawImage): Uint8Array {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  const src = image.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    out[j] = src[i * 4]!;
    out[j + 1] = src[i * 4 + 1]!;
    out[j + 2] = src[i * 4 + 2]!;
  }
  return out;
}

export interface CropStats {
  /** Mean luma 0..255 of the crop. */
  brightness: number;
  /** Variance of the 4-neighbour Laplacian of the luma, on the crop resampled to a fixed size. */
  sharpness: number;
}

const STATS_SIDE = 112;

/**
 * Brightness and sharpness of a face crop. The crop is resampled to a fixed size first so that
 * sharpness does not depend on how large the face is in the frame.
 */
export function cropStats(image: RawImage, box: Box): CropStats {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  const cw = x1 - x0;
  const ch = y1 - y0;
  if (cw < 2 || ch < 2) return { brightness: 0, sharpness: 0 };
  const grey = new Float32Array(STATS_SIDE * STATS_SIDE);
  let sum = 0;
  for (let y = 0; y < STATS_SIDE; y++) {
    const sy = y0 + Math.min(ch - 1, Math.floor(((y + 0.5) * ch) / STATS_SIDE));
    for (let x = 0; x < STATS_SIDE; x++) {
      const sx = x0 + Math.min(cw - 1, Math.floor(((x + 0.5) * cw) / STATS_SIDE));
      const i = (sy * image.width + sx) * 4;
      const luma = 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!;
      grey[y * STATS_SIDE + x] = luma;
      sum += luma;
    }
  }
  let lapSum = 0;
  let lapSq = 0;
  let n = 0;
  for (let y = 1; y < STATS_SIDE - 1; y++) {
    for (let x = 1; x < STATS_SIDE - 1; x++) {
      const c = y * STATS_SIDE + x;
      const lap = grey[c - 1]! + grey[c + 1]! + grey[c - STATS_SIDE]! + grey[c + STATS_SIDE]! - 4 * grey[c]!;
      lapSum += lap;
      lapSq += lap * lap;
      n++;
    }
  }
  const mean = lapSum / n;
  return { brightness: sum / grey.length, sharpness: lapSq / n - mean * mean };
}
