import type { WebContents } from 'electron';
import { isAppUrl, originOf } from './app-origin';

export interface GuardLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

type Preventable = { preventDefault(): void; url?: string };

/** Blocks a navigation or redirect that would leave the kiosk app. Returns true when blocked. */
export function blockForeignNavigation(
  event: Preventable,
  url: string | undefined,
  log?: GuardLog,
  alsoAllowed?: (url: string | undefined) => boolean,
): boolean {
  const target = event.url ?? url;
  if (isAppUrl(target) || alsoAllowed?.(target)) return false;
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
export function hardenWebContents(contents: HardenableContents, log?: GuardLog, alsoAllowed?: (url: string | undefined) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    blockForeignNavigation(event, url, log, alsoAllowed);
  });
  contents.on('will-frame-navigate', (event) => {
    blockForeignNavigation(event, undefined, log, alsoAllowed);
  });
  contents.on('will-redirect', (event, url) => {
    blockForeignNavigation(event, url, log, alsoAllowed);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.warn({}, '<webview> blocked');
  });
  contents.setWindowOpenHandler((details) => denyWindowOpen(details, log));
}

/** Chromium's built-in PDF viewer, which the hidden print window of the Windows spooler printer loads its PDF into. */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

/** What the print window (main/electron/spooler-document-printer) may show besides the app: its own temporary PDF file and the PDF viewer. */
export function isDocumentPrintUrl(url: string | undefined): boolean {
  return url !== undefined && (url.startsWith('file:') || url.startsWith(PDF_VIEWER_ORIGIN));
}
