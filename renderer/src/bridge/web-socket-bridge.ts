import type { RpcEvent, RpcResult, WireEvent, WireResponse } from '../../../common/rpc/contract';
import { RENDERER_REPLACED_CLOSE_CODE } from '../../../common/rpc/web-socket-close-codes';
import type { KioskBridge } from './kiosk-bridge';

const TOKEN_KEY = 'kiosk.token';

/**
 * The per-launch token arrives in the URL fragment (never sent to a server); it is kept in
 * sessionStorage for reloads and removed from the address bar.
 */
export function takeLaunchToken(): string | null {
  const match = /(?:^|[#&])token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

type Pending = { resolve: (r: RpcResult) => void };

const REPLACED_MESSAGE = 'another kiosk window took over the kiosk core';
const LOST: RpcResult = { ok: false, error: { code: 'unavailable', message: 'connection to the kiosk core lost' } };
const REPLACED: RpcResult = { ok: false, error: { code: 'unavailable', message: REPLACED_MESSAGE } };

/**
 * RPC over the web shell's WebSocket; reconnects if the connection drops (and says so:
 * onReconnected), except when another renderer replaced this one (the shell serves one at a
 * time): reconnecting then would take the kiosk back from it, and the two windows would replace
 * each other for ever.
 */
export class WebSocketBridge implements KioskBridge {
  private ws: WebSocket | null = null;
  private replaced = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handlers = new Map<RpcEvent, Set<(payload: unknown) => void>>();
  private opened: Promise<WebSocket> | null = null;
  /** True once a connection was open: the next open is a reconnection. */
  private wasOpen = false;
  private readonly reconnectHandlers = new Set<() => void>();

  constructor(private readonly url: string) {}

  /** True once another renderer took over: this one stays disconnected. */
  get isReplaced(): boolean {
    return this.replaced;
  }

  private connect(): Promise<WebSocket> {
    if (this.replaced) return Promise.reject(new Error(REPLACED_MESSAGE));
    if (this.opened) return this.opened;
    this.opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      ws.onopen = () => {
        this.ws = ws;
        const reconnected = this.wasOpen;
        this.wasOpen = true;
        resolve(ws);
        if (reconnected) for (const handler of this.reconnectHandlers) handler();
      };
      ws.onerror = () => reject(new Error('cannot reach the kiosk core'));
      ws.onclose = (event) => {
        this.ws = null;
        this.opened = null;
        if (event.code === RENDERER_REPLACED_CLOSE_CODE) this.replaced = true;
        for (const [id, p] of this.pending) {
          p.resolve(this.replaced ? REPLACED : LOST);
          this.pending.delete(id);
        }
        if (!this.replaced) setTimeout(() => void this.connect().catch(() => undefined), 1000);
      };
      ws.onmessage = (msg) => this.receive(String(msg.data));
    });
    return this.opened;
  }

  private receive(text: string): void {
    const frame = JSON.parse(text) as WireResponse | WireEvent;
    if (frame.type === 'result') {
      const pending = this.pending.get(frame.id);
      if (!pending) return;
      this.pending.delete(frame.id);
      const { type: _type, id: _id, ...result } = frame;
      pending.resolve(result as RpcResult);
    } else if (frame.type === 'event') {
      for (const handler of this.handlers.get(frame.event) ?? []) handler(frame.payload);
    }
  }

  async invoke(method: string, input: unknown): Promise<RpcResult> {
    let ws: WebSocket;
    try {
      ws = await this.connect();
    } catch (err) {
      return { ok: false, error: { code: 'unavailable', message: (err as Error).message } };
    }
    if (ws.readyState !== WebSocket.OPEN) return this.replaced ? REPLACED : LOST;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
    });
  }

  /**
   * Told when the connection is open again after it was lost. The web shell ended the session
   * when the connection went, so the screen must stop showing the citizen: every call about
   * them is refused now, and no event about them will come.
   */
  onReconnected(handler: () => void): () => void {
    this.reconnectHandlers.add(handler);
    return () => this.reconnectHandlers.delete(handler);
  }

  on(event: RpcEvent, handler: (payload: unknown) => void): () => void {
    void this.connect().catch(() => undefined);
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
}

export function webSocketBridgeFromLocation(): WebSocketBridge {
  const token = takeLaunchToken() ?? '';
  const url = `ws://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
  return new WebSocketBridge(url);
}
