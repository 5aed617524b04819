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
 * Replaces the page's `window.speechSynthesis.speak` (the browser API the kiosk's voice ends in)
 * with a recorder of each utterance's text and language, from the next navigation on: the page is
 * reloaded so that the recorder is in place before the kiosk's first prompt.
 */
export async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: SpokenUtterance[] = [];
    window.__spokenUtterances = spoken;
    const record = (u: SpeechSynthesisUtterance) => void spoken.push({ text: u.text, lang: u.lang });
    if (typeof window.speechSynthesis === 'undefined') {
      Object.defineProperty(window, 'speechSynthesis', { value: { speak: record, cancel: () => undefined }, configurable: true });
    } else {
      window.speechSynthesis.speak = record;
      window.speechSynthesis.cancel = () => undefined;
    }
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
