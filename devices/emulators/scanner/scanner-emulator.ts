import { SerialPortTransport } from '../../serial/serial-port-transport';
import { PtyPair } from '../pty-pair';
import { PacedWriter } from '../paced-writer';
import type { ScanTerminator } from '../../scanner/scan-line-decoder';

const SUFFIX: Record<ScanTerminator, string> = { cr: '\r', lf: '\n', crlf: '\r\n', tab: '\t', none: '' };

export interface ScannerEmulatorOptions {
  linkPath: string;
  baudRate?: number;
  terminator?: ScanTerminator;
}

/**
 * A serial QR/barcode scanner on a pty: `scan(code)` sends the code and its suffix at the line's
 * pace, as a scanner does when a citizen holds a code up to it. `unplug()`/`replug()` make the
 * port vanish and return.
 */
export class ScannerEmulator {
  private readonly pty: PtyPair;
  private device: SerialPortTransport | null = null;
  private writer: PacedWriter | null = null;
  private _scans = 0;

  constructor(private readonly options: ScannerEmulatorOptions) {
    this.pty = new PtyPair(options.linkPath);
  }

  get linkPath(): string {
    return this.options.linkPath;
  }

  get plugged(): boolean {
    return this.device !== null;
  }

  get scans(): number {
    return this._scans;
  }

  async start(): Promise<void> {
    if (this.device) return;
    await this.pty.open();
    const baudRate = this.options.baudRate ?? 9600;
    const device = new SerialPortTransport({ path: this.pty.devicePath, baudRate });
    await device.open();
    this.device = device;
    this.writer = new PacedWriter((chunk) => device.write(chunk), { baudRate, burstBytes: 8 });
  }

  async scan(code: string): Promise<void> {
    if (!this.device || !this.writer) throw new Error('the scanner is unplugged');
    if (/[\r\n\t]/.test(code)) throw new Error('a code cannot contain CR, LF or TAB');
    await this.writer.send(Buffer.from(code + SUFFIX[this.options.terminator ?? 'crlf'], 'utf8'));
    this._scans++;
  }

  /** Sends raw bytes (noise, a cut-off code) as a faulty scanner might. */
  async sendRaw(bytes: Buffer): Promise<void> {
    if (!this.writer) throw new Error('the scanner is unplugged');
    await this.writer.send(bytes);
  }

  async unplug(): Promise<void> {
    const device = this.device;
    this.device = null;
    this.writer = null;
    await device?.close();
    await this.pty.close();
  }

  async replug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.unplug();
  }
}
