import type { Language } from '../../../common/i18n/languages';

/**
 * Letters as a Mandarin listener names them, in pinyin with tone numbers: espeak-ng's
 * `cmn-latn-pinyin` reads Latin text as pinyin, so a ticket's "C" would come out as "sei".
 */
const MANDARIN_LETTER_NAMES: Record<string, string> = {
  A: 'ei1',
  B: 'bi4',
  C: 'xi1',
  D: 'di4',
  E: 'yi4',
  F: 'ai2 fu',
  G: 'ji4',
  H: 'ai1 qi1',
  I: 'ai4',
  J: 'jie4',
  K: 'kai4',
  L: 'ai2 lu',
  M: 'ai2 mu',
  N: 'en1',
  O: 'ou1',
  P: 'pi1',
  Q: 'kiu1',
  R: 'a4',
  S: 'ai2 si',
  T: 'ti4',
  U: 'you1',
  V: 'wei1',
  W: 'da2 bu liu',
  X: 'ai2 ke si',
  Y: 'wai4',
  Z: 'zei4',
};

/** A run of one to four capital letters standing alone (a ticket's letter, "PDF"), not part of a word or code. */
const LETTER_RUN = /(?<![A-Za-z0-9])[A-Z]{1,4}(?![A-Za-z0-9])/g;

/**
 * The text as espeak-ng's voice for `language` is given it: in Mandarin, capital letters standing
 * alone are spelt as their spoken names (Cantonese and English voices read letters as English
 * letter names already).
 */
export function textForEspeak(text: string, language: Language): string {
  if (language !== 'zh-CN') return text;
  return text.replace(LETTER_RUN, (run) => ` ${[...run].map((letter) => MANDARIN_LETTER_NAMES[letter]).join(' ')} `).replace(/ {2,}/g, ' ');
}

/** The sentences of an utterance as one text, each ended so that the voice pauses between them. */
export function joinSpokenParts(parts: readonly string[], language: Language): string {
  const end = language === 'en' ? '.' : '。';
  return parts
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => (/[.!?。！？：:]$/.test(part) ? part : part + end))
    .join('\n');
}
