import { EventEmitter } from 'node:events';
import type { ByteTransport } from './byte-transport';

/** The part of node-hid's HID / HIDAsync device this transport uses (a fake in unit tests). */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  write(data: number[] | Buffer): unknown;
  close(): unknown;
}

export type HidOpener = () => HidDeviceHandle | Promise<HidDeviceHandle>;

export interface HidTarget {
  path?: string;
  vendorId?: number;
  productId?: number;
}

/** Opens a HID device with node-hid, loaded only when a HID device is configured. */
export function nodeHidOpener(target: HidTarget): HidOpener {
  return async () => {
    const hid = await import('node-hid');
    const HID = hid.HID ?? (hid as unknown as { default: typeof hid }).default.HID;
    if (target.path) return new HID(target.path) as unknown as HidDeviceHandle;
    if (target.vendorId !== undefined && target.productId !== undefined) {
      return new HID(target.vendorId, target.productId) as unknown as HidDeviceHandle;
    }
    throw new Error('a HID device needs a path or a vendorId and productId');
  };
}

/**
 * A USB-HID device as a ByteTransport: each input report arrives as one 'data' chunk, and
 * write() sends one output report. Protocol framing inside reports is the codec's business.
 */
export class HidTransport extends EventEmitter implements ByteTransport {
  private device: HidDeviceHandle | null = null;

  constructor(
    private readonly opener: HidOpener,
    readonly description: string,
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
    device.on('data', (report: Buffer) => this.emit('data', report));
    device.on('error', (err: Error) => {
      // node-hid reports an unplugged device as a read error.
      if (this.device !== device) return;
      this.device = null;
      try {
        device.close();
      } catch {
        /* already gone */
      }
      this.emit('close', err);
    });
  }

  async close(): Promise<void> {
    const device = this.device;
    this.device = null;
    if (!device) return;
    try {
      device.close();
    } catch {
      /* already gone */
    }
  }

  async write(data: Uint8Array): Promise<void> {
    if (!this.device) throw new Error(`HID device ${this.description} is not open`);
    this.device.write(Buffer.from(data));
  }
}
