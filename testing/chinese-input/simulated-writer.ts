import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resampleStroke, type Stroke } from '../../common/chinese-input/handwriting-matcher';

/**
 * A deterministic simulated writer for the handwriting tests and the benchmark: it takes a
 * character's stroke medians straight from hanzi-writer-data (not the built templates) and writes
 * them as a hand on a pad would: a random size, place, slant and rotation, a shaky line sampled at
 * 5–25 touch points per stroke and, when asked, the slips of quick writing (two strokes joined in
 * one, two strokes in the wrong order). Same seed, same strokes.
 */

const HANZI_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'node_modules', 'hanzi-writer-data');

/** Characters a hall's forms need: addresses, surnames, service words, a few traditional ones. */
export const HALL_CHARACTERS = Array.from(
  '社保参证明打印医疗公积金不动产登记税务出入境户籍民政婚姻营业执照居住街道路号室栋单元楼区市省广东深圳福田北京朝阳张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁謝國電話資料',
);

/** The character's medians from hanzi-writer-data, y pointing down (0–1024 box). */
export function mediansOf(char: string): [number, number][][] {
  const { medians } = JSON.parse(readFileSync(path.join(HANZI_DATA, `${char}.json`), 'utf8')) as { medians: [number, number][][] };
  return medians.map((s) => s.map(([x, y]) => [x, 900 - y]));
}

export interface WritingStyle {
  /** Join two neighbouring strokes into one, as a hurried hand does. */
  joinStrokes?: boolean;
  /** Write two neighbouring strokes in the wrong order. */
  swapStrokes?: boolean;
}

/** The strokes of `char` as written on a pad of `size` pixels square, in pad pixels. */
export function writeCharacter(char: string, random: () => number, size = 300, style: WritingStyle = {}): [number, number][][] {
  const stretch = 0.85 + 0.3 * random();
  const slant = (random() - 0.5) * 0.2;
  const rotation = (random() - 0.5) * 0.15;
  const scale = (size / 1024) * (0.6 + 0.3 * random());
  const offsetX = size * 0.05 * random();
  const offsetY = size * 0.05 * random();
  const strokes = mediansOf(char).map((median: Stroke) =>
    resampleStroke(median, 5 + Math.floor(random() * 20)).map(([x, y]): [number, number] => {
      const jx = x + (random() - 0.5) * 40;
      const jy = y + (random() - 0.5) * 40;
      const sx = stretch * jx + slant * jy;
      return [
        Math.round(offsetX + scale * (sx * Math.cos(rotation) - jy * Math.sin(rotation))),
        Math.round(offsetY + scale * (sx * Math.sin(rotation) + jy * Math.cos(rotation))),
      ];
    }),
  );
  if (style.joinStrokes && strokes.length > 3) {
    const i = Math.floor(random() * (strokes.length - 1));
    strokes.splice(i, 2, [...strokes[i]!, ...strokes[i + 1]!]);
  }
  if (style.swapStrokes && strokes.length > 4) {
    const j = Math.floor(random() * (strokes.length - 1));
    [strokes[j], strokes[j + 1]] = [strokes[j + 1]!, strokes[j]!];
  }
  return strokes;
}
