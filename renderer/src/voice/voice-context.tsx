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

/** Says `text` when the step shows (and again when the text or language changes); null says nothing. */
export function useSpokenPrompt(text: string | null): void {
  const { language, enabled } = useContext(VoiceContext);
  useEffect(() => {
    if (text) speak(text, language, enabled);
  }, [text, language, enabled]);
}

/** For prompts said on an event (a button's result) rather than when a step shows. */
export function useSay(): (text: string) => void {
  const { language, enabled } = useContext(VoiceContext);
  return (text) => speak(text, language, enabled);
}
