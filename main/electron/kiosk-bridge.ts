import type { IpcRenderer } from 'electron';
import type { RpcEvent, RpcEventPayload, RpcInput, RpcMethod, RpcResult } from '../../common/rpc/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL, KIOSK_EVENT_NAMES, MAX_METHOD_LENGTH } from './ipc-channels';

/** What the preload puts on `window.kiosk`: nothing more. */
export interface KioskBridge {
  invoke<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcResult<M>>;
  on<E extends RpcEvent>(event: E, handler: (payload: RpcEventPayload<E>) => void): () => void;
}

type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

const knownEvents: ReadonlySet<string> = new Set(KIOSK_EVENT_NAMES);

function failure(code: 'unknown-method' | 'invalid-input' | 'internal', message: string): RpcResult {
  return { ok: false, error: { code, message } };
}

/**
 * Builds `window.kiosk` over ipcRenderer. `invoke` never rejects: a bad method name, an input
 * that cannot be sent over IPC or a broken channel all resolve to a typed error, like the core's
 * own answers. `on` refuses an unknown event name, and its handler gets the payload only (never
 * the IPC event, which would reach Electron internals).
 */
export function createKioskBridge(ipc: BridgeIpc): KioskBridge {
  async function invoke(method: unknown, input: unknown): Promise<RpcResult> {
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return failure('unknown-method', `window.kiosk.invoke: method must be a method name string of at most ${MAX_METHOD_LENGTH} characters`);
    }
    try {
      return (await ipc.invoke(INVOKE_CHANNEL, method, input)) as RpcResult;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (/could not be cloned/i.test(reason)) {
        return failure(
          'invalid-input',
          `window.kiosk.invoke(${method}): the input cannot be sent (only plain data: objects, arrays, strings, numbers, booleans)`,
        );
      }
      return failure('internal', `window.kiosk.invoke(${method}) failed: ${reason}`);
    }
  }

  function on(event: unknown, handler: unknown): () => void {
    if (typeof event !== 'string' || !knownEvents.has(event)) {
      throw new TypeError(`window.kiosk.on: unknown event ${JSON.stringify(event)}; known events: ${KIOSK_EVENT_NAMES.join(', ')}`);
    }
    if (typeof handler !== 'function') {
      throw new TypeError(`window.kiosk.on(${event}): the handler must be a function`);
    }
    const listener = (_ipcEvent: unknown, name: unknown, payload: unknown) => {
      if (name === event) (handler as (payload: unknown) => void)(payload);
    };
    ipc.on(EVENT_CHANNEL, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(EVENT_CHANNEL, listener);
    };
  }

  return { invoke, on } as KioskBridge;
}
