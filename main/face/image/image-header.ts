export type ImageFormat = 'jpeg' | 'png' | 'webp';

/**
 * Why an image could not be used; `unreadable` also covers truncated or corrupt files and
 * images larger than allowed (`ImageTooLargeError`).
 */
export class ImageDecodeError extends Error {
  constructor(
    readonly code: 'unreadable' | 'unsupported-format' | 'decoder-missing',
    message: string,
  ) {
    super(message);
    this.name = 'ImageDecodeError';
  }
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

/** What an encoded image declares about itself, read from its header without decoding it. */
export interface ImageHeader {
  format: ImageFormat;
  width: number;
  height: number;
}

const PNG_SIGNATURE_BYTES = 8;
const PNG_IHDR_BYTES = 13;

function unreadable(format: ImageFormat, what: string): ImageDecodeError {
  return new ImageDecodeError('unreadable', `the ${format} image header is unreadable: ${what}`);
}

/**
 * PNG: the first chunk must be IHDR (width, height as 32-bit big-endian). Every chunk header is
 * walked so that a second IHDR, which a lenient decoder would take as the real size, is refused.
 */
function pngHeader(bytes: Uint8Array): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < PNG_SIGNATURE_BYTES + 8 + PNG_IHDR_BYTES) throw unreadable('png', 'the file ends before the IHDR chunk');
  const chunkType = (at: number) => String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
  if (chunkType(PNG_SIGNATURE_BYTES) !== 'IHDR' || view.getUint32(PNG_SIGNATURE_BYTES) !== PNG_IHDR_BYTES) {
    throw unreadable('png', 'the first chunk is not a 13-byte IHDR');
  }
  const width = view.getUint32(PNG_SIGNATURE_BYTES + 8);
  const height = view.getUint32(PNG_SIGNATURE_BYTES + 12);
  let at = PNG_SIGNATURE_BYTES + 8 + PNG_IHDR_BYTES + 4;
  while (at + 8 <= bytes.length) {
    const type = chunkType(at);
    if (type === 'IHDR') throw unreadable('png', 'it has more than one IHDR chunk');
    if (type === 'IEND') break;
    at += 12 + view.getUint32(at);
  }
  return { format: 'png', width, height };
}

// SOF0-3, 5-7, 9-11, 13-15: every start-of-frame marker (C4 DHT, C8 JPG and CC DAC are not frames).
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
// Markers that stand alone, without a length: TEM, RST0-7, SOI, EOI; FF 00 is skipped like one.
const isStandalone = (marker: number) => marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9);

/**
 * Decoders read these segments by their content, not by their declared length (jpeg-js does): a
 * length that disagrees with the content would put the decoder somewhere this walk is not, where a
 * hidden frame header could wait. The length a segment's content implies, or null when unreadable.
 */
function impliedSegmentLength(marker: number, bytes: Uint8Array, payload: number, declared: number): number | null {
  const end = payload + declared - 2;
  const at = (i: number) => bytes[i] ?? 0;
  if (isStartOfFrame(marker)) return 8 + 3 * at(payload + 5);
  if (marker === 0xda) return 6 + 2 * at(payload); // SOS: components, then spectral selection and approximation
  if (marker === 0xdd || marker === 0xdc) return 4; // DRI, DNL
  if (marker === 0xdb) {
    let p = payload;
    while (p < end) {
      const precision = at(p) >> 4;
      if (precision > 1) return null;
      p += 1 + (precision === 0 ? 64 : 128);
    }
    return p - payload + 2;
  }
  if (marker === 0xc4) {
    let p = payload;
    while (p < end) {
      let values = 0;
      for (let i = 1; i <= 16; i++) values += at(p + i);
      p += 17 + values;
    }
    return p - payload + 2;
  }
  return declared; // APPn, COM and the rest are read by their length
}

/**
 * JPEG: walks the marker segments (and skips the entropy-coded data after each SOS) to every
 * start-of-frame. A second frame is refused: decoders reject it, but only after allocating it.
 */
function jpegHeader(bytes: Uint8Array): ImageHeader {
  let frame: { width: number; height: number } | null = null;
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw unreadable('jpeg', `expected a marker at byte ${at}`);
    while (bytes[at] === 0xff) at++; // fill bytes
    if (at >= bytes.length) break;
    const marker = bytes[at]!;
    at++;
    if (marker === 0xd9) break; // EOI
    if (isStandalone(marker)) continue;
    if (at + 2 > bytes.length) break;
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    const name = `FF${marker.toString(16).toUpperCase()}`;
    if (length < 2) throw unreadable('jpeg', `segment ${name} has an impossible length ${length}`);
    if (isStartOfFrame(marker) && (length < 8 || at + 8 > bytes.length)) throw unreadable('jpeg', 'the file ends inside the start-of-frame segment');
    if (at + length <= bytes.length && impliedSegmentLength(marker, bytes, at + 2, length) !== length) {
      throw unreadable('jpeg', `segment ${name} declares ${length} bytes but its content says otherwise`);
    }
    if (isStartOfFrame(marker)) {
      if (frame) throw unreadable('jpeg', 'it has more than one frame');
      frame = { height: (bytes[at + 3]! << 8) | bytes[at + 4]!, width: (bytes[at + 5]! << 8) | bytes[at + 6]! };
    }
    at += length;
    if (marker === 0xda) at = endOfEntropyCodedData(bytes, at);
  }
  if (!frame) throw unreadable('jpeg', 'no start-of-frame segment before the end of the file');
  return { format: 'jpeg', ...frame };
}

/** Index of the first marker after entropy-coded data (FF 00 is a stuffed byte, FF D0-D7 a restart). */
function endOfEntropyCodedData(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    at = bytes.indexOf(0xff, at);
    if (at < 0 || at + 1 >= bytes.length) return bytes.length;
    const next = bytes[at + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
      at += next === 0xff ? 1 : 2;
      continue;
    }
    return at;
  }
}

const fourcc = (bytes: Uint8Array, at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
const uint24le = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);

/** The size a VP8 (lossy) or VP8L (lossless) bitstream chunk declares; `at` is the chunk's payload. */
function webpBitstreamSize(bytes: Uint8Array, kind: string, at: number): { width: number; height: number } {
  if (kind === 'VP8 ') {
    if (at + 10 > bytes.length) throw unreadable('webp', 'the file ends inside the VP8 frame header');
    if (bytes[at + 3] !== 0x9d || bytes[at + 4] !== 0x01 || bytes[at + 5] !== 0x2a) throw unreadable('webp', 'the VP8 start code is missing');
    return { width: (bytes[at + 6]! | (bytes[at + 7]! << 8)) & 0x3fff, height: (bytes[at + 8]! | (bytes[at + 9]! << 8)) & 0x3fff };
  }
  if (at + 5 > bytes.length) throw unreadable('webp', 'the file ends inside the VP8L header');
  if (bytes[at] !== 0x2f) throw unreadable('webp', 'the VP8L signature is missing');
  const bits = (bytes[at + 1]! | (bytes[at + 2]! << 8) | (bytes[at + 3]! << 16) | (bytes[at + 4]! << 24)) >>> 0;
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

/**
 * WebP: RIFF, then VP8 / VP8L (the bitstream's own size) or VP8X (the canvas size, and the size of
 * the bitstream chunk that follows, when it is there; the larger of the two counts).
 */
function webpHeader(bytes: Uint8Array): ImageHeader {
  if (bytes.length < 20) throw unreadable('webp', 'the file ends before the first chunk');
  const first = fourcc(bytes, 12);
  if (first === 'VP8 ' || first === 'VP8L') return { format: 'webp', ...webpBitstreamSize(bytes, first, 20) };
  if (first !== 'VP8X') throw unreadable('webp', `unknown first chunk ${JSON.stringify(first)}`);
  if (bytes.length < 30) throw unreadable('webp', 'the file ends inside the VP8X chunk');
  let width = uint24le(bytes, 24) + 1;
  let height = uint24le(bytes, 27) + 1;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const kind = fourcc(bytes, at);
    const size = new DataView(bytes.buffer, bytes.byteOffset + at + 4, 4).getUint32(0, true);
    if (kind === 'VP8 ' || kind === 'VP8L') {
      const inner = webpBitstreamSize(bytes, kind, at + 8);
      width = Math.max(width, inner.width);
      height = Math.max(height, inner.height);
      break;
    }
    at += 8 + size + (size & 1);
  }
  return { format: 'webp', width, height };
}

/**
 * The format and size an image declares, read from its header only (PNG IHDR, JPEG SOF, WebP
 * VP8/VP8L/VP8X): cheap enough to run on every frame before anything is decoded. Throws
 * `ImageDecodeError` (`unsupported-format` / `unreadable`) for anything else or a broken header.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new ImageDecodeError(
      bytes.length === 0 ? 'unreadable' : 'unsupported-format',
      bytes.length === 0 ? 'the image is empty' : 'not a JPEG, PNG or WebP image',
    );
  }
  const header = format === 'png' ? pngHeader(bytes) : format === 'jpeg' ? jpegHeader(bytes) : webpHeader(bytes);
  if (header.width <= 0 || header.height <= 0) throw unreadable(format, `it declares an empty ${header.width}×${header.height} image`);
  return header;
}
