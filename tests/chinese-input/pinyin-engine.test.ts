import { beforeAll, describe, expect, it } from 'vitest';
import { Converter } from 'opencc-js/cn2t';
import { parseLexicon, PinyinEngine } from '../../common/chinese-input/pinyin-engine';
import { pinyinLexicon, tonelessSyllables } from '../../scripts/build-chinese-input-data';

describe('pinyin input over the lexicon the build writes', () => {
  let engine: PinyinEngine;
  const words = (letters: string, n = 8) =>
    engine
      .candidates(letters)
      .slice(0, n)
      .map((c) => c.word);

  beforeAll(() => {
    engine = new PinyinEngine(parseLexicon(pinyinLexicon()));
  });

  it('reads tones off and writes ü as v', () => {
    expect(tonelessSyllables('shēn fèn zhèng')).toEqual(['shen', 'fen', 'zheng']);
    expect(tonelessSyllables('lǜ shī')).toEqual(['lv', 'shi']);
  });

  it('puts 身份证 first for its full pinyin, its initials and a cut last syllable', () => {
    expect(words('shenfenzheng')[0]).toBe('身份证');
    expect(words('sfz')[0]).toBe('身份证');
    expect(words('shenfenzh')[0]).toBe('身份证');
    expect(words('shenfzh')[0]).toBe('身份证');
  });

  it('puts 街道 first for jiedao, and the hall’s words before common ones', () => {
    expect(words('jiedao')[0]).toBe('街道');
    expect(words('sb')[0]).toBe('社保');
    expect(words('juzhuzheng')[0]).toBe('居住证'); // not in modern.json: from the hall's word list
  });

  it('ranks single characters by frequency, every reading of a character offered', () => {
    expect(words('wei', 3)).toEqual(['为', '位', '微']);
    expect(words('xian', 2)).toEqual(['先', '县']);
    expect(words('zhang')).toContain('张');
    expect(words('wei', 64)).toContain('为');
    expect(words('lv')).toContain('绿');
  });

  it('offers a word spelling the first letters, taking only those, so a phrase is entered word by word', () => {
    const first = engine.candidates('jiedaobanshichu')[0]!;
    expect(first).toEqual({ word: '街道', consumed: 6 });
    expect(engine.candidates('banshichu')[0]).toEqual({ word: '办事处', consumed: 9 });
  });

  it('gives nothing for nothing and ignores what is not a letter', () => {
    expect(engine.candidates('')).toEqual([]);
    expect(engine.candidates("shen'fen")[0]!.word).toBe('身份');
  });

  it('writes 繁體 for zh-HK by converting whole words (cn → hk)', () => {
    const toHongKong = Converter({ from: 'cn', to: 'hk' });
    expect(toHongKong(words('sfz')[0]!)).toBe('身份證');
    expect(toHongKong('头发')).toBe('頭髮');
    expect(toHongKong('发票')).toBe('發票');
  });
});
