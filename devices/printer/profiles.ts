/** What the driver needs to know about a printer model. */

export type CjkEncoding = 'gb18030' | 'big5';
export type SingleByteCodePage = 'cp437' | 'cp858';
export type PrinterEncoding = CjkEncoding | SingleByteCodePage;
export type UnencodablePolicy = 'substitute' | 'refuse';

export interface PrinterProfile {
  name: string;
  description: string;
  /**
   * gb18030 / big5: Chinese mode (`FS &`) with that double-byte encoding; Latin characters the
   * double-byte set lacks are sent through `codePage` with Chinese mode left for them.
   * cp437 / cp858: a Latin-only printer, never in Chinese mode.
   */
  encoding: PrinterEncoding;
  /** Single-byte code page for Latin text, selected with `ESC t`. */
  codePage: SingleByteCodePage;
  /** Prints `GS ( k` QR codes itself. When false, QR codes are sent as a `GS v 0` raster image. */
  qrNative: boolean;
  cut: 'full' | 'partial' | 'none';
  /** Columns of Font A at normal size (a CJK character takes two). 80 mm: 48, 58 mm: 32. */
  columns: number;
  /** Printable width in dots (raster images): 80 mm: 576, 58 mm: 384. */
  dotsWidth: number;
  /** What to do with a character the printer cannot print (4-byte GB18030, outside Big5, ...). */
  unencodable: UnencodablePolicy;
  /** The font holds traditional characters in GBK (needed for zh-HK text on a gb18030 printer). */
  traditionalFont: boolean;
  /** QR module size in dots. */
  qrModuleSize: number;
}

export const CODE_PAGE_NUMBER: Record<SingleByteCodePage, number> = { cp437: 0, cp858: 19 };

const base = {
  codePage: 'cp437' as const,
  qrNative: true,
  cut: 'partial' as const,
  unencodable: 'substitute' as const,
  traditionalFont: true,
  qrModuleSize: 6,
};

export const PRINTER_PROFILES: Readonly<Record<string, PrinterProfile>> = {
  'generic-80mm-gb18030': {
    ...base,
    name: 'generic-80mm-gb18030',
    description: 'Common Chinese 80 mm thermal printer, GB18030 (2-byte) font, native QR, partial cut',
    encoding: 'gb18030',
    columns: 48,
    dotsWidth: 576,
  },
  'generic-80mm-big5': {
    ...base,
    name: 'generic-80mm-big5',
    description: '80 mm thermal printer with a Big5 (traditional) font, native QR, partial cut',
    encoding: 'big5',
    columns: 48,
    dotsWidth: 576,
  },
  'generic-58mm-gb18030': {
    ...base,
    name: 'generic-58mm-gb18030',
    description: 'Common Chinese 58 mm thermal printer, GB18030 font, native QR, no cutter',
    encoding: 'gb18030',
    columns: 32,
    dotsWidth: 384,
    cut: 'none',
    qrModuleSize: 5,
  },
  'generic-80mm-latin': {
    ...base,
    name: 'generic-80mm-latin',
    description: '80 mm ESC/POS printer without a Chinese font (code page 858), native QR, partial cut',
    encoding: 'cp858',
    codePage: 'cp858',
    columns: 48,
    dotsWidth: 576,
    traditionalFont: false,
  },
  'generic-80mm-gb18030-noqr': {
    ...base,
    name: 'generic-80mm-gb18030-noqr',
    description: 'Older Chinese 80 mm printer without native QR codes (QR printed as a raster image)',
    encoding: 'gb18030',
    columns: 48,
    dotsWidth: 576,
    qrNative: false,
  },
};

export const DEFAULT_PROFILE_NAME = 'generic-80mm-gb18030';

/** The named profile, or an error listing the known names. */
export function printerProfile(name: string): PrinterProfile {
  const profile = PRINTER_PROFILES[name];
  if (!profile) {
    throw new Error(`unknown printer profile "${name}"; known profiles: ${Object.keys(PRINTER_PROFILES).join(', ')}`);
  }
  return profile;
}

/** Columns available at a width multiplier (GS ! width 1..8). */
export function columnsAt(profile: PrinterProfile, widthMultiplier: number): number {
  return Math.floor(profile.columns / widthMultiplier);
}

export function isCjkEncoding(e: PrinterEncoding): e is CjkEncoding {
  return e === 'gb18030' || e === 'big5';
}
