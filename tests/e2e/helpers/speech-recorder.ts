import type { Page } from 'playwright-core';

export interface SpokenUtterance {
  text: string;
  lang: string;
}

declare global {
  interface Window {
    __spokenUtterances?: SpokenUtterance[];
  }
}

/**
 * Gives the page a browser voice for each of the hall's languages (as Windows has) and replaces
 * `window.speechSynthesis.speak` with a recorder of each utterance's text and language, from the
 * next navigation on: the page is reloaded so that the recorder is in place before the kiosk's first
 * prompt. (Without a browser voice the core speaks instead: core-speech-recorder.ts.)
 */
export async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: SpokenUtterance[] = [];
    window.__spokenUtterances = spoken;
    const record = (u: SpeechSynthesisUtterance) => void spoken.push({ text: u.text, lang: u.lang });
    const voice = (name: string, lang: string) => ({ name, lang, default: false, localService: true, voiceURI: name });
    const voices = [voice('Microsoft Huihui', 'zh-CN'), voice('Microsoft Tracy', 'zh-HK'), voice('Microsoft David', 'en-US')];
    const synth = { speak: record, cancel: () => undefined, getVoices: () => voices, speaking: false, pending: false };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    // The kiosk hands a chosen voice to the utterance; the recorder's voices are plain objects.
    const Utterance = window.SpeechSynthesisUtterance;
    window.SpeechSynthesisUtterance = class extends Utterance {
      override set voice(_v: SpeechSynthesisVoice | null) {}
      override get voice(): SpeechSynthesisVoice | null {
        return null;
      }
    };
  });
  await page.reload();
}

/** Everything said since the page loaded (or since the last clearSpoken). */
export function spoken(page: Page): Promise<SpokenUtterance[]> {
  return page.evaluate(() => window.__spokenUtterances ?? []);
}

export function clearSpoken(page: Page): Promise<void> {
  return page.evaluate(() => void (window.__spokenUtterances ?? []).splice(0));
}
