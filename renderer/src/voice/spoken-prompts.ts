import { useEffect } from 'react';
import { useKiosk } from '../kiosk/kiosk-context';
import { speak } from './speak';
import { spokenSentences, type SpokenSentences } from './sentences/spoken-sentences';

/** Separates the paragraphs of a spoken list in the effect's dependency (no paragraph holds it). */
const PARAGRAPHS = '\u0000';

/**
 * Says `text` when the step shows (and again when the text or language changes); null says
 * nothing. A list is said paragraph by paragraph. `stopWhenGone`: what is still being said stops
 * when the step goes (a long notice must not go on reading over the next screen). In the
 * session's language, slower in 长辈版, and only where staff left voice on (`ui.voice`).
 */
export function useSpokenPrompt(text: string | readonly string[] | null, options: { stopWhenGone?: boolean } = {}): void {
  const { client, language, voice, elderMode } = useKiosk();
  const key = text === null ? null : typeof text === 'string' ? text : text.join(PARAGRAPHS);
  const stopWhenGone = options.stopWhenGone ?? false;
  useEffect(() => {
    if (!key) return;
    const handle = speak(key.includes(PARAGRAPHS) ? key.split(PARAGRAPHS) : key, { language, enabled: voice, elder: elderMode, client });
    return stopWhenGone ? () => handle.stop() : undefined;
  }, [key, language, voice, elderMode, client, stopWhenGone]);
}

/** For prompts said on an event (a button's result) rather than when a step shows. */
export function useSay(): (text: string) => void {
  const { client, language, voice, elderMode } = useKiosk();
  return (text) => void speak(text, { language, enabled: voice, elder: elderMode, client });
}

/** The sentences written for the ear (voice/sentences/) in the session's language. */
export function useSpokenSentences(): SpokenSentences {
  return spokenSentences(useKiosk().language);
}
