import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import { FacePipeline } from '../../main/face/pipeline';
import { describePhotoFile } from '../../main/face/photo-file';
import { DEFAULT_VERIFY_POLICY } from '../../common/face/decision-policy';
import { checkAgainstCardPhoto } from '../../main/face/verification/holder-check';
import { bmpToRgba } from '../../main/face/verification/bmp';
import type { PhotoDecoder } from '../../devices/id-card/card-parser';
import { faceFile } from './face-data';

/** A 24-bit bottom-up BMP of RGBA pixels, as WLT decoding libraries write them. */
function toBmp(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const d = 54 + (height - 1 - y) * stride + x * 3;
      out[d] = rgba[s + 2]!;
      out[d + 1] = rgba[s + 1]!;
      out[d + 2] = rgba[s]!;
    }
  }
  return out;
}

/** A decoder standing in for the vendor's WLT library: whatever the card, it "decodes" to this image. */
const decoderOf = (mimeType: string, data: Uint8Array): PhotoDecoder => ({ decode: async () => ({ mimeType, data: Uint8Array.from(data) }) });

/**
 * 人证核验 against the card's own photo, where a WLT decoder is configured: the live template
 * (here one photo's descriptor) within the verify threshold of the decoded photo's, with the real
 * engine. id01's img1.jpg stands for the card photo; img10.jpg is id01 again, img8.jpg is id03.
 */
describe('checking the live face against the card photo', () => {
  let engine: FaceEngineClient;
  let pipeline: FacePipeline;
  let holder: Float32Array;
  let stranger: Float32Array;
  const cardJpeg = readFileSync(faceFile('img1.jpg'));
  const WLT = new Uint8Array(1024).fill(7);

  beforeAll(async () => {
    engine = new FaceEngineClient();
    pipeline = new FacePipeline(engine);
    holder = (await describePhotoFile(pipeline, faceFile('img10.jpg'))).descriptor!;
    stranger = (await describePhotoFile(pipeline, faceFile('img8.jpg'))).descriptor!;
  }, 120_000);
  afterAll(async () => engine?.close());

  const check = (decoder: PhotoDecoder, template: Float32Array) => checkAgainstCardPhoto({ decoder, pipeline, policy: DEFAULT_VERIFY_POLICY }, WLT, template);

  it('matches the holder and not another person (JPEG from the decoder)', async () => {
    expect(await check(decoderOf('image/jpeg', cardJpeg), holder)).toMatchObject({ check: 'match' });
    expect(await check(decoderOf('image/jpeg', cardJpeg), stranger)).toMatchObject({ check: 'no-match' });
  }, 60_000);

  it('reads the BMP that WLT libraries write', async () => {
    const img = jpeg.decode(cardJpeg, { useTArray: true, maxMemoryUsageInMB: 1024 });
    const bmp = toBmp(img.width, img.height, img.data);
    const back = bmpToRgba(bmp);
    expect([back.width, back.height]).toEqual([img.width, img.height]);
    expect(Buffer.from(back.data).equals(Buffer.from(img.data.map((v, i) => (i % 4 === 3 ? 255 : v))))).toBe(true);
    expect(await check(decoderOf('image/bmp', bmp), holder)).toMatchObject({ check: 'match' });
    expect(await check(decoderOf('image/bmp', bmp), stranger)).toMatchObject({ check: 'no-match' });
  }, 60_000);

  it('is unavailable, not a mismatch, when the photo cannot be decoded or shows no face', async () => {
    const failing: PhotoDecoder = { decode: async () => Promise.reject(new Error('vendor library missing')) };
    expect(await check(failing, holder)).toMatchObject({ check: 'unavailable', detail: expect.stringMatching(/vendor library missing/) });
    expect(await check(decoderOf('image/bmp', Uint8Array.of(0x42, 0x4d, 1, 2)), holder)).toMatchObject({
      check: 'unavailable',
      detail: expect.stringMatching(/not a BMP image/),
    });
    const grey = new Uint8Array(200 * 200 * 4).fill(128);
    expect(await check(decoderOf('image/bmp', toBmp(200, 200, grey)), holder)).toMatchObject({
      check: 'unavailable',
      detail: expect.stringMatching(/no single face/),
    });
  }, 60_000);
});
