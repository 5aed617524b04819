import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** A font the sample documents are set in: a file and, for a collection (.ttc), the face's PostScript name. */
export interface CjkFace {
  file: string;
  postscriptName: string;
}

export class CjkFontMissingError extends Error {
  constructor() {
    super(
      'no Noto Sans CJK font: the reference hub sets its sample documents in it. Install it (Debian/Ubuntu: apt-get install fonts-noto-cjk), ' +
        'or name a Noto Sans CJK .ttc in KIOSK_HUB_CJK_FONT',
    );
    this.name = 'CjkFontMissingError';
  }
}

const KNOWN_PLACES = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

function fcMatch(family: string): string | null {
  try {
    const file = execFileSync('fc-match', ['-f', '%{file}', family], { encoding: 'utf8', timeout: 5000 }).trim();
    return /NotoSansCJK/i.test(file) && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

function locate(fileName: string, family: string): string | null {
  for (const dir of KNOWN_PLACES) if (existsSync(`${dir}/${fileName}`)) return `${dir}/${fileName}`;
  return fcMatch(family);
}

let found: { regular: CjkFace; bold: CjkFace } | null | undefined;

/**
 * Noto Sans CJK SC, regular and bold (bold falls back to regular): KIOSK_HUB_CJK_FONT, the usual
 * places of the fonts-noto-cjk package, else fontconfig. Looked up once. Throws CjkFontMissingError.
 */
export function cjkFaces(): { regular: CjkFace; bold: CjkFace } {
  if (found === undefined) {
    const override = process.env.KIOSK_HUB_CJK_FONT;
    const regular = override && existsSync(override) ? override : locate('NotoSansCJK-Regular.ttc', 'Noto Sans CJK SC');
    const bold = override ? null : locate('NotoSansCJK-Bold.ttc', 'Noto Sans CJK SC:bold');
    found = regular
      ? {
          regular: { file: regular, postscriptName: 'NotoSansCJKsc-Regular' },
          bold: bold ? { file: bold, postscriptName: 'NotoSansCJKsc-Bold' } : { file: regular, postscriptName: 'NotoSansCJKsc-Regular' },
        }
      : null;
  }
  if (found === null) throw new CjkFontMissingError();
  return found;
}

/** How long the font files stay in memory after the last document drawn (they are 20 MB each). */
const KEEP_MS = 60_000;
let loaded: { regular: Buffer; bold: Buffer } | undefined;
let release: NodeJS.Timeout | undefined;

/**
 * The bytes of the two faces, read once and kept while documents are being drawn, so that a
 * citizen's next document does not read 40 MB again; released a minute after the last use.
 */
export function cjkFontData(): { regular: Buffer; bold: Buffer } {
  const faces = cjkFaces();
  if (!loaded) {
    const regular = readFileSync(faces.regular.file);
    loaded = { regular, bold: faces.bold.file === faces.regular.file ? regular : readFileSync(faces.bold.file) };
  }
  clearTimeout(release);
  release = setTimeout(() => (loaded = undefined), KEEP_MS);
  release.unref();
  return loaded;
}
