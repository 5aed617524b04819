import { EventEmitter } from 'node:events';
import type { ByteTransport } from '../serial/byte-transport';

/**
 * USB-HID ID card readers carry the same SAM frames inside HID reports. Report framing assumed
 * here (vendors differ; adjust `reportSize` / `reportId`, or wrap another framing the same way):
 *
 *   output report:  [reportId] [n] [n bytes of the SAM byte stream] [zero padding to reportSize]
 *   input report:   [n] [n bytes] [padding]   (node-hid strips the id of unnumbered reports;
 *                                               set `inputHasReportId` when the device numbers them)
 *
 * so one report carries at most `reportSize - 1` bytes, and a SAM frame spans as many reports as
 * it needs. The codec above this transport is unchanged: it still sees a byte stream.
 */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  removeAllListeners(): unknown;
  write(data: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
}

export interface HidFramingOptions {
  reportSize?: number;
  reportId?: number;
  inputHasReportId?: boolean;
}

/** Splits bytes into output reports (each including the leading report id byte node-hid wants). */
export function toHidReports(data: Uint8Array, options: HidFramingOptions = {}): Buffer[] {
  const size = options.reportSize ?? 64;
  const perReport = size - 1;
  const reports: Buffer[] = [];
  for (let off = 0; off < data.length; off += perReport) {
    const part = data.subarray(off, off + perReport);
    const report = Buffer.alloc(1 + size);
    report[0] = options.reportId ?? 0;
    report[1] = part.length;
    report.set(part, 2);
    reports.push(report);
  }
  return reports;
}

/** The payload of one input report; null when its length byte is impossible. */
export function fromHidReport(report: Buffer, options: HidFramingOptions = {}): Buffer | null {
  const body = options.inputHasReportId ? report.subarray(1) : report;
  if (body.length === 0) return null;
  const n = body.readUInt8(0);
  if (n > body.length - 1) return null;
  return body.subarray(1, 1 + n);
}

export class HidTransport extends EventEmitter implements ByteTransport {
  private device: HidDeviceLike | null = null;
  /** Input reports dropped for an impossible length byte. */
  badReports = 0;

  constructor(
    private readonly openDevice: () => Promise<HidDeviceLike>,
    readonly description: string,
    private readonly framing: HidFramingOptions = {},
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.device !== null;
  }

  async open(): Promise<void> {
    if (this.device) return;
    let device: HidDeviceLike;
    try {
      device = await this.openDevice();
    } catch (err) {
      throw new Error(`cannot open HID reader ${this.description}: ${(err as Error).message}`);
    }
    this.device = device;
    device.on('data', (report: Buffer) => {
      const payload = fromHidReport(report, this.framing);
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
    if (!device) throw new Error(`HID reader ${this.description} is not open`);
    for (const report of toHidReports(data, this.framing)) await device.write(report);
  }

  private async shutdown(err: Error | undefined): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.device = null;
    device.removeAllListeners();
    await device.close().catch(() => undefined);
    this.emit('close', err);
  }
}

/** Opens a reader by USB vendor/product id with node-hid (loaded only when used). */
export function nodeHidOpener(vendorId: number, productId: number): () => Promise<HidDeviceLike> {
  return async () => {
    const HID = await import('node-hid');
    return (await HID.HIDAsync.open(vendorId, productId)) as unknown as HidDeviceLike;
  };
}
