import type { EventEmitter } from 'node:events';

/**
 * A duplex byte pipe to a device, knowing nothing of the protocol spoken over it.
 * Serial ports and USB-HID readers both implement it; codecs sit on top.
 *
 * Events: 'data' (Buffer), 'close' (Error | undefined: the device went away or was closed).
 */
export interface ByteTransport extends EventEmitter {
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Resolves once the bytes have been handed to the OS (back-pressure respected). */
  write(data: Uint8Array): Promise<void>;
}

export type TransportFactory = () => ByteTransport;
