import type { Language } from '../../../common/i18n/languages';
import { ESPEAK_VOICE } from './espeak-voices';
import { joinSpokenParts, textForEspeak } from './espeak-text';

/**
 * Words a minute (`-s`): espeak-ng's default 175 is hurried for Chinese in a hall; 长辈版 slower
 * still (the "slower speech").
 */
export const ESPEAK_RATE = { normal: 150, elder: 115 } as const;

export function espeakRate(elder: boolean): number {
  return elder ? ESPEAK_RATE.elder : ESPEAK_RATE.normal;
}

export interface Utterance {
  parts: readonly string[];
  language: Language;
  elder: boolean;
}

/**
 * The arguments of the `espeak-ng` run that says an utterance. The text comes last, after `--`,
 * so a sentence starting with "-" is never read as an option.
 */
export function espeakArgs(utterance: Utterance): string[] {
  const text = textForEspeak(joinSpokenParts(utterance.parts, utterance.language), utterance.language);
  return ['-v', ESPEAK_VOICE[utterance.language], '-s', String(espeakRate(utterance.elder)), '--', text];
}
