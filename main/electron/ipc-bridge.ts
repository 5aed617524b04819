import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { RpcResult } from '../../common/rpc/contract';
import type { KioskCore } from '../core/create-kiosk-core';
import { isAppUrl, originOf } from './app-origin';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import type { GuardLog } from './navigation-guard';

type InvokeCore = Pick<KioskCore, 'invoke'>;
type SenderFrame = { url: string; parent: unknown } | null | undefined;

/**
 * Only the kiosk app's own top frame may call the core. A frame from anywhere else (a page that
 * got loaded despite the navigation guard, an iframe) gets `forbidden` and nothing is dispatched.
 */
export function senderRefusal(frame: SenderFrame): RpcResult | null {
  if (!frame) {
    return { ok: false, error: { code: 'forbidden', message: 'kiosk:invoke refused: the calling frame is gone' } };
  }
  if (!isAppUrl(frame.url) || frame.parent) {
    return {
      ok: false,
      error: {
        code: 'forbidden',
        message: `kiosk:invoke refused: only the kiosk app's top frame may call the core, not ${originOf(frame.url)}`,
      },
    };
  }
  return null;
}

/** The main-process side of `window.kiosk.invoke`. Returns a function that removes the handler. */
export function registerInvokeHandler(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: InvokeCore, log?: GuardLog): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<RpcResult> => {
    const refusal = senderRefusal(event.senderFrame as SenderFrame);
    if (refusal) {
      log?.warn({ sender: originOf(event.senderFrame?.url) }, 'RPC call from a foreign frame refused');
      return refusal;
    }
    return core.invoke(method, input, { origin: 'renderer' });
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

type EventTarget = Pick<WebContents, 'send' | 'isDestroyed' | 'getURL' | 'once'>;

/**
 * Forwards the core's events to one window's renderer as `kiosk:event` (event, payload), only
 * while that renderer shows the kiosk app. Unsubscribes when the WebContents is destroyed.
 */
export function forwardEvents(core: Pick<KioskCore, 'subscribe'>, contents: EventTarget): () => void {
  const unsubscribe = core.subscribe((event, payload) => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
    contents.send(EVENT_CHANNEL, event, payload);
  });
  contents.once('destroyed', unsubscribe);
  return unsubscribe;
}
