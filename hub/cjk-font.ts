import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
