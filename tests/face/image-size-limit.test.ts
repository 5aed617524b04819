// Over 300 lines: every way a frame or photo can be too large, each on the same real decoder.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { PackageImageDecoder } from '../../main/face/image/image-decoder';
import { ImageDecodeError, readImageHeader } from '../../main/face/image/image-header';
import { assertFrameWithin, CAMERA_FRAME_LIMIT, ImageTooLargeError, PHOTO_LIMIT } from '../../main/face/image/image-size-limit';
import { FacePipeline } from '../../main/face/pipeline';
import { describePhotoFile } from '../../main/face/photo-file';
import type { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { FrameInput } from '../../main/face/engine/protocol';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { call } from '../helpers/core-call';
import { FACES_DIR, faceFile } from './face-data';

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function ihdr(width: number, height: number, bitDepth: number, colourType: number): Buffer {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colourType;
  return pngChunk('IHDR', data);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A real, valid PNG: 1-bit greyscale, all black. At 8000×8000 its pixel rows are 8 MB of zeros
 * that deflate to a few KB, and a decoder turns them into 256 MB of RGBA.
 */
function pngBomb(width: number, height: number): Buffer {
  const rows = Buffer.alloc(height * (1 + Math.ceil(width / 8)));
  return Buffer.concat([PNG_SIGNATURE, ihdr(width, height, 1, 0), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** pngjs, the package PackageImageDecoder decodes PNG with (the same module instance: it is loaded once per process). */
async function pngjs(): Promise<{ PNG: { sync: { read(data: Buffer): unknown } } }> {
  const mod = (await import('pngjs' as string)) as {
    PNG?: { sync: { read(data: Buffer): unknown } };
    default?: { PNG: { sync: { read(data: Buffer): unknown } } };
  };
  return mod.PNG ? { PNG: mod.PNG } : mod.default!;
}

/** A real 16×16 baseline JPEG (jpeg-js's encoder). */
async function smallJpeg(): Promise<Buffer> {
  const jpeg = (await import('jpeg-js' as string)) as { encode(img: { width: number; height: number; data: Buffer }, q: number): { data: Buffer } };
  const encode = jpeg.encode ?? (jpeg as unknown as { default: typeof jpeg }).default.encode;
  return Buffer.from(encode({ width: 16, height: 16, data: Buffer.alloc(16 * 16 * 4, 128) }, 80).data);
}

/** Offset of the first SOF0 segment's length field in a JPEG. */
function sofOffset(jpeg: Buffer): number {
  const at = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  expect(at).toBeGreaterThan(0);
  return at + 2;
}

/** The JPEG with its frame header declaring width×height (the scan data stays 16×16). */
function withJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  const at = sofOffset(out);
  out.writeUInt16BE(height, at + 3);
  out.writeUInt16BE(width, at + 5);
  return out;
}

function riff(chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

function riffChunk(kind: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(kind, 0, 'latin1');
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** VP8L header: signature 0x2F, then 14 bits width-1, 14 bits height-1, alpha, version; then some bitstream. */
function vp8l(width: number, height: number): Buffer {
  const p = Buffer.alloc(32);
  p[0] = 0x2f;
  p.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 1);
  return riffChunk('VP8L', p);
}

/** VP8 key frame header: 3-byte frame tag, start code 9D 01 2A, 14-bit width and height. */
function vp8(width: number, height: number): Buffer {
  const p = Buffer.alloc(32);
  p.set([0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a]);
  p.writeUInt16LE(width, 6);
  p.writeUInt16LE(height, 8);
  return riffChunk('VP8 ', p);
}

function vp8x(canvasWidth: number, canvasHeight: number): Buffer {
  const p = Buffer.alloc(10);
  p.writeUIntLE(canvasWidth - 1, 4, 3);
  p.writeUIntLE(canvasHeight - 1, 7, 3);
  return riffChunk('VP8X', p);
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (err: unknown) => err,
  );
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return null;
}

const encoded = (bytes: Uint8Array): FrameInput => ({ kind: 'encoded', bytes });

describe('image size limits: the header is read before anything is decoded', () => {
  const decoder = new PackageImageDecoder();

  it('refuses a PNG bomb (a few KB declaring 8000×8000) without handing it to the PNG decoder', async () => {
    const bomb = pngBomb(8000, 8000);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(readImageHeader(bomb)).toEqual({ format: 'png', width: 8000, height: 8000 });
    // Counts what reaches pngjs; the real decoder still runs.
    const read = vi.spyOn((await pngjs()).PNG.sync, 'read');
    try {
      // The generator makes real PNGs: the same recipe, small, decodes, and the count sees it.
      const small = await decoder.decode(pngBomb(64, 48));
      expect([small.width, small.height]).toEqual([64, 48]);
      expect(read).toHaveBeenCalledTimes(1);

      const err = await refusal(decoder.decode(bomb));
      expect(err).toBeInstanceOf(ImageTooLargeError);
      expect(err).toMatchObject({ code: 'unreadable', format: 'png', width: 8000, height: 8000, limit: PHOTO_LIMIT });
      expect((err as Error).message).toContain('8000×8000');
      expect(read).toHaveBeenCalledTimes(1);
    } finally {
      read.mockRestore();
    }
  });

  it('refuses a JPEG whose frame header declares 8000×8000, and one with a second, larger frame', async () => {
    const jpeg = await smallJpeg();
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', width: 16, height: 16 });
    const huge = withJpegSize(jpeg, 8000, 8000);
    expect(readImageHeader(huge)).toEqual({ format: 'jpeg', width: 8000, height: 8000 });
    const err = await refusal(decoder.decode(huge));
    // The header check's own error: jpeg-js refusing by its own limits would be an `unreadable` decode failure.
    expect(err).toBeInstanceOf(ImageTooLargeError);
    expect(err).toMatchObject({ format: 'jpeg', width: 8000, height: 8000 });

    // A second SOF (which jpeg-js would allocate before refusing) hides behind the first one's scan.
    const at = sofOffset(jpeg) - 2;
    const sof = jpeg.subarray(at, at + 2 + jpeg.readUInt16BE(at + 2));
    const twoFrames = Buffer.concat([
      jpeg.subarray(0, jpeg.length - 2),
      withJpegSize(Buffer.concat([Buffer.from([0xff, 0xd8]), sof]), 8000, 8000).subarray(2),
      Buffer.from([0xff, 0xd9]),
    ]);
    const second = thrownBy(() => readImageHeader(twoFrames));
    expect(second).toBeInstanceOf(ImageDecodeError);
    expect((second as Error).message).toMatch(/more than one frame/);
  });

  it('refuses WebP headers declaring 8000×8000: lossless (VP8L), lossy (VP8), extended (VP8X canvas or inner bitstream)', async () => {
    const cases: [string, Buffer][] = [
      ['VP8L', riff([vp8l(8000, 8000)])],
      ['VP8', riff([vp8(8000, 8000)])],
      ['VP8X canvas', riff([vp8x(8000, 8000), vp8l(16, 16)])],
      ['VP8X inner bitstream', riff([vp8x(16, 16), riffChunk('ICCP', Buffer.alloc(7)), vp8l(8000, 8000)])],
    ];
    for (const [what, bytes] of cases) {
      expect(readImageHeader(bytes), what).toEqual({ format: 'webp', width: 8000, height: 8000 });
      const err = await refusal(decoder.decode(bytes));
      expect(err, what).toBeInstanceOf(ImageTooLargeError);
    }
    expect(readImageHeader(riff([vp8l(640, 480)]))).toEqual({ format: 'webp', width: 640, height: 480 });
  });

  it('reads the size of real photos exactly as the decoders do, and holds camera frames to the camera’s size', async () => {
    const webp = readFileSync(faceFile('img47.jpg'));
    expect(readImageHeader(webp)).toEqual({ format: 'webp', width: 1350, height: 1800 });
    const jpeg = readFileSync(faceFile('img20.jpg'));
    const decoded = await decoder.decode(jpeg);
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', width: decoded.width, height: decoded.height });
    // Every photo of the shared dataset is within the photo limit (kioskctl face keeps working).
    const photos = readdirSync(FACES_DIR).filter((f) => /\.(jpe?g|png|webp)$/i.test(f));
    expect(photos.length).toBeGreaterThan(50);
    for (const f of photos)
      expect(
        thrownBy(() => assertFrameWithin(encoded(readFileSync(faceFile(f))), PHOTO_LIMIT)),
        f,
      ).toBeNull();
    // A photo, not a camera frame.
    expect(thrownBy(() => assertFrameWithin(encoded(webp), PHOTO_LIMIT))).toBeNull();
    expect(thrownBy(() => assertFrameWithin(encoded(webp), CAMERA_FRAME_LIMIT))).toMatchObject({ width: 1350, height: 1800, limit: CAMERA_FRAME_LIMIT });
    expect(thrownBy(() => assertFrameWithin(encoded(pngBomb(640, 480)), CAMERA_FRAME_LIMIT))).toBeNull();
    expect(thrownBy(() => assertFrameWithin(encoded(pngBomb(480, 640)), CAMERA_FRAME_LIMIT))).toBeNull();
    expect(thrownBy(() => assertFrameWithin(encoded(pngBomb(641, 480)), CAMERA_FRAME_LIMIT))).toBeInstanceOf(ImageTooLargeError);
    // Raw RGBA frames are held to the same limit by their declared size.
    expect(thrownBy(() => assertFrameWithin({ kind: 'rgba', width: 8000, height: 8000, data: new Uint8Array(0) }, CAMERA_FRAME_LIMIT))).toBeInstanceOf(
      ImageTooLargeError,
    );
    expect(thrownBy(() => assertFrameWithin({ kind: 'rgba', width: 640, height: 480, data: new Uint8Array(0) }, CAMERA_FRAME_LIMIT))).toBeNull();
  });

  it('refuses truncated and garbage headers with a typed error naming the problem', async () => {
    const jpeg = await smallJpeg();
    const sof = sofOffset(jpeg);
    const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
    expect(dqt).toBeGreaterThan(0);
    // A DQT declaring 4 bytes holds a 65-byte table: a decoder reading the table lands elsewhere than the length says.
    const dqtShort = Buffer.from(jpeg);
    dqtShort.writeUInt16BE(4, dqt + 2);
    const secondIhdr = Buffer.concat([PNG_SIGNATURE, ihdr(16, 16, 8, 6), ihdr(8000, 8000, 8, 6), pngChunk('IEND', Buffer.alloc(0))]);
    const cases: [string, Uint8Array, 'unreadable' | 'unsupported-format', RegExp][] = [
      ['empty', new Uint8Array(0), 'unreadable', /empty/],
      ['text', Buffer.from('plain text, not an image'), 'unsupported-format', /not a JPEG, PNG or WebP/],
      ['PNG signature only', PNG_SIGNATURE, 'unreadable', /ends before the IHDR/],
      [
        'PNG without IHDR first',
        Buffer.concat([PNG_SIGNATURE, pngChunk('IDAT', Buffer.alloc(13)), Buffer.alloc(8)]),
        'unreadable',
        /first chunk is not a 13-byte IHDR/,
      ],
      ['PNG with a second IHDR', secondIhdr, 'unreadable', /more than one IHDR/],
      ['JPEG SOI and noise', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(64, 0x33)]), 'unreadable', /expected a marker|no start-of-frame/],
      ['JPEG segment of length 1', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0x00]), 'unreadable', /impossible length 1/],
      ['JPEG cut inside its frame header', jpeg.subarray(0, sof + 4), 'unreadable', /ends inside the start-of-frame/],
      ['JPEG whose DQT length disagrees with its tables', dqtShort, 'unreadable', /FFDB declares 4 bytes but its content says otherwise/],
      ['JPEG without a frame', Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'unreadable', /no start-of-frame/],
      ['WebP cut after RIFF', riff([]).subarray(0, 12), 'unreadable', /ends before the first chunk/],
      ['WebP unknown chunk', riff([riffChunk('ABCD', Buffer.alloc(16))]), 'unreadable', /unknown first chunk/],
      ['VP8 without start code', riff([riffChunk('VP8 ', Buffer.alloc(16))]), 'unreadable', /start code/],
      ['VP8L without signature', riff([riffChunk('VP8L', Buffer.alloc(16))]), 'unreadable', /VP8L signature/],
      ['VP8X cut short', riff([vp8x(16, 16)]).subarray(0, 26), 'unreadable', /ends inside the VP8X/],
      ['PNG declaring 0×0', Buffer.concat([PNG_SIGNATURE, ihdr(0, 0, 8, 6)]), 'unreadable', /empty 0×0/],
    ];
    for (const [what, bytes, code, message] of cases) {
      const err = thrownBy(() => readImageHeader(bytes));
      expect(err, what).toBeInstanceOf(ImageDecodeError);
      expect(err, what).not.toBeInstanceOf(ImageTooLargeError);
      expect(err, what).toMatchObject({ code });
      expect((err as Error).message, what).toMatch(message);
      expect(await refusal(decoder.decode(bytes)), what).toMatchObject({ code });
    }
  });
});

describe('frames refused before they reach the face engine', () => {
  /** Stands in for the engine worker only to count what reaches it. */
  const engineCalls: FrameInput[] = [];
  const engine = {
    analyze: async (frame: FrameInput) => {
      engineCalls.push(frame);
      return { width: 1, height: 1, faces: [], timings: { decodeMs: 0, prepareMs: 0, inferMs: 0, statsMs: 0 }, backend: 'cpu' };
    },
  } as unknown as FaceEngineClient;
  const pipeline = new FacePipeline(engine);
  let tmp: string;

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'image-limit-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('refuses an oversized camera frame in track and capture, and a bomb photo file, without calling the engine', async () => {
    const bomb = pngBomb(8000, 8000);
    expect(await refusal(pipeline.track(encoded(bomb)))).toBeInstanceOf(ImageTooLargeError);
    expect(await refusal(pipeline.capture(encoded(pngBomb(1280, 720))))).toMatchObject({ width: 1280, height: 720, limit: CAMERA_FRAME_LIMIT });
    expect(await refusal(pipeline.track({ kind: 'rgba', width: 4000, height: 3000, data: new Uint8Array(0) }))).toBeInstanceOf(ImageTooLargeError);
    expect(await refusal(pipeline.photo(encoded(bomb)))).toMatchObject({ limit: PHOTO_LIMIT });
    const file = path.join(tmp, 'bomb.png');
    writeFileSync(file, bomb);
    const described = await describePhotoFile(pipeline, file);
    expect(described).toMatchObject({ problemCode: 'unreadable', descriptor: null });
    expect(described.problem).toContain(file);
    expect(described.problem).toContain('8000×8000');
    expect(engineCalls).toEqual([]);
    // Within their limits, frames and photos do reach the engine.
    await pipeline.track(encoded(pngBomb(640, 480)));
    await pipeline.photo(encoded(pngBomb(4000, 3000)));
    expect(engineCalls).toHaveLength(2);
  });
});

describe('face.frame over RPC with a PNG bomb', () => {
  let kiosk: TestKiosk;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('image-limit');
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('answers invalid-input naming the size, and the kiosk carries on', async () => {
    const started = await call(kiosk.core, 'face.start', { mode: 'identify' });
    const r = await kiosk.core.invoke('face.frame', { sessionId: started.sessionId, jpegBase64: pngBomb(8000, 8000).toString('base64') });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/8000×8000.*larger than a camera frame may be/) } });
    expect(await kiosk.core.invoke('face.status', {})).toMatchObject({ ok: true });
  });
});
