import { Transform, type TransformCallback } from 'node:stream';
import { XOFF, XON, type StatusRequest } from './escpos';

/** The printer's condition, decoded from the four `DLE EOT n` replies (Epson table). */
export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

/** Raw reply bytes of `DLE EOT 1..4`. */
export type StatusBytes = Record<StatusRequest, number>;

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;

/**
 * A reply to DLE EOT has bits 1 and 4 set and bits 0 and 7 clear (`0xx1xx10`), which tells a
 * status byte apart from noise.
 */
export function isStatusReplyByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

/**
 * n=1 printer status: bit 3 offline.
 * n=2 offline cause: bit 2 cover open, bit 3 paper fed by the feed button, bit 5 printing stopped
 *     by paper end, bit 6 error.
 * n=3 error cause: bit 3 autocutter error, bit 5 unrecoverable error, bit 6 auto-recoverable error.
 * n=4 paper roll sensor: bits 2-3 near end, bits 5-6 paper end.
 */
export function decodeStatus(b: StatusBytes): PrinterStatus {
  return {
    online: !bit(b[1], 3),
    coverOpen: bit(b[2], 2),
    paperEnd: bit(b[2], 5) || (b[4] & 0x60) !== 0,
    paperNearEnd: (b[4] & 0x0c) !== 0,
    cutterError: bit(b[3], 3),
    unrecoverableError: bit(b[3], 5),
    autoRecoverableError: bit(b[3], 6),
  };
}

/** Details of the n=2 reply that do not stop printing but help a technician. */
export function offlineCauseDetails(b: StatusBytes): { feedButton: boolean; errorOccurred: boolean } {
  return { feedButton: bit(b[2], 3), errorOccurred: bit(b[2], 6) };
}

export type NotReadyReason = 'offline' | 'cover-open' | 'paper-end' | 'cutter-error' | 'unrecoverable-error' | 'recoverable-error';

/** Why the printer cannot print now, in order of what a technician should fix first; null = ready. */
export function notReadyReason(s: PrinterStatus): NotReadyReason | null {
  if (s.coverOpen) return 'cover-open';
  if (s.paperEnd) return 'paper-end';
  if (s.cutterError) return 'cutter-error';
  if (s.unrecoverableError) return 'unrecoverable-error';
  if (s.autoRecoverableError) return 'recoverable-error';
  if (!s.online) return 'offline';
  return null;
}

/**
 * Parses the printer's reply stream into status bytes (node-serialport parser style): XON/XOFF
 * flow control bytes are dropped, anything else that is not a status reply is reported as noise.
 *
 * Output (object mode): numbers, one per status reply byte. Event 'noise' (Buffer).
 */
export class StatusReplyParser extends Transform {
  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const noise: number[] = [];
    for (const byte of chunk) {
      if (byte === XON || byte === XOFF) continue;
      if (isStatusReplyByte(byte)) this.push(byte);
      else noise.push(byte);
    }
    if (noise.length) this.emit('noise', Buffer.from(noise));
    done();
  }
}
