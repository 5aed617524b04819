import type { Language } from '../../../common/i18n/languages';

/** What the renderer reads of a Web Speech voice (`SpeechSynthesisVoice`). */
export interface WebVoice {
  name: string;
  lang: string;
  default?: boolean;
  localService?: boolean;
}

/**
 * How well a voice's language tag fits each of the hall's languages (0: not at all). Linux speech
 * services tag Chinese voices `cmn`/`yue` rather than `zh-CN`/`zh-HK`, so those count too;
 * Mandarin from Taiwan reads 简体 acceptably, but Cantonese needs a Cantonese voice.
 */
const FIT: Record<Language, (lang: string) => number> = {
  'zh-CN': (lang) => (/^zh-(cn|hans|sg)\b/.test(lang) ? 3 : /^(cmn|zh-cmn)\b/.test(lang) || lang === 'zh' ? 2 : /^zh-(tw|hant)\b/.test(lang) ? 1 : 0),
  'zh-HK': (lang) => (/^zh-hk\b/.test(lang) ? 3 : /^(yue|zh-yue)\b/.test(lang) ? 2 : /^zh-mo\b/.test(lang) ? 1 : 0),
  en: (lang) => (/^en\b/.test(lang) ? 1 : 0),
};

/**
 * espeak-ng's Mandarin "latin as English" voice (`cmn`, the one `zh` resolves to) reads hanzi as
 * pinyin with the tone numbers said in English: worse than the core's voice.
 */
const UNFIT_NAME = /latin as english/i;

/** The Web Speech voice that best speaks `language`, or null when none does (the core's voice speaks then). */
export function chooseWebVoice<V extends WebVoice>(voices: readonly V[], language: Language): V | null {
  let best: { voice: V; score: number } | null = null;
  for (const voice of voices) {
    if (UNFIT_NAME.test(voice.name)) continue;
    const fit = FIT[language](voice.lang.toLowerCase().replace(/_/g, '-'));
    if (fit === 0) continue;
    const score = fit * 4 + (voice.localService ? 2 : 0) + (voice.default ? 1 : 0);
    if (!best || score > best.score) best = { voice, score };
  }
  return best?.voice ?? null;
}

/** The voices the browser offers now ([] without Web Speech, as in headless Chromium). */
export function webVoices(): SpeechSynthesisVoice[] {
  const synth = typeof window === 'undefined' ? undefined : window.speechSynthesis;
  return typeof synth?.getVoices === 'function' ? synth.getVoices() : [];
}
