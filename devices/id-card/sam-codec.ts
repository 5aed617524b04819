import { Transform, type TransformCallback } from 'node:stream';
import { SAM_COMMANDS, SAM_MAX_LEN, SAM_PREAMBLE, describeSw3, sw3Name, type SamCommand, type Sw3Name } from './sam-protocol';

/** XOR of the two LEN bytes and the body: the frame's last byte. */
export function frameChecksum(lenHi: number, lenLo: number, body: Uint8Array): number {
  let x = lenHi ^ lenLo;
  for (const b of body) x ^= b;
  return x;
}

/** Wraps a body (command or response) into a complete SAM frame. */
export function encodeFrame(body: Uint8Array): Buffer {
  const len = body.length + 1;
  if (len > SAM_MAX_LEN) throw new RangeError(`SAM frame body of ${body.length} bytes exceeds the maximum of ${SAM_MAX_LEN - 1}`);
  const out = Buffer.alloc(SAM_PREAMBLE.length + 2 + len);
  out.set(SAM_PREAMBLE, 0);
  out.writeUInt16BE(len, SAM_PREAMBLE.length);
  out.set(body, SAM_PREAMBLE.length + 2);
  out[out.length - 1] = frameChecksum(out.readUInt8(5), out.readUInt8(6), body);
  return out;
}

export function encodeCommand(command: SamCommand): Buffer {
  return encodeFrame(Uint8Array.of(command.cmd, command.para));
}

/** A response body for the given SW3 and data (SW1 SW2 are always 00 00). */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0)): Buffer {
  const body = Buffer.alloc(3 + data.length);
  body[2] = sw3;
  body.set(data, 3);
  return encodeFrame(body);
}

/** One well-formed frame (length and checksum verified). */
export interface SamFrame {
  body: Buffer;
  /** The whole frame as received, preamble to checksum (diagnostics). */
  raw: Buffer;
}

export type FrameErrorReason = 'checksum' | 'length';

/** Emitted as 'frame-error' by the decoder; the bad frame is skipped, never thrown. */
export interface SamFrameError {
  reason: FrameErrorReason;
  message: string;
}

export interface SamResponse {
  sw1: number;
  sw2: number;
  sw3: number;
  status: Sw3Name;
  /** Human wording of SW3, e.g. `no card (SW3 80)`. */
  description: string;
  data: Buffer;
}

/** Interprets a frame body as a reader response; null when it is too short to be one. */
export function parseResponse(body: Buffer): SamResponse | null {
  if (body.length < 3) return null;
  const sw3 = body.readUInt8(2);
  return { sw1: body.readUInt8(0), sw2: body.readUInt8(1), sw3, status: sw3Name(sw3), description: describeSw3(sw3), data: body.subarray(3) };
}

/** The command a frame body carries, if it is one this protocol knows. */
export function identifyCommand(body: Buffer): SamCommand | null {
  if (body.length !== 2) return null;
  return Object.values(SAM_COMMANDS).find((c) => c.cmd === body[0] && c.para === body[1]) ?? null;
}

const MIN_LEN = 1;

/**
 * Byte chunks of any size in, `SamFrame` objects out (node-serialport parser style).
 *
 * - Bytes before a preamble are noise: dropped and counted in `noiseBytes`.
 * - A frame whose LEN is impossible or whose XOR does not match is reported with a
 *   'frame-error' event (`SamFrameError`) and skipped: the search for the next preamble
 *   restarts one byte after the bad one, so a good frame right behind a corrupt one is found.
 * - Never throws on any input.
 */
export class SamFrameDecoder extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  noiseBytes = 0;
  frameErrors = 0;

  constructor(private readonly maxLen = SAM_MAX_LEN) {
    super({ readableObjectMode: true });
  }

  /** Drops a partial frame (after a request timed out, or a reconnect). */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    this.drain();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.drain();
    callback();
  }

  private drain(): void {
    for (;;) {
      const start = this.buffer.indexOf(SAM_PREAMBLE);
      if (start < 0) {
        // Keep a tail that could be the start of a preamble split across chunks.
        const keep = Math.min(this.buffer.length, SAM_PREAMBLE.length - 1);
        this.noiseBytes += this.buffer.length - keep;
        this.buffer = this.buffer.subarray(this.buffer.length - keep);
        return;
      }
      if (start > 0) {
        this.noiseBytes += start;
        this.buffer = this.buffer.subarray(start);
      }
      const head = SAM_PREAMBLE.length;
      if (this.buffer.length < head + 2) return;
      const len = this.buffer.readUInt16BE(head);
      if (len < MIN_LEN || len > this.maxLen) {
        this.reject('length', `impossible frame length ${len}`);
        continue;
      }
      const total = head + 2 + len;
      if (this.buffer.length < total) return;
      const body = this.buffer.subarray(head + 2, total - 1);
      const expected = frameChecksum(this.buffer.readUInt8(head), this.buffer.readUInt8(head + 1), body);
      const actual = this.buffer.readUInt8(total - 1);
      if (expected !== actual) {
        this.reject('checksum', `checksum mismatch in a ${len}-byte frame`);
        continue;
      }
      const raw = Buffer.from(this.buffer.subarray(0, total));
      const frame: SamFrame = { body: raw.subarray(head + 2, total - 1), raw };
      this.buffer = this.buffer.subarray(total);
      this.push(frame);
    }
  }

  /** Skips the first byte of the bad preamble so the search resumes inside the bad frame. */
  private reject(reason: FrameErrorReason, message: string): void {
    this.frameErrors++;
    this.buffer = this.buffer.subarray(1);
    const error: SamFrameError = { reason, message };
    this.emit('frame-error', error);
  }
}

/** Command objects in, frame bytes out: the write side of the codec as a stream. */
export class SamCommandEncoder extends Transform {
  constructor() {
    super({ writableObjectMode: true });
  }

  override _transform(command: SamCommand, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      callback(null, encodeCommand(command));
    } catch (err) {
      callback(err as Error);
    }
  }
}
