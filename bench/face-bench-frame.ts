// Shared by the face benchmarks: a camera-sized RGBA frame (640x480) made from a shared test photo.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackageImageDecoder } from '../main/face/image/image-decoder';
import { downscaleToMaxSide, type RawImage } from '../main/face/image/raw-image';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The photo scaled so it covers 640x480, centre-cropped to it: what a webcam frame looks like. */
export async function cameraFrame(photo = path.resolve(REPO_ROOT, '../shared/data/faces/img20.jpg')): Promise<RawImage> {
  const decoded = await new PackageImageDecoder().decode(readFileSync(photo));
  const cover = Math.max(640 / decoded.width, 480 / decoded.height);
  const scaled = downscaleToMaxSide(decoded, Math.ceil(Math.max(decoded.width, decoded.height) * Math.min(1, cover))).image;
  const x0 = Math.max(0, Math.floor((scaled.width - 640) / 2));
  const y0 = Math.max(0, Math.floor((scaled.height - 480) / 2));
  const width = Math.min(640, scaled.width);
  const height = Math.min(480, scaled.height);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    data.set(scaled.data.subarray(((y0 + y) * scaled.width + x0) * 4, ((y0 + y) * scaled.width + x0 + width) * 4), y * width * 4);
  }
  return { width, height, data };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}
