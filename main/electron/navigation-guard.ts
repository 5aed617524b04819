import type { WebContents } from 'electron';
import { isAppUrl, originOf } from './app-origin';

export interface GuardLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

type Preventable = { preventDefault(): void; url?: string };

/** Blocks a navigation or redirect that would leave the kiosk app. Returns true when blocked. */
export function blockForeignNavigation(event: Preventable, url: string | undefined, log?: GuardLog): boolean {
  const target = event.url ?? url;
  if (isAppUrl(target)) return false;
  event.preventDefault();
  log?.warn({ target: originOf(target) }, 'navigation away from the kiosk app blocked');
  return true;
}

/** `setWindowOpenHandler`: no new windows, whatever the URL (window.open, target=_blank). */
export function denyWindowOpen(details: { url: string }, log?: GuardLog): { action: 'deny' } {
  log?.warn({ target: originOf(details.url) }, 'new window blocked');
  return { action: 'deny' };
}

type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Lock-down for every WebContents the app creates (`app.on('web-contents-created')`): no
 * navigation or redirect off the app, no new windows, no <webview>.
 */
export function hardenWebContents(contents: HardenableContents, log?: GuardLog): void {
  contents.on('will-navigate', (event, url) => {
    blockForeignNavigation(event, url, log);
  });
  contents.on('will-frame-navigate', (event) => {
    blockForeignNavigation(event, undefined, log);
  });
  contents.on('will-redirect', (event, url) => {
    blockForeignNavigation(event, url, log);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.warn({}, '<webview> blocked');
  });
  contents.setWindowOpenHandler((details) => denyWindowOpen(details, log));
}
