import { Transform, type TransformCallback } from 'node:stream';

export type ScanTerminator = 'cr' | 'lf' | 'crlf' | 'tab' | 'none';

export interface ScanLineDecoderOptions {
  /** What the scanner sends after each code (its "suffix" setting). CR and LF are both accepted for cr/lf/crlf. */
  terminator?: ScanTerminator;
  /** With terminator 'none': a pause this long ends a code. */
  gapMs?: number;
  /** Longer codes are dropped with a 'scan-error' (a stuck or misconfigured scanner). */
  maxLength?: number;
  /** Bytes the scanner puts before each code (its "prefix" setting), stripped. */
  prefix?: string;
}

export interface ScanError {
  reason: 'too-long' | 'not-text';
  bytes: number;
}

/**
 * Serial barcode/QR scanners: byte chunks in, one string per scanned code out (objectMode).
 * Malformed input (overlong, binary noise) is reported as a 'scan-error' event and skipped.
 */
export class ScanLineDecoder extends Transform {
  private buffer: number[] = [];
  private gapTimer: NodeJS.Timeout | null = null;
  private readonly terminator: ScanTerminator;
  private readonly gapMs: number;
  private readonly maxLength: number;
  private readonly prefix: string;

  constructor(options: ScanLineDecoderOptions = {}) {
    super({ readableObjectMode: true });
    this.terminator = options.terminator ?? 'crlf';
    this.gapMs = options.gapMs ?? 80;
    this.maxLength = options.maxLength ?? 4096;
    this.prefix = options.prefix ?? '';
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    for (const byte of chunk) {
      if (this.isTerminator(byte)) {
        this.finish();
        continue;
      }
      this.buffer.push(byte);
      if (this.buffer.length > this.maxLength) {
        this.emit('scan-error', { reason: 'too-long', bytes: this.buffer.length } satisfies ScanError);
        this.buffer = [];
      }
    }
    if (this.terminator === 'none' && this.buffer.length > 0) this.armGapTimer();
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.terminator === 'none') this.finish();
    this.clearGapTimer();
    done();
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.clearGapTimer();
    done(err);
  }

  private isTerminator(byte: number): boolean {
    switch (this.terminator) {
      case 'cr':
      case 'lf':
      case 'crlf':
        return byte === 0x0d || byte === 0x0a;
      case 'tab':
        return byte === 0x09;
      case 'none':
        return false;
    }
  }

  private finish(): void {
    this.clearGapTimer();
    if (this.buffer.length === 0) return; // the LF of a CRLF, or an empty line
    const bytes = Buffer.from(this.buffer);
    this.buffer = [];
    const text = bytes.toString('utf8');
    // Control characters or invalid UTF-8 mean noise on the line, not a code.
    if (text.includes('\uFFFD') || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) {
      this.emit('scan-error', { reason: 'not-text', bytes: bytes.length } satisfies ScanError);
      return;
    }
    const code = this.prefix && text.startsWith(this.prefix) ? text.slice(this.prefix.length) : text;
    if (code.length > 0) this.push(code);
  }

  private armGapTimer(): void {
    this.clearGapTimer();
    this.gapTimer = setTimeout(() => this.finish(), this.gapMs);
  }

  private clearGapTimer(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }
}
