import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Language } from '../../../common/i18n/languages';
import { speak } from './speak';

interface VoiceSettings {
  language: Language;
  /** Staff switch it off in the settings (`ui.voice`). */
  enabled: boolean;
}

const VoiceContext = createContext<VoiceSettings>({ language: 'zh-CN', enabled: false });

export function VoiceProvider({ language, enabled, children }: VoiceSettings & { children: ReactNode }) {
  return <VoiceContext.Provider value={{ language, enabled }}>{children}</VoiceContext.Provider>;
}

/** Separates the paragraphs of a spoken list in the effect's dependency (no paragraph holds it). */
const PARAGRAPHS = '\u0000';

/**
 * Says `text` when the step shows (and again when the text or language changes); null says
 * nothing. A list is said paragraph by paragraph. `stopWhenGone`: what is still being said stops
 * when the step goes (a long notice must not go on reading over the next screen).
 */
export function useSpokenPrompt(text: string | readonly string[] | null, options: { stopWhenGone?: boolean } = {}): void {
  const { language, enabled } = useContext(VoiceContext);
  const key = text === null ? null : typeof text === 'string' ? text : text.join(PARAGRAPHS);
  const stopWhenGone = options.stopWhenGone ?? false;
  useEffect(() => {
    if (!key) return;
    const handle = speak(key.includes(PARAGRAPHS) ? key.split(PARAGRAPHS) : key, language, enabled);
    return stopWhenGone ? () => handle.stop() : undefined;
  }, [key, language, enabled, stopWhenGone]);
}

/** For prompts said on an event (a button's result) rather than when a step shows. */
export function useSay(): (text: string) => void {
  const { language, enabled } = useContext(VoiceContext);
  return (text) => void speak(text, language, enabled);
}
