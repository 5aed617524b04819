import type { WebSocket } from 'ws';
import { wireRequestSchema, type WireEvent, type WireResponse } from '../../common/rpc/contract';
import { RENDERER_REPLACED_CLOSE_CODE, RENDERER_REPLACED_REASON } from '../../common/rpc/web-socket-close-codes';
import type { KioskCore } from '../core/create-kiosk-core';

/**
 * The one renderer the web shell serves. A new authenticated connection replaces the current
 * one, which is closed with RENDERER_REPLACED_CLOSE_CODE, stops receiving events and may no
 * longer call the core. Whenever the renderer showing a session goes (closed or replaced), the
 * core ends the session: the next renderer never sees the previous citizen.
 *
 * Nothing here throws into the server: a message is handled inside a try, and a frame sent on a
 * socket that is closing is dropped.
 */
export class RendererSlot {
  private current: { ws: WebSocket; unsubscribe: () => void } | null = null;

  constructor(private readonly core: KioskCore) {}

  attach(ws: WebSocket): void {
    const previous = this.current;
    this.current = null;
    if (previous) {
      previous.unsubscribe();
      this.core.logger.info({}, 'renderer replaced by a new connection');
      safely(() => previous.ws.close(RENDERER_REPLACED_CLOSE_CODE, RENDERER_REPLACED_REASON));
      this.endSession();
    }
    const unsubscribe = this.core.subscribe((event, payload) => send(ws, { type: 'event', event, payload }));
    const entry = { ws, unsubscribe };
    this.current = entry;

    // ws emits 'error' for protocol violations (bad frames, oversize messages); unhandled it would end the process.
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.current !== entry) return; // replaced: its session was ended then
      this.current = null;
      unsubscribe();
      this.endSession();
    });
    ws.on('message', (data, isBinary) => {
      if (this.current !== entry) return; // a replaced renderer may no longer call the core
      void this.handle(ws, data, isBinary).catch((err: unknown) => {
        this.core.logger.error({ err: (err as Error)?.message }, 'renderer message failed');
      });
    });
  }

  /** Closes the current renderer (shell shutdown). */
  closeAll(): void {
    const entry = this.current;
    if (!entry) return;
    safely(() => entry.ws.terminate());
  }

  private endSession(): void {
    try {
      this.core.session.reset('renderer');
    } catch (err) {
      this.core.logger.error({ err: (err as Error)?.message }, 'session reset after the renderer left failed');
    }
  }

  private async handle(ws: WebSocket, data: unknown, isBinary: boolean): Promise<void> {
    if (isBinary) {
      safely(() => ws.close(1003, 'binary frames are not part of the protocol'));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      safely(() => ws.close(1007, 'not JSON'));
      return;
    }
    const request = wireRequestSchema.safeParse(parsed);
    if (!request.success) {
      const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : -1;
      send(ws, { type: 'result', id, ok: false, error: { code: 'invalid-input', message: 'malformed request frame' } });
      return;
    }
    const result = await this.core.invoke(request.data.method, request.data.input, { origin: 'renderer' });
    if (this.current?.ws !== ws) return; // replaced while the call ran: the answer is not for it
    send(ws, { type: 'result', id: request.data.id, ...result });
  }
}

function send(ws: WebSocket, frame: WireResponse | WireEvent): void {
  if (ws.readyState !== ws.OPEN) return;
  safely(() => ws.send(JSON.stringify(frame), () => undefined));
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    /* the socket is already gone */
  }
}
