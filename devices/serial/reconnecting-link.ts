import { EventEmitter } from 'node:events';
import type { ByteTransport, TransportFactory } from './byte-transport';

export type LinkState = 'disconnected' | 'connected';

export interface ReconnectingLinkOptions {
  /** Delay between attempts to reopen a device that went away. */
  retryMs?: number;
  setTimer?: (fn: () => void, ms: number) => NodeJS.Timeout;
}

/**
 * Keeps a transport open: opens it, and when the device disappears (USB unplugged, emulator
 * killed) reports 'disconnected' and keeps trying to reopen it until it comes back.
 *
 * Events: 'state' (LinkState, Error | undefined), 'data' (Buffer).
 */
export class ReconnectingLink extends EventEmitter {
  private transport: ByteTransport | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private _state: LinkState = 'disconnected';
  private _lastError: Error | undefined;
  private readonly retryMs: number;

  constructor(
    private readonly factory: TransportFactory,
    options: ReconnectingLinkOptions = {},
  ) {
    super();
    this.retryMs = options.retryMs ?? 500;
  }

  get state(): LinkState {
    return this._state;
  }

  get lastError(): Error | undefined {
    return this._lastError;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const transport = this.transport;
    this.transport = null;
    if (transport) {
      transport.removeAllListeners();
      await transport.close().catch(() => undefined);
    }
    this.setState('disconnected', undefined);
  }

  /** Resolves once the link is connected, or rejects after timeoutMs. */
  waitConnected(timeoutMs: number): Promise<void> {
    if (this._state === 'connected') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onState = (state: LinkState) => {
        if (state !== 'connected') return;
        clearTimeout(timer);
        this.off('state', onState);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off('state', onState);
        reject(this._lastError ?? new Error('device not connected'));
      }, timeoutMs);
      this.on('state', onState);
    });
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.transport || this._state !== 'connected') {
      return Promise.reject(new Error('device not connected'));
    }
    return this.transport.write(data);
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const transport = this.factory();
    try {
      await transport.open();
    } catch (err) {
      this._lastError = err as Error;
      this.setState('disconnected', err as Error);
      this.scheduleRetry();
      return;
    }
    if (this.stopped) {
      await transport.close().catch(() => undefined);
      return;
    }
    this.transport = transport;
    transport.on('data', (chunk: Buffer) => this.emit('data', chunk));
    transport.once('close', (err?: Error) => {
      transport.removeAllListeners();
      if (this.transport === transport) this.transport = null;
      if (this.stopped) return;
      this._lastError = err ?? new Error(`${transport.description} closed`);
      this.setState('disconnected', this._lastError);
      this.scheduleRetry();
    });
    this.setState('connected', undefined);
  }

  private scheduleRetry(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, this.retryMs);
    this.timer.unref?.();
  }

  private setState(state: LinkState, err: Error | undefined): void {
    const changed = state !== this._state;
    this._state = state;
    if (changed) this.emit('state', state, err);
  }
}
