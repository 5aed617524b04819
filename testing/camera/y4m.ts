// Frames for Chromium's fake camera (`--use-file-for-fake-video-capture=FILE.y4m`): photos fitted
// to a camera frame and written as YUV4MPEG2 (I420), which Chromium plays at the header's rate and loops.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import jpeg from 'jpeg-js';
import type { RawImage } from '../../main/face/image/raw-image';

/** A JPEG photo scaled to fit width×height (nearest pixel) on a grey background, as RGBA. */
export function fitPhoto(jpegFile: string, width = 640, height = 480): RawImage {
  const img = jpeg.decode(readFileSync(jpegFile), { useTArray: true, maxMemoryUsageInMB: 1024 });
  const scale = Math.min(width / img.width, height / img.height);
  const w = Math.round(img.width * scale);
  const h = Math.round(img.height * scale);
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - h) / 2);
  const data = new Uint8Array(width * height * 4).fill(128);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor(y / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x / scale));
      const s = (sy * img.width + sx) * 4;
      const d = ((oy + y) * width + ox + x) * 4;
      data[d] = img.data[s]!;
      data[d + 1] = img.data[s + 1]!;
      data[d + 2] = img.data[s + 2]!;
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

/** One RGBA frame as an I420 (4:2:0) frame for a .y4m file. */
export function rgbaToI420(img: RawImage): Buffer {
  const { width, height, data } = img;
  const out = Buffer.alloc(width * height + 2 * (width / 2) * (height / 2));
  const uOff = width * height;
  const vOff = uOff + (width / 2) * (height / 2);
  const byte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      out[y * width + x] = byte(0.299 * r + 0.587 * g + 0.114 * b);
      if (y % 2 === 0 && x % 2 === 0) {
        const c = (y / 2) * (width / 2) + x / 2;
        out[uOff + c] = byte(-0.169 * r - 0.331 * g + 0.5 * b + 128);
        out[vOff + c] = byte(0.5 * r - 0.419 * g - 0.081 * b + 128);
      }
    }
  }
  return out;
}

/** The .y4m stream header for frames of width×height at `fps`. */
export function y4mHeader(width: number, height: number, fps: number): string {
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
}

/**
 * Writes frames as a .y4m file (I420) for Chromium's fake camera, which plays it at `fps` and
 * loops it. Frames must all have the same even width and height.
 */
export function writeY4m(outFile: string, frames: Iterable<RawImage>, fps: number): number {
  const fd = openSync(outFile, 'w');
  let count = 0;
  try {
    for (const frame of frames) {
      if (count === 0) writeSync(fd, y4mHeader(frame.width, frame.height, fps));
      writeSync(fd, 'FRAME\n');
      writeSync(fd, rgbaToI420(frame));
      count++;
    }
  } finally {
    closeSync(fd);
  }
  if (count === 0) throw new Error(`${outFile}: no frames to write`);
  return count;
}

/** A one-frame .y4m from a JPEG photo: Chromium loops it, so the camera shows the photo, still. */
export function photoToY4m(jpegFile: string, outFile: string, width = 640, height = 480): void {
  writeY4m(outFile, [fitPhoto(jpegFile, width, height)], 10);
}
