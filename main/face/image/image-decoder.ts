import { readFileSync } from 'node:fs';
import type { RawImage } from './raw-image';
import { ImageDecodeError, readImageHeader, type ImageFormat } from './image-header';
import { assertImageSize, PHOTO_LIMIT, type ImageSizeLimit } from './image-size-limit';
import { unpackedAsarPath } from '../engine/model-dir';
import { localRequire } from '../engine/local-require';

export { ImageDecodeError, sniffImageFormat, type ImageFormat } from './image-header';

/** Turns encoded image bytes into RGBA pixels. */
export interface ImageDecoder {
  decode(bytes: Uint8Array): Promise<RawImage>;
}

/** The npm packages the default decoder uses, one per format (pure JS / wasm, no native build). */
export const DECODER_PACKAGES: Record<ImageFormat, string> = {
  jpeg: 'jpeg-js',
  png: 'pngjs',
  webp: '@jsquash/webp',
};

type FormatDecoder = (bytes: Uint8Array) => Promise<RawImage> | RawImage;

interface JpegJs {
  decode(
    data: Uint8Array,
    opts: { useTArray: true; formatAsRGBA: true; maxMemoryUsageInMB?: number; maxResolutionInMP?: number },
  ): {
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

async function loadJpeg(limit: ImageSizeLimit): Promise<FormatDecoder> {
  const jpeg = unwrapDefault(await importPackage<JpegJs>('jpeg-js', 'jpeg'), 'decode');
  // jpeg-js's own limits as a second line: RGBA output plus its per-component planes.
  const maxResolutionInMP = Math.ceil(limit.maxPixels / 1e6);
  const maxMemoryUsageInMB = Math.max(64, maxResolutionInMP * 16);
  return (bytes) => {
    const out = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB, maxResolutionInMP });
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

const LOADERS: Record<ImageFormat, (limit: ImageSizeLimit) => Promise<FormatDecoder>> = { jpeg: loadJpeg, png: loadPng, webp: loadWebp };

/**
 * JPEG, PNG and WebP through pure-JS/wasm packages; each format's package loads lazily. The size
 * the header declares is checked against `limit` first: the packages themselves allocate
 * whatever a (tiny, crafted) file declares.
 */
export class PackageImageDecoder implements ImageDecoder {
  private readonly loaded = new Map<ImageFormat, Promise<FormatDecoder>>();

  constructor(private readonly limit: ImageSizeLimit = PHOTO_LIMIT) {}

  async decode(bytes: Uint8Array): Promise<RawImage> {
    const { format, width, height } = readImageHeader(bytes);
    assertImageSize(format, width, height, this.limit);
    let loading = this.loaded.get(format);
    if (!loading) {
      loading = LOADERS[format](this.limit);
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
    if (image.width !== width || image.height !== height) {
      throw new ImageDecodeError('unreadable', `the ${format} image decoded to ${image.width}×${image.height}, not the ${width}×${height} its header declares`);
    }
    return image;
  }
}
