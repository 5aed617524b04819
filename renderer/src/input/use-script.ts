import { useEffect, useState } from 'react';
import type { Language } from '../../../common/i18n/languages';
import { useChineseInput } from './chinese-input-context';
import type { ScriptConverter } from './chinese-input-sources';

/** The converter to the language's script once loaded (null until then: nothing is shown in the wrong script). */
export function useScript(language: Language): ScriptConverter | null {
  const sources = useChineseInput();
  const [converter, setConverter] = useState<{ language: Language; convert: ScriptConverter } | null>(null);
  useEffect(() => {
    let live = true;
    void sources.script(language).then((convert) => live && setConverter({ language, convert }));
    return () => {
      live = false;
    };
  }, [sources, language]);
  return converter?.language === language ? converter.convert : null;
}

/** Candidates in the language's script, each once (两 and 兩 may both convert to 兩). */
export function inScript(words: readonly string[], convert: ScriptConverter): string[] {
  return [...new Set(words.map(convert))];
}
