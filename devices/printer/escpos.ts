/**
 * ESC/POS command bytes, one pure function per command. Everything the encoder emits comes from
 * here, and the virtual printer's decoder parses exactly these forms.
 */

export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;
export const XON = 0x11;
export const XOFF = 0x13;

export type Alignment = 'left' | 'center' | 'right';
export type CutKind = 'full' | 'partial';
export type StatusRequest = 1 | 2 | 3 | 4;

const ALIGN_CODE: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

function byteArg(name: string, value: number, min = 0, max = 255): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** ESC @: reset the printer (this also leaves Chinese mode on most Chinese printers). */
export const initialize = (): Buffer => Buffer.from([ESC, 0x40]);
/** FS &: enter Chinese (double-byte) character mode. */
export const chineseModeOn = (): Buffer => Buffer.from([FS, 0x26]);
/** FS .: leave Chinese character mode (bytes 0x80-0xFF are single code page characters again). */
export const chineseModeOff = (): Buffer => Buffer.from([FS, 0x2e]);
/** ESC t n: select the single-byte character code table. */
export const selectCodePage = (n: number): Buffer => Buffer.from([ESC, 0x74, byteArg('code page', n)]);

/** GS ! n: character size, width and height multipliers 1..8. */
export function characterSize(width: number, height: number): Buffer {
  byteArg('width multiplier', width, 1, 8);
  byteArg('height multiplier', height, 1, 8);
  return Buffer.from([GS, 0x21, ((width - 1) << 4) | (height - 1)]);
}

/** ESC E n: emphasised (bold) on or off. */
export const bold = (on: boolean): Buffer => Buffer.from([ESC, 0x45, on ? 1 : 0]);
/** ESC a n: justification. */
export const align = (a: Alignment): Buffer => Buffer.from([ESC, 0x61, ALIGN_CODE[a]]);
/** ESC 3 n: line spacing in dots. */
export const lineSpacing = (dots: number): Buffer => Buffer.from([ESC, 0x33, byteArg('line spacing', dots)]);
/** ESC 2: default line spacing. */
export const defaultLineSpacing = (): Buffer => Buffer.from([ESC, 0x32]);
/** ESC d n: print and feed n lines. */
export const feedLines = (n: number): Buffer => Buffer.from([ESC, 0x64, byteArg('feed lines', n)]);
export const lineFeed = (): Buffer => Buffer.from([LF]);

/** GS V m n (function B): feed to the cutting position plus n dots, then cut. */
export const cut = (kind: CutKind, feedDots = 0): Buffer => Buffer.from([GS, 0x56, kind === 'full' ? 65 : 66, byteArg('cut feed', feedDots)]);

/** DLE EOT n: real-time status request. */
export const statusRequest = (n: StatusRequest): Buffer => Buffer.from([DLE, EOT, byteArg('status request', n, 1, 4)]);

export const QR_MAX_BYTES = 7089;
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';
const QR_LEVEL: Record<QrErrorLevel, number> = { L: 48, M: 49, Q: 50, H: 51 };

function qrFunction(fn: number, args: number[]): Buffer {
  const len = args.length + 2;
  return Buffer.from([GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, fn, ...args]);
}

/**
 * GS ( k: a native QR code, model 2. Store data length pL pH = data length + 3 (cn, fn, m).
 * Data is sent as bytes (UTF-8); the printer prints what it stored.
 */
export function qrCode(data: Buffer, moduleSize: number, level: QrErrorLevel = 'M'): Buffer {
  if (data.length === 0) throw new RangeError('QR code data is empty');
  if (data.length > QR_MAX_BYTES) throw new RangeError(`QR code data is ${data.length} bytes, at most ${QR_MAX_BYTES}`);
  byteArg('QR module size', moduleSize, 1, 16);
  const storeLen = data.length + 3;
  return Buffer.concat([
    qrFunction(65, [50, 0]), // fn 65: model 2
    qrFunction(67, [moduleSize]), // fn 67: module size
    qrFunction(69, [QR_LEVEL[level]]), // fn 69: error correction level
    Buffer.from([GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 0x31, 80, 0x30]), // fn 80: store
    data,
    qrFunction(81, [0x30]), // fn 81: print
  ]);
}

export const CODE128_MAX_BYTES = 253;

/**
 * GS k 73 n d...: CODE128 in code set B (`{B` prefix). Accepts printable ASCII; a `{` in the
 * data is escaped as `{{`. Also sets height, module width and HRI below.
 */
export function code128(text: string, options: { height?: number; moduleWidth?: number } = {}): Buffer {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c > 0x7e) {
      throw new RangeError(`CODE128 code set B cannot encode ${JSON.stringify(ch)} (U+${c.toString(16).toUpperCase().padStart(4, '0')})`);
    }
  }
  if (text.length === 0) throw new RangeError('CODE128 data is empty');
  const data = Buffer.from('{B' + text.replace(/\{/g, '{{'), 'ascii');
  if (data.length > CODE128_MAX_BYTES) throw new RangeError(`CODE128 data is ${data.length} bytes, at most ${CODE128_MAX_BYTES}`);
  return Buffer.concat([
    Buffer.from([GS, 0x68, byteArg('barcode height', options.height ?? 80, 1)]), // GS h
    Buffer.from([GS, 0x77, byteArg('barcode module width', options.moduleWidth ?? 2, 2, 6)]), // GS w
    Buffer.from([GS, 0x48, 2]), // GS H 2: HRI below
    Buffer.from([GS, 0x6b, 73, data.length]),
    data,
  ]);
}

/**
 * GS v 0: a raster bit image, `widthDots` × `heightDots`, 1 bit per dot, MSB first, 1 = black.
 * `dark(x, y)` gives each dot.
 */
export function rasterImage(widthDots: number, heightDots: number, dark: (x: number, y: number) => boolean): Buffer {
  const widthBytes = Math.ceil(widthDots / 8);
  if (widthBytes < 1 || widthBytes > 0xffff || heightDots < 1 || heightDots > 2303) {
    throw new RangeError(`raster image ${widthDots}x${heightDots} dots is out of range`);
  }
  const out = Buffer.alloc(8 + widthBytes * heightDots);
  out.set([GS, 0x76, 0x30, 0, widthBytes & 0xff, widthBytes >> 8, heightDots & 0xff, heightDots >> 8]);
  for (let y = 0; y < heightDots; y++) {
    for (let x = 0; x < widthDots; x++) {
      if (dark(x, y)) out[8 + y * widthBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}
