import type { PrinterEncoding } from './profiles';

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A character the printer's font cannot print, refused under the `refuse` policy. */
export class UnencodableCharacterError extends Error {
  readonly codePoint: number;
  constructor(
    readonly character: string,
    readonly encoding: PrinterEncoding,
    readonly index: number,
  ) {
    const cp = character.codePointAt(0)!;
    super(
      `the printer cannot print "${character}" (${codePointLabel(cp)}) at character ${index}: ` +
        (encoding === 'gb18030' ? 'it needs a 4-byte GB18030 code, which printer fonts do not have' : `it is not in the printer's ${encoding} character set`),
    );
    this.codePoint = cp;
  }
}
