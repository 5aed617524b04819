import type { Stroke } from '../../../common/chinese-input/handwriting-matcher';
import { parseLexicon, PinyinEngine } from '../../../common/chinese-input/pinyin-engine';
import type { Language } from '../../../common/i18n/languages';
import type { HandwritingAnswer, HandwritingRequest } from './handwriting.worker';

/** Characters for written strokes, best first. */
export type HandwritingRecognizer = (strokes: Stroke[], limit: number) => Promise<string[]>;
/** Text in the script a screen language writes: 繁體 (Hong Kong) for zh-HK, 简体 otherwise. */
export type ScriptConverter = (text: string) => string;

/** Where the pads get their engines; the renderer tests give in-process ones over the same data. */
export interface ChineseInputSources {
  handwriting: HandwritingRecognizer;
  pinyin: () => Promise<PinyinEngine>;
  script: (language: Language) => Promise<ScriptConverter>;
}

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (candidates: string[]) => void>();

/** The matcher in a Web Worker (renderer/src/input/handwriting.worker.ts), started on first use. */
const workerRecognizer: HandwritingRecognizer = (strokes, limit) => {
  if (!worker) {
    worker = new Worker(new URL('./handwriting.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<HandwritingAnswer>) => {
      waiting.get(event.data.id)?.(event.data.candidates);
      waiting.delete(event.data.id);
    };
    // A worker that fails answers nothing: the pad shows no candidates rather than waiting for ever,
    // and the next stroke starts a new worker.
    worker.onerror = () => {
      for (const resolve of waiting.values()) resolve([]);
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  const id = nextId++;
  const request: HandwritingRequest = { id, strokes, limit };
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker!.postMessage(request);
  });
};

let pinyin: Promise<PinyinEngine> | null = null;
const converters = new Map<Language, Promise<ScriptConverter>>();

/** Whole words are converted (发票 → 發票 but 头发 → 頭髮), so the phrase dictionaries decide. */
function loadConverter(language: Language): Promise<ScriptConverter> {
  if (language === 'zh-HK') return import('opencc-js/cn2t').then(({ Converter }) => Converter({ from: 'cn', to: 'hk' }));
  return import('opencc-js/t2cn').then(({ Converter }) => Converter({ from: 'hk', to: 'cn' }));
}

export const chineseInputSources: ChineseInputSources = {
  handwriting: workerRecognizer,
  pinyin: () => (pinyin ??= import('virtual:chinese-input/pinyin').then(({ default: text }) => new PinyinEngine(parseLexicon(text)))),
  script: (language) => {
    let converter = converters.get(language);
    if (!converter) converters.set(language, (converter = loadConverter(language)));
    return converter;
  },
};
