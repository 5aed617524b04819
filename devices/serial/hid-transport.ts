import { EventEmitter } from 'node:events';
import type { ByteTransport } from './byte-transport';

/** The part of node-hid's HID / HIDAsync device this transport uses (a fake in unit tests). */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
  write(data: number[] | Buffer): unknown;
  close(): unknown;
}

export type HidOpener = () => HidDeviceHandle | Promise<HidDeviceHandle>;

/**
 * How bytes travel inside HID reports. Without one, each input report is one chunk of bytes and
 * each write is one output report (keyboard-mode scanners). Devices that tunnel a byte stream
 * (SAM readers) frame it, e.g. with a length byte: see devices/id-card/hid-transport.ts.
 */
export interface HidReportFraming {
  toReports(data: Uint8Array): Buffer[];
  /** The bytes an input report carries; null when the report is malformed (counted, dropped). */
  fromReport(report: Buffer): Buffer | null;
}

const RAW_REPORTS: HidReportFraming = {
  toReports: (data) => [Buffer.from(data)],
  fromReport: (report) => report,
};

/** Opens a HID device with node-hid (loaded only when a HID device is configured). */
export function nodeHidOpener(target: { path?: string; vendorId?: number; productId?: number }): HidOpener {
  return async () => {
    const hid = await import('node-hid');
    const HIDAsync = hid.HIDAsync ?? (hid as unknown as { default: typeof hid }).default.HIDAsync;
    if (target.path) return (await HIDAsync.open(target.path)) as unknown as HidDeviceHandle;
    if (target.vendorId !== undefined && target.productId !== undefined) {
      return (await HIDAsync.open(target.vendorId, target.productId)) as unknown as HidDeviceHandle;
    }
    throw new Error('a HID device needs a path or a vendorId and productId');
  };
}

/**
 * A USB-HID device as a ByteTransport. An unplugged device shows up as a read error, reported
 * as 'close' with that error, like a serial port that went away.
 */
export class HidTransport extends EventEmitter implements ByteTransport {
  private device: HidDeviceHandle | null = null;
  /** Input reports dropped as malformed by the framing. */
  badReports = 0;

  constructor(
    private readonly opener: HidOpener,
    readonly description: string,
    private readonly framing: HidReportFraming = RAW_REPORTS,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.device !== null;
  }

  async open(): Promise<void> {
    if (this.device) return;
    let device: HidDeviceHandle;
    try {
      device = await this.opener();
    } catch (err) {
      throw new Error(`cannot open HID device ${this.description}: ${(err as Error).message}`);
    }
    this.device = device;
    device.on('data', (report: Buffer) => {
      const payload = this.framing.fromReport(report);
      if (payload === null) this.badReports++;
      else if (payload.length > 0) this.emit('data', Buffer.from(payload));
    });
    device.on('error', (err: Error) => void this.shutdown(err));
  }

  async close(): Promise<void> {
    await this.shutdown(undefined);
  }

  async write(data: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new Error(`HID device ${this.description} is not open`);
    for (const report of this.framing.toReports(data)) await device.write(report);
  }

  private async shutdown(err: Error | undefined): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.device = null;
    device.removeAllListeners();
    try {
      await device.close();
    } catch {
      /* already gone */
    }
    this.emit('close', err);
  }
}
