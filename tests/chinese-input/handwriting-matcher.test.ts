import { beforeAll, describe, expect, it } from 'vitest';
import { decodeHandwriting, encodeHandwriting } from '../../common/chinese-input/handwriting-file';
import { HandwritingMatcher } from '../../common/chinese-input/handwriting-matcher';
import { handwritingTemplates } from '../../scripts/build-chinese-input-data';
import { HALL_CHARACTERS, writeCharacter, type WritingStyle } from '../../testing/chinese-input/simulated-writer';
import { seededRandom } from '../../base/prng';
import { testSeed } from '../helpers/seed';
import { HAND_DRAWN as HAND_DRAWN_BY_CHAR } from './hand-drawn-strokes';

const HAND_DRAWN = Object.entries(HAND_DRAWN_BY_CHAR);

describe('the handwriting matcher over the Make Me a Hanzi medians', () => {
  let matcher: HandwritingMatcher;
  const seed = testSeed('HANDWRITING_SEED');

  beforeAll(() => {
    // Through the file the build writes, as the renderer's worker reads it.
    matcher = new HandwritingMatcher(decodeHandwriting(encodeHandwriting(handwritingTemplates())));
  });

  /** Top-1 and top-5 over the hall's characters written by the simulated writer, printed. */
  const accuracy = (label: string, style: WritingStyle) => {
    const random = seededRandom(seed);
    let top1 = 0;
    let top5 = 0;
    const missed: string[] = [];
    for (const char of HALL_CHARACTERS) {
      const candidates = matcher.match(writeCharacter(char, random, 320, style), 10);
      if (candidates[0] === char) top1++;
      if (candidates.slice(0, 5).includes(char)) top5++;
      else missed.push(`${char}→${candidates.slice(0, 5).join('')}`);
    }
    const n = HALL_CHARACTERS.length;
    console.log(
      `${label}: top-1 ${top1}/${n} (${Math.round((100 * top1) / n)}%), top-5 ${top5}/${n} (${Math.round((100 * top5) / n)}%)${missed.length ? `; missed ${missed.join(' ')}` : ''}`,
    );
    return { top1: top1 / n, top5: top5 / n };
  };

  it('knows every character of GB2312 level 1 and 2 and the traditional forms a Hong Kong citizen writes', () => {
    const known = new Set(handwritingTemplates().chars);
    expect(known.size).toBeGreaterThan(9000);
    for (const char of '社保街道路号栋单元室张王李刘陈國電話資料謝廣東區證') expect(known.has(char), char).toBe(true);
    expect([...known].filter((c) => /[\u2e80-\u2fdf]/u.test(c))).toEqual([]); // no radical forms: they are not text
  });

  it(`recognises ${HALL_CHARACTERS.length} characters written carefully: top-5 ≥ 95 %`, () => {
    expect(HALL_CHARACTERS.length).toBeGreaterThanOrEqual(50);
    const { top1, top5 } = accuracy('written carefully', {});
    expect(top5).toBeGreaterThanOrEqual(0.95);
    expect(top1).toBeGreaterThanOrEqual(0.9);
  });

  it('recognises them written in a hurry (two strokes joined, two in the wrong order): top-5 ≥ 85 %', () => {
    const { top1, top5 } = accuracy('written in a hurry', { joinStrokes: true, swapStrokes: true });
    expect(top5).toBeGreaterThanOrEqual(0.85);
    expect(top1).toBeGreaterThanOrEqual(0.6);
  });

  it('recognises strokes drawn by hand, 王 with its vertical before its middle bar', () => {
    const found = HAND_DRAWN.map(([char, strokes]) => ({ char, candidates: matcher.match(strokes, 5) }));
    const top1 = found.filter((f) => f.candidates[0] === f.char).length;
    console.log(`drawn by hand: top-1 ${top1}/${found.length}, top-5 ${found.filter((f) => f.candidates.includes(f.char)).length}/${found.length}`);
    expect(found.filter((f) => !f.candidates.includes(f.char))).toEqual([]);
    expect(found.find((f) => f.char === '王')!.candidates[0]).toBe('王');
  });

  it('takes back nothing it was not given: no strokes, no candidates; a dot is a dot', () => {
    expect(matcher.match([])).toEqual([]);
    expect(matcher.match([[[10, 10]]], 3)).toHaveLength(3);
  });
});
