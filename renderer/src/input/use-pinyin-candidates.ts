import { useEffect, useMemo, useState } from 'react';
import type { Language } from '../../../common/i18n/languages';
import type { PinyinCandidate, PinyinEngine } from '../../../common/chinese-input/pinyin-engine';
import { useChineseInput } from './chinese-input-context';
import { useScript } from './use-script';

/** The candidates for the letters typed so far, in the language's script; empty while the data loads. */
export function usePinyinCandidates(letters: string, language: Language): PinyinCandidate[] {
  const sources = useChineseInput();
  const [engine, setEngine] = useState<PinyinEngine | null>(null);
  const convert = useScript(language);
  useEffect(() => {
    let live = true;
    void sources.pinyin().then((e) => live && setEngine(e));
    return () => {
      live = false;
    };
  }, [sources]);
  return useMemo(() => {
    if (!engine || !convert || letters === '') return [];
    const seen = new Set<string>();
    return engine
      .candidates(letters)
      .map((c) => ({ word: convert(c.word), consumed: c.consumed }))
      .filter((c) => !seen.has(c.word) && seen.add(c.word));
  }, [engine, convert, letters]);
}
