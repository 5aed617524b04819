import type { Language } from '../../../common/i18n/languages';

const VOICE_LANG: Record<Language, string> = { 'zh-CN': 'zh-CN', 'zh-HK': 'zh-HK', en: 'en-US' };

/** Says a prompt with the system's speech synthesis, when there is one and voice is on. */
export function speak(text: string, language: Language, enabled: boolean): void {
  if (!enabled || typeof window.speechSynthesis === 'undefined') return;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = VOICE_LANG[language];
  window.speechSynthesis.speak(utterance);
}
