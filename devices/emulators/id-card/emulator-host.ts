import { PtyPair } from '../pty-pair';
import { SerialPortTransport } from '../../serial/serial-port-transport';
import { IdCardReaderEmulator, type EmulatorSnapshot, type ReaderEmulatorOptions } from './reader-emulator';

export interface EmulatorHostOptions extends ReaderEmulatorOptions {
  /** Where the driver opens the reader, like /dev/ttyUSB0. */
  linkPath: string;
}

export interface HostSnapshot extends EmulatorSnapshot {
  plugged: boolean;
  linkPath: string;
}

/**
 * Runs an `IdCardReaderEmulator` behind a socat pty pair: the driver opens `linkPath`, the
 * emulator reads and writes the other end. `unplug()` closes the pair (the port vanishes, as when
 * a USB reader is pulled out); `replug()` makes it again.
 */
export class IdCardEmulatorHost {
  readonly emulator: IdCardReaderEmulator;
  private readonly pty: PtyPair;
  private device: SerialPortTransport | null = null;
  private readonly baudRate: number;

  constructor(readonly options: EmulatorHostOptions) {
    this.emulator = new IdCardReaderEmulator(options);
    this.pty = new PtyPair(options.linkPath);
    this.baudRate = options.baudRate ?? 115200;
  }

  get plugged(): boolean {
    return this.device !== null;
  }

  async start(): Promise<void> {
    if (this.device) return;
    await this.pty.open();
    const device = new SerialPortTransport({ path: this.pty.devicePath, baudRate: this.baudRate });
    await device.open();
    device.on('data', (chunk: Buffer) => this.emulator.receive(chunk));
    device.once('close', () => {
      if (this.device === device) {
        this.device = null;
        this.emulator.attach(null);
      }
    });
    this.device = device;
    this.emulator.attach((chunk) => device.write(chunk));
  }

  /** The reader goes away: its port is closed and disappears. */
  async unplug(): Promise<void> {
    const device = this.device;
    this.device = null;
    this.emulator.attach(null);
    if (device) {
      device.removeAllListeners();
      await device.close().catch(() => undefined);
    }
    await this.pty.close();
  }

  async replug(): Promise<void> {
    await this.start();
  }

  async stop(): Promise<void> {
    await this.unplug();
  }

  snapshot(): HostSnapshot {
    return { ...this.emulator.snapshot(), plugged: this.plugged, linkPath: this.options.linkPath };
  }
}
