import { readFileSync } from 'node:fs';
import type { RawImage } from './raw-image';
import { unpackedAsarPath } from '../engine/model-dir';
import { localRequire } from '../engine/local-require';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

/** Why an image could not be used; `unreadable` also covers truncated or corrupt files. */
export class ImageDecodeError extends Error {
  constructor(
    readonly code: 'unreadable' | 'unsupported-format' | 'decoder-missing',
    message: string,
  ) {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

/** Turns encoded image bytes into RGBA pixels. */
export interface ImageDecoder {
  decode(bytes: Uint8Array): Promise<RawImage>;
}

/** Recognises the format by its signature, not by the file name (img47.jpg is a WebP). */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (
    bytes.length >= 12 &&
    String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!) === 'RIFF' &&
    String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!) === 'WEBP'
  ) {
    return 'webp';
  }
  return null;
}

/** The npm packages the default decoder uses, one per format (pure JS / wasm, no native build). */
export const DECODER_PACKAGES: Record<ImageFormat, string> = {
  jpeg: 'jpeg-js',
  png: 'pngjs',
  webp: '@jsquash/webp',
};

type FormatDecoder = (bytes: Uint8Array) => Promise<RawImage> | RawImage;

interface JpegJs {
  decode(data: Uint8Array, opts: { useTArray: true; formatAsRGBA: true; maxMemoryUsageInMB?: number; maxResolutionInMP?: number }): {
    width: number;
    height: number;
    data: Uint8Array;
  };
}
interface PngJs {
  PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } };
}
interface JsquashWebpDecode {
  default(data: ArrayBuffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  init(module: unknown): Promise<void>;
}

// The Node-only lib has no WebAssembly typings; only compile() is needed here.
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<unknown> } }).WebAssembly;

// The specifier is a variable so the packages stay optional at build time; each is loaded on
// first use of its format only.
async function importPackage<T>(specifier: string, format: ImageFormat): Promise<T> {
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as T & { default?: T };
    return mod;
  } catch (err) {
    throw new ImageDecodeError(
      'decoder-missing',
      `cannot decode ${format} images: package ${DECODER_PACKAGES[format]} is not installed (${(err as Error).message})`,
    );
  }
}

function unwrapDefault<T extends object>(mod: T & { default?: T }, key: keyof T): T {
  return key in mod ? mod : (mod.default as T);
}

async function loadJpeg(): Promise<FormatDecoder> {
  const jpeg = unwrapDefault(await importPackage<JpegJs>('jpeg-js', 'jpeg'), 'decode');
  return (bytes) => {
    const out = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024, maxResolutionInMP: 64 });
    return { width: out.width, height: out.height, data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
  };
}

async function loadPng(): Promise<FormatDecoder> {
  const png = unwrapDefault(await importPackage<PngJs>('pngjs', 'png'), 'PNG');
  return (bytes) => {
    const out = png.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: out.width, height: out.height, data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
  };
}

async function loadWebp(): Promise<FormatDecoder> {
  const specifier = `${DECODER_PACKAGES.webp}/decode.js`;
  const webp = await importPackage<JsquashWebpDecode>(specifier, 'webp');
  // Emscripten would fetch() the wasm, which Node cannot do for a file: compile it from disk.
  const wasmPath = unpackedAsarPath(localRequire().resolve(`${DECODER_PACKAGES.webp}/codec/dec/webp_dec.wasm`));
  await webp.init(await wasmApi.compile(readFileSync(wasmPath)));
  return async (bytes) => {
    const copy = bytes.slice().buffer;
    const out = await webp.default(copy);
    return { width: out.width, height: out.height, data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
  };
}

const LOADERS: Record<ImageFormat, () => Promise<FormatDecoder>> = { jpeg: loadJpeg, png: loadPng, webp: loadWebp };

/** JPEG, PNG and WebP through pure-JS/wasm packages; each format's package loads lazily. */
export class PackageImageDecoder implements ImageDecoder {
  private readonly loaded = new Map<ImageFormat, Promise<FormatDecoder>>();

  async decode(bytes: Uint8Array): Promise<RawImage> {
    const format = sniffImageFormat(bytes);
    if (!format) {
      throw new ImageDecodeError(bytes.length === 0 ? 'unreadable' : 'unsupported-format', bytes.length === 0 ? 'the image is empty' : 'not a JPEG, PNG or WebP image');
    }
    let loading = this.loaded.get(format);
    if (!loading) {
      loading = LOADERS[format]();
      this.loaded.set(format, loading);
      loading.catch(() => this.loaded.delete(format));
    }
    const decodeFormat = await loading;
    let image: RawImage;
    try {
      image = await decodeFormat(bytes);
    } catch (err) {
      throw new ImageDecodeError('unreadable', `the ${format} image is corrupt or truncated (${(err as Error).message})`);
    }
    if (!image.width || !image.height || image.data.length < image.width * image.height * 4) {
      throw new ImageDecodeError('unreadable', `the ${format} image decoded to no usable pixels`);
    }
    return image;
  }
}
