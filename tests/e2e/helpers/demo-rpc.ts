import type { Page } from 'playwright-core';
import type { RunningWebShell } from '../../../testing/chromium/web-shell-process';

export type WireResult = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * Calls the core from inside the kiosk page, over a WebSocket of its own to the web shell (the
 * same origin and launch token as the renderer), as any script in the page could: what the
 * renderer does not show, the core must still refuse.
 */
export function invokeFromPage(page: Page, shell: RunningWebShell, method: string, input: object): Promise<WireResult> {
  return page.evaluate(
    ({ token, method, input }) =>
      new Promise<WireResult>((resolve, reject) => {
        const ws = new WebSocket(`ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
        ws.onerror = () => reject(new Error('the web shell refused the WebSocket'));
        ws.onopen = () => ws.send(JSON.stringify({ type: 'invoke', id: 1, method, input }));
        ws.onmessage = (msg) => {
          const frame = JSON.parse(String(msg.data)) as { type: string; id?: number } & WireResult;
          if (frame.type !== 'result' || frame.id !== 1) return;
          ws.close();
          resolve(frame.ok ? { ok: true, output: frame.output } : { ok: false, error: frame.error });
        };
      }),
    { token: shell.token, method, input },
  );
}
