import { readFileSync, writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';

/**
 * Writes a one-frame .y4m (I420) for Chromium's fake camera from a JPEG photo, scaled to fit
 * width×height on a grey background. Chromium loops the file: the camera shows the photo, still.
 */
export function photoToY4m(jpegFile: string, outFile: string, width = 640, height = 480): void {
  const img = jpeg.decode(readFileSync(jpegFile), { useTArray: true, maxMemoryUsageInMB: 1024 });
  const scale = Math.min(width / img.width, height / img.height);
  const w = Math.round(img.width * scale);
  const h = Math.round(img.height * scale);
  const ox = Math.floor((width - w) / 2);
  const oy = Math.floor((height - h) / 2);
  const rgb = new Uint8Array(width * height * 3).fill(128);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor(y / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x / scale));
      const s = (sy * img.width + sx) * 4;
      const d = ((oy + y) * width + ox + x) * 3;
      rgb[d] = img.data[s]!;
      rgb[d + 1] = img.data[s + 1]!;
      rgb[d + 2] = img.data[s + 2]!;
    }
  }
  const yPlane = Buffer.alloc(width * height);
  const uPlane = Buffer.alloc((width / 2) * (height / 2));
  const vPlane = Buffer.alloc((width / 2) * (height / 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const [r, g, b] = [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      yPlane[y * width + x] = Math.max(0, Math.min(255, Math.round(0.299 * r + 0.587 * g + 0.114 * b)));
      if (y % 2 === 0 && x % 2 === 0) {
        const c = (y / 2) * (width / 2) + x / 2;
        uPlane[c] = Math.max(0, Math.min(255, Math.round(-0.169 * r - 0.331 * g + 0.5 * b + 128)));
        vPlane[c] = Math.max(0, Math.min(255, Math.round(0.5 * r - 0.419 * g - 0.081 * b + 128)));
      }
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  writeFileSync(outFile, Buffer.concat([header, yPlane, uPlane, vPlane]));
}
