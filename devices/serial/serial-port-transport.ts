import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import type { ByteTransport } from './byte-transport';

export interface SerialSettings {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  stopBits?: 1 | 1.5 | 2;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
}

/** A serial port (USB-serial, CDC, or a pty made by socat) as a ByteTransport. */
export class SerialPortTransport extends EventEmitter implements ByteTransport {
  private port: SerialPort | null = null;
  private presence: NodeJS.Timeout | null = null;

  constructor(private readonly settings: SerialSettings) {
    super();
  }

  get description(): string {
    return `${this.settings.path} @ ${this.settings.baudRate}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<void> {
    if (this.port?.isOpen) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const port = new SerialPort({
        path: this.settings.path,
        baudRate: this.settings.baudRate,
        dataBits: this.settings.dataBits ?? 8,
        stopBits: this.settings.stopBits ?? 1,
        parity: this.settings.parity ?? 'none',
        autoOpen: false,
        hupcl: false,
      });
      port.open((err) => {
        if (err) {
          reject(new Error(`cannot open serial port ${this.settings.path}: ${err.message}`));
          return;
        }
        this.port = port;
        port.on('data', (chunk: Buffer) => this.emit('data', chunk));
        port.on('error', () => {
          /* an error is always followed by 'close' on a port that went away */
        });
        port.once('close', (closeErr?: Error | null) => {
          this.stopPresenceWatch();
          if (this.port === port) this.port = null;
          port.removeAllListeners('data');
          const gone = !closeErr && !existsSync(this.settings.path) ? new Error(`${this.settings.path} disappeared (device unplugged)`) : undefined;
          this.emit('close', closeErr ?? gone);
        });
        this.watchPresence(port);
        resolve();
      });
    });
  }

  /**
   * A device that only talks (a scanner) never writes, so it would learn of an unplug only from
   * the line hanging up, which some adapters do not signal: the device node vanishing says it too.
   */
  private watchPresence(port: SerialPort): void {
    if (process.platform === 'win32') return;
    this.presence = setInterval(() => {
      if (existsSync(this.settings.path) || !port.isOpen) return;
      port.close(() => undefined);
    }, 500);
    this.presence.unref();
  }

  private stopPresenceWatch(): void {
    if (this.presence) clearInterval(this.presence);
    this.presence = null;
  }

  close(): Promise<void> {
    this.stopPresenceWatch();
    const port = this.port;
    if (!port || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port || !port.isOpen) return Promise.reject(new Error(`serial port ${this.settings.path} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(data), (err) => {
        if (err) {
          reject(new Error(`write to ${this.settings.path} failed: ${err.message}`));
          return;
        }
        port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()));
      });
    });
  }
}
