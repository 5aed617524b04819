import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PackageImageDecoder, sniffImageFormat } from '../../main/face/image/image-decoder';
import { cropStats, downscaleToMaxSide } from '../../main/face/image/raw-image';
import { faceFile } from './face-data';

describe('image decoding', () => {
  const decoder = new PackageImageDecoder();

  it('recognises formats by signature, not by file name', () => {
    expect(sniffImageFormat(readFileSync(faceFile('img1.jpg')))).toBe('jpeg');
    expect(sniffImageFormat(readFileSync(faceFile('img47.jpg')))).toBe('webp');
    expect(sniffImageFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffImageFormat(Buffer.from('hello world!'))).toBeNull();
  });

  it('decodes JPEG and WebP to RGBA of the right size', async () => {
    const jpeg = await decoder.decode(readFileSync(faceFile('img20.jpg')));
    expect(jpeg.data.length).toBe(jpeg.width * jpeg.height * 4);
    expect(jpeg.width).toBe(900);
    const webp = await decoder.decode(readFileSync(faceFile('img47.jpg')));
    expect([webp.width, webp.height]).toEqual([1350, 1800]);
  });

  it('decodes PNG', async () => {
    const { PNG } = (await import('pngjs' as string)) as {
      PNG: { sync: { write(p: unknown): Buffer }; new (o: { width: number; height: number }): { data: Buffer } };
    };
    const png = new PNG({ width: 3, height: 2 });
    png.data.fill(200);
    const image = await decoder.decode(PNG.sync.write(png));
    expect([image.width, image.height, image.data[0]]).toEqual([3, 2, 200]);
  });

  it('names what is wrong with a non-image or a corrupt one', async () => {
    await expect(decoder.decode(Buffer.from('plain text'))).rejects.toMatchObject({ code: 'unsupported-format' });
    await expect(decoder.decode(new Uint8Array(0))).rejects.toMatchObject({ code: 'unreadable' });
    const jpeg = readFileSync(faceFile('img1.jpg'));
    await expect(decoder.decode(Buffer.concat([jpeg.subarray(0, 4), Buffer.alloc(800, 0x33)]))).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('downscales large photos by area averaging and measures a crop', () => {
    const big = { width: 4000, height: 2000, data: new Uint8Array(4000 * 2000 * 4).fill(90) };
    const { image, scale } = downscaleToMaxSide(big, 640);
    expect([image.width, image.height]).toEqual([640, 320]);
    expect(scale).toBeCloseTo(0.16, 5);
    expect(image.data[0]).toBe(90);
    expect(downscaleToMaxSide(image, 640).image).toBe(image);
    const flat = cropStats(image, { x: 10, y: 10, width: 100, height: 100 });
    expect(flat.brightness).toBeCloseTo(90, 0);
    expect(flat.sharpness).toBe(0);
  });
});
