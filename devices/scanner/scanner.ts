import { EventEmitter } from 'node:events';
import type { Transform } from 'node:stream';
import type { TransportFactory } from '../serial/byte-transport';
import { ReconnectingLink, type LinkState } from '../serial/reconnecting-link';

export type ScannerState = 'disconnected' | 'ready';

export interface ScannerStatus {
  state: ScannerState;
  lastError?: string;
  lastErrorAt?: string;
  lastScanAt?: string;
}

export interface Scan {
  code: string;
  at: number;
}

export interface ScannerOptions {
  transport: TransportFactory;
  /** Turns the transport's bytes into codes: ScanLineDecoder (serial) or HidKeyboardDecoder (HID). */
  decoder: () => Transform;
  /** The same code again within this window is the scanner repeating itself, not a new scan. */
  repeatWindowMs?: number;
  retryMs?: number;
  now?: () => number;
}

/**
 * A QR/barcode scanner (serial or USB-HID). Emits 'scan' (Scan) once per code, 'status'
 * (ScannerStatus) on every change, 'scan-error' for garbage on the line. Reconnects by itself.
 */
export class Scanner extends EventEmitter {
  private readonly link: ReconnectingLink;
  private decoder: Transform;
  private _status: ScannerStatus = { state: 'disconnected' };
  private last: Scan | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ScannerOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.link = new ReconnectingLink(options.transport, { retryMs: options.retryMs ?? 500 });
    this.decoder = this.newDecoder();
    this.link.on('data', (chunk: Buffer) => this.decoder.write(chunk));
    this.link.on('state', (state: LinkState, err?: Error) => {
      if (state === 'disconnected') {
        // A code cut off by an unplug is not a code.
        this.decoder.destroy();
        this.decoder = this.newDecoder();
      }
      this.setStatus({
        ...this._status,
        state: state === 'connected' ? 'ready' : 'disconnected',
        ...(err ? { lastError: err.message, lastErrorAt: new Date(this.now()).toISOString() } : {}),
      });
    });
  }

  get status(): ScannerStatus {
    return this._status;
  }

  start(): void {
    this.link.start();
  }

  async stop(): Promise<void> {
    await this.link.stop();
    this.decoder.destroy();
  }

  waitReady(timeoutMs: number): Promise<void> {
    return this.link.waitConnected(timeoutMs);
  }

  private newDecoder(): Transform {
    const decoder = this.options.decoder();
    decoder.on('data', (code: string) => this.onCode(code));
    decoder.on('scan-error', (e: { reason: string; bytes: number }) => {
      this.setStatus({ ...this._status, lastError: `unreadable scan (${e.reason}, ${e.bytes} bytes)`, lastErrorAt: new Date(this.now()).toISOString() });
      this.emit('scan-error', e);
    });
    decoder.on('error', () => undefined);
    return decoder;
  }

  private onCode(code: string): void {
    const at = this.now();
    const window = this.options.repeatWindowMs ?? 1500;
    if (this.last && this.last.code === code && at - this.last.at < window) {
      this.last = { code, at };
      return;
    }
    this.last = { code, at };
    this.setStatus({ ...this._status, lastScanAt: new Date(at).toISOString() });
    this.emit('scan', { code, at } satisfies Scan);
  }

  private setStatus(next: ScannerStatus): void {
    this._status = next;
    this.emit('status', next);
  }
}
