import type { Language } from '../../../common/i18n/languages';
import type { CoreVoiceStatus } from '../../../common/rpc/contract';
import { chooseWebVoice, type WebVoice } from './web-voice-choice';

/** What says a language's prompts here: a Web Speech voice, the core's espeak-ng voice, or nothing. */
export type Speaker = { kind: 'web'; name: string } | { kind: 'core'; voice: string; name: string } | { kind: 'none' };

/** The same choice `speak` makes: the browser's fitting voice first, else the core's. */
export function whoSpeaks(language: Language, webVoices: readonly WebVoice[], core: CoreVoiceStatus | null): Speaker {
  const web = chooseWebVoice(webVoices, language);
  if (web) return { kind: 'web', name: web.name };
  const own = core?.voices.find((v) => v.language === language);
  return own?.voice ? { kind: 'core', voice: own.voice, name: own.name ?? own.voice } : { kind: 'none' };
}
