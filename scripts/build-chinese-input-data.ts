/**
 * The data of Chinese text entry, made from devDependencies when the renderer is built
 * (renderer/vite.config.ts loads it as two lazily imported chunks; see docs/decisions.md):
 * - handwriting: the stroke medians of hanzi-writer-data (Make Me a Hanzi, Arphic Public License),
 *   each stroke resampled to POINTS_PER_STROKE points in a unit box, one byte per coordinate;
 * - pinyin: @pinyin-pro/data's modern.json (58,907 words with frequencies) as `word syl'syl` lines,
 *   the hall's own words first, every other reading of single characters from pinyin-pro.
 *
 * `npx tsx scripts/build-chinese-input-data.ts DIR` writes both files and the licence into DIR.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { polyphonic, pinyin } from 'pinyin-pro';
import { normaliseStrokes, quantise, type HandwritingTemplates } from '../common/chinese-input/handwriting-matcher';
import { encodeHandwriting } from '../common/chinese-input/handwriting-file';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HANZI_DATA = path.join(root, 'node_modules', 'hanzi-writer-data');
const MODERN = path.join(root, 'node_modules', '@pinyin-pro', 'data', 'json', 'modern.json');
const CATALOG = path.join(root, 'assets', 'catalog', 'default-catalog.json');
export const ARPHIC_LICENCE = path.join(HANZI_DATA, 'ARPHICPL.TXT');

const CJK_IDEOGRAPH = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]$/u;

/** Words of addresses, names and hall forms that a general frequency list ranks too low or lacks. */
const HALL_WORDS = [
  '街道',
  '社区',
  '小区',
  '单元',
  '楼',
  '栋',
  '号',
  '室',
  '路',
  '巷',
  '村',
  '镇',
  '区',
  '市',
  '省',
  '居住证',
  '身份证',
  '户口簿',
  '营业执照',
  '社保',
  '医保',
  '公积金',
  '不动产',
  '联系人',
  '联系电话',
  '地址',
  '住址',
  '工作单位',
  '出生地',
  '籍贯',
  '民族',
  '汉族',
  '配偶',
  '父亲',
  '母亲',
  '子女',
];

/** The templates, in hanzi-writer-data's order of files. Its y axis points up (0–900 after the flip). */
export function handwritingTemplates(): HandwritingTemplates {
  const chars: string[] = [];
  const counts: number[] = [];
  const bytes: number[] = [];
  for (const file of readdirSync(HANZI_DATA).sort()) {
    if (!file.endsWith('.json') || file === 'package.json') continue;
    const char = file.slice(0, -'.json'.length);
    // CJK ideographs only: the data also has radical forms (⺌, ⺈) that are not written as text.
    if (!CJK_IDEOGRAPH.test(char)) continue;
    const { medians } = JSON.parse(readFileSync(path.join(HANZI_DATA, file), 'utf8')) as { medians: [number, number][][] };
    if (medians.length === 0 || medians.length > 255) continue;
    chars.push(char);
    counts.push(medians.length);
    for (const v of normaliseStrokes(medians.map((s) => s.map(([x, y]) => [x, 900 - y] as const)))) bytes.push(quantise(v));
  }
  return { chars, strokeCounts: Uint8Array.from(counts), points: Uint8Array.from(bytes) };
}

/** Toneless syllables, ü as v: `lǜ shī` → [lv, shi]. */
export function tonelessSyllables(reading: string): string[] {
  return reading
    .toLowerCase()
    .replace(/[üǖǘǚǜ]/g, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/\s+/)
    .filter((s) => /^[a-z]+$/.test(s));
}

/** The catalog's Simplified names and labels: the words citizens enter in this hall. */
function catalogWords(): string[] {
  const words = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'zh-CN' && typeof value === 'string') words.add(value);
        else visit(value);
      }
  };
  visit(JSON.parse(readFileSync(CATALOG, 'utf8')));
  // "Simple" words only: Chinese characters alone, short enough to be typed as one.
  return [...words].filter((w) => /^[\u4e00-\u9fff]{2,8}$/.test(w));
}

/** The pinyin lexicon, one `word syl'syl` line per reading, most wanted first. */
export function pinyinLexicon(): string {
  const modern = JSON.parse(readFileSync(MODERN, 'utf8')) as Record<string, [string, number]>;
  const lines: string[] = [];
  const seen = new Set<string>();
  const add = (word: string, syllables: string[]) => {
    if (syllables.length !== Array.from(word).length || syllables.length === 0) return;
    const line = `${word} ${syllables.join("'")}`;
    if (seen.has(line)) return;
    seen.add(line);
    lines.push(line);
  };
  const readingOf = (word: string) => (modern[word] ? tonelessSyllables(modern[word][0]) : pinyin(word, { toneType: 'none', type: 'array', v: true }));
  for (const word of [...HALL_WORDS, ...catalogWords()]) add(word, readingOf(word));
  const byFrequency = Object.entries(modern).sort((a, b) => b[1][1] - a[1][1]);
  for (const [word, [reading]] of byFrequency) add(word, tonelessSyllables(reading));
  // modern.json gives a character one reading (为 → wèi only): the others come from pinyin-pro,
  // after every main reading (见 is read xiàn rarely, and should not come before 先 for xian).
  for (const [word] of byFrequency)
    if (Array.from(word).length === 1)
      for (const other of polyphonic(word, { toneType: 'none', type: 'array', v: true })[0] ?? []) add(word, [other.toLowerCase()]);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npx tsx scripts/build-chinese-input-data.ts DIR');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'handwriting.bin'), encodeHandwriting(handwritingTemplates()));
  writeFileSync(path.join(dir, 'pinyin.txt'), pinyinLexicon());
  writeFileSync(path.join(dir, 'ARPHICPL.TXT'), readFileSync(ARPHIC_LICENCE));
  console.log(`wrote handwriting.bin, pinyin.txt and ARPHICPL.TXT to ${dir}`);
}
