// @ts-expect-error -- pngjs ships no types and @types/pngjs is not installed: the part used is typed below.
import { PNG as UntypedPng } from 'pngjs';

/** The part of pngjs used here. */
interface PngImage {
  /** RGBA, 4 bytes a pixel, row by row. */
  data: Buffer;
}
const PNG = UntypedPng as { new (options: { width: number; height: number }): PngImage; sync: { write(png: PngImage): Buffer } };

/** The red of an official seal (印章红). */
const SEAL_RED = [0xd6, 0x1f, 0x1f] as const;
const SIZE = 320;
/** Samples per pixel side: edges are anti-aliased by counting covered sub-samples. */
const SUPERSAMPLE = 4;

/** The ten corners of a five-pointed star of outer radius r around the origin, the first pointing up. */
function starCorners(r: number): [number, number][] {
  const corners: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.382;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    corners.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
  }
  return corners;
}

/** Whether (x, y) lies inside the polygon (even-odd rule). */
function inPolygon(x: number, y: number, corners: [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = corners.length - 1; i < corners.length; j = i++) {
    const [xi, yi] = corners[i]!;
    const [xj, yj] = corners[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

let cached: Buffer | undefined;

/**
 * The round seal of the sample documents as a PNG (transparent, 320 × 320 px): a red ring with a
 * star in the middle. The issuer's name along the ring is drawn over it as text by the document
 * (hub/document-pdf.ts), so the seal reads like the issuing body's own.
 */
export function sealPng(): Buffer {
  if (cached) return cached;
  const png = new PNG({ width: SIZE, height: SIZE });
  const c = SIZE / 2;
  const outer = c - 4;
  const ring = 14;
  const starRadius = c * 0.36;
  const star = starCorners(starRadius);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = px + (sx + 0.5) / SUPERSAMPLE - c;
          const y = py + (sy + 0.5) / SUPERSAMPLE - c;
          const d = Math.hypot(x, y);
          if ((d <= outer && d >= outer - ring) || (d <= starRadius && inPolygon(x, y, star))) covered++;
        }
      }
      const i = (py * SIZE + px) * 4;
      png.data[i] = SEAL_RED[0];
      png.data[i + 1] = SEAL_RED[1];
      png.data[i + 2] = SEAL_RED[2];
      png.data[i + 3] = Math.round((covered / (SUPERSAMPLE * SUPERSAMPLE)) * 230);
    }
  }
  const written = PNG.sync.write(png);
  cached = written;
  return written;
}

export const SEAL_RGB = SEAL_RED;
