import { encodeCharacters, type TextEncoding } from './text-codec';
import { isCjkEncoding } from './profiles';

/** Line layout in printer columns, where a CJK (double-byte) character takes two columns. */

interface Cell {
  ch: string;
  columns: number;
}

function cells(text: string, enc: TextEncoding): Cell[] {
  const chars = Array.from(text);
  const encoded = encodeCharacters(text, { ...enc, unencodable: 'substitute' });
  return chars.map((ch, i) => ({ ch, columns: encoded[i]!.columns }));
}

const width = (cs: Cell[]): number => cs.reduce((n, c) => n + c.columns, 0);
const join = (cs: Cell[]): string => cs.map((c) => c.ch).join('');

/** The ellipsis used when cutting text: `…` on a Chinese printer (two columns), `...` otherwise. */
export function ellipsisFor(enc: TextEncoding): string {
  return isCjkEncoding(enc.encoding) ? '…' : '...';
}

/** `text` cut to at most `maxColumns`, ending with an ellipsis when something was cut off. */
export function truncate(text: string, maxColumns: number, enc: TextEncoding): string {
  const cs = cells(text, enc);
  if (width(cs) <= maxColumns) return text;
  const ellipsis = ellipsisFor(enc);
  const room = maxColumns - width(cells(ellipsis, enc));
  if (room < 0) return join(takeColumns(cs, maxColumns));
  return join(takeColumns(cs, room)) + ellipsis;
}

function takeColumns(cs: Cell[], maxColumns: number): Cell[] {
  const out: Cell[] = [];
  let used = 0;
  for (const c of cs) {
    if (used + c.columns > maxColumns) break;
    out.push(c);
    used += c.columns;
  }
  return out;
}

/**
 * `text` broken into lines of at most `maxColumns`. CJK text breaks between any two characters;
 * Latin words move whole to the next line when they fit on one. Explicit newlines are kept.
 */
export function wrap(text: string, maxColumns: number, enc: TextEncoding): string[] {
  if (maxColumns < 2) throw new RangeError(`cannot wrap text into ${maxColumns} columns`);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line: Cell[] = [];
    let used = 0;
    for (const c of cells(paragraph, enc)) {
      if (used + c.columns > maxColumns) {
        let carry: Cell[] = [];
        const lastSpace = line.map((x) => x.ch).lastIndexOf(' ');
        if (c.ch !== ' ' && c.columns === 1 && lastSpace > 0 && line.slice(lastSpace + 1).every((x) => x.columns === 1)) {
          carry = line.slice(lastSpace + 1);
          line = line.slice(0, lastSpace);
        }
        lines.push(join(line).trimEnd());
        line = carry;
        used = width(carry);
        if (c.ch === ' ' && line.length === 0) continue;
      }
      line.push(c);
      used += c.columns;
    }
    lines.push(join(line).trimEnd());
  }
  return lines;
}

/**
 * One line with `left` at the start and `right` flush at the end of `maxColumns`; the left text is
 * truncated (with an ellipsis) to leave at least one space before the right text.
 */
export function leftRight(left: string, right: string, maxColumns: number, enc: TextEncoding): string {
  const rightCols = width(cells(right, enc));
  if (rightCols >= maxColumns) return truncate(right, maxColumns, enc);
  const leftText = truncate(left, Math.max(0, maxColumns - rightCols - 1), enc);
  const gap = maxColumns - rightCols - width(cells(leftText, enc));
  return leftText + ' '.repeat(gap) + right;
}
