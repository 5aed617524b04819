import jsQR from 'jsqr';
import type { Locator } from 'playwright-core';

interface DecodedPng {
  width: number;
  height: number;
  data: Buffer;
}

/** pngjs (a dependency of the hub's PDF QR codes) decodes the screenshot; it ships no types. */
async function readPng(bytes: Buffer): Promise<DecodedPng> {
  const mod = (await import('pngjs' as string)) as { PNG: { sync: { read(data: Buffer): DecodedPng } } };
  return mod.PNG.sync.read(bytes);
}

/** The text of the QR code an element shows, read from a screenshot of it as a phone would (jsQR), or null. */
export async function decodeQrOnScreen(element: Locator): Promise<string | null> {
  const png = await readPng(await element.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  return code?.data ?? null;
}

/** The texts of the QR codes in a job the virtual printer wrote (its transcript's `[qr …] DATA` lines). */
export function printedQrTexts(job: string): string[] {
  return [...job.matchAll(/^\[qr [^\]]*\] (.+)$/gm)].map((m) => m[1]!);
}
