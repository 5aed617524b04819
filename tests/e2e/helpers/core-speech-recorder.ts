import type { Page } from 'playwright-core';
import type { RpcEventPayload } from '../../../common/rpc/contract';

export type CoreUtterance = RpcEventPayload<'voice.said'>;

declare global {
  interface Window {
    __coreUtterances?: CoreUtterance[];
    __browserUtterances?: string[];
  }
}

/**
 * Records what the kiosk core reports it said (`voice.said` events on the page's WebSocket to the
 * web shell), and what the page asked the browser to say (nothing, when it has no voice), from the
 * next navigation on; the page is reloaded so that the recorder is in place before the first prompt.
 * The browser offers no voice, as headless Chromium and Chromium on Linux without speech-dispatcher.
 */
export async function recordCoreSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const said: CoreUtterance[] = [];
    const browser: string[] = [];
    window.__coreUtterances = said;
    window.__browserUtterances = browser;
    const synth = {
      speak: (u: SpeechSynthesisUtterance) => void browser.push(u.text),
      cancel: () => undefined,
      getVoices: () => [],
      speaking: false,
      pending: false,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (message: MessageEvent) => {
          if (typeof message.data !== 'string') return;
          const frame = JSON.parse(message.data) as { type?: string; event?: string; payload?: CoreUtterance };
          if (frame.type === 'event' && frame.event === 'voice.said' && frame.payload) said.push(frame.payload);
        });
      }
    };
  });
  await page.reload();
}

/** What the core said since the page loaded (or since the last clearCoreSpeech). */
export function coreSpoken(page: Page): Promise<CoreUtterance[]> {
  return page.evaluate(() => window.__coreUtterances ?? []);
}

/** What the page gave the browser's speech synthesis to say. */
export function browserSpoken(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__browserUtterances ?? []);
}

export function clearCoreSpeech(page: Page): Promise<void> {
  return page.evaluate(() => void (window.__coreUtterances ?? []).splice(0));
}
