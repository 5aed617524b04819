import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { encodeHandwriting } from '../common/chinese-input/handwriting-file';
import { ARPHIC_LICENCE, handwritingTemplates, pinyinLexicon } from './build-chinese-input-data';

/**
 * The data of Chinese text entry as two virtual modules that the renderer imports lazily, so vite
 * makes each its own chunk, loaded when a pad first needs it (docs/decisions.md: made at build from
 * devDependencies, not committed):
 * - `virtual:chinese-input/handwriting`: the templates file, base64 (a chunk works the same over the
 *   Electron app scheme, the web shell's HTTP and in a worker, with no fetch to allow);
 * - `virtual:chinese-input/pinyin`: the lexicon text.
 * The Arphic Public License of the stroke data is written beside the chunks as ARPHICPL.TXT.
 */
const HANDWRITING = 'virtual:chinese-input/handwriting';
const PINYIN = 'virtual:chinese-input/pinyin';

export function chineseInputData(): Plugin {
  let handwriting: string | null = null;
  let lexicon: string | null = null;
  return {
    name: 'chinese-input-data',
    resolveId: (id) => (id === HANDWRITING || id === PINYIN ? `\0${id}` : null),
    load(id) {
      if (id === `\0${HANDWRITING}`) {
        handwriting ??= Buffer.from(encodeHandwriting(handwritingTemplates())).toString('base64');
        return `/*! Stroke data derived from Make Me a Hanzi via hanzi-writer-data, Arphic Public License: see ARPHICPL.TXT beside this file. */\nexport default ${JSON.stringify(handwriting)};`;
      }
      if (id === `\0${PINYIN}`) {
        lexicon ??= pinyinLexicon();
        return `/*! Words and frequencies from @pinyin-pro/data (ISC). */\nexport default ${JSON.stringify(lexicon)};`;
      }
      return null;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'assets/ARPHICPL.TXT', source: readFileSync(ARPHIC_LICENCE) });
    },
  };
}
