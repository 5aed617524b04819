// Over 300 lines: one ESC/POS stream decoder: every command it knows is a case of the same byte parser.
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

export type DecodedAlignment = 'left' | 'center' | 'right';

/** One thing the printer was told to do, in order. */
export type PrinterEvent =
  | { type: 'init' }
  | { type: 'chinese-mode'; on: boolean }
  | { type: 'code-page'; table: number }
  | { type: 'text'; text: string }
  | { type: 'newline' }
  | { type: 'size'; width: number; height: number }
  | { type: 'bold'; on: boolean }
  | { type: 'align'; align: DecodedAlignment }
  | { type: 'line-spacing'; dots: number | null }
  | { type: 'feed'; lines: number }
  | { type: 'qr'; data: string; model: number; moduleSize: number; errorLevel: string }
  | { type: 'barcode'; symbology: string; data: string; height: number; moduleWidth: number }
  | { type: 'raster'; widthBytes: number; heightDots: number }
  | { type: 'cut'; kind: 'full' | 'partial'; feedDots: number }
  | { type: 'status-request'; n: number }
  /** A command that prints nothing itself: barcode height/width/HRI, QR model/size/level/store. */
  | { type: 'setting'; name: string; value: number | string }
  | { type: 'unknown'; bytes: Buffer; why: string };

const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;
const DLE = 0x10;

/** Single-byte tables of `ESC t n` this decoder knows; others decode as cp437 and are reported. */
const CODE_PAGES: Record<number, string> = { 0: 'cp437', 2: 'cp850', 19: 'cp858' };
const BARCODE_NAMES: Record<number, string> = {
  65: 'UPC-A',
  66: 'UPC-E',
  67: 'EAN13',
  68: 'EAN8',
  69: 'CODE39',
  70: 'ITF',
  71: 'CODABAR',
  72: 'CODE93',
  73: 'CODE128',
};
const QR_LEVELS: Record<number, string> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

/** An event and the number of stream bytes it came from (text: its bytes; a command: all of it). */
export type DecodedEvent = PrinterEvent & { byteCount: number };

/** `NEED` = the command is not complete yet: wait for more bytes. */
const NEED = -1;

/**
 * Decodes an ESC/POS byte stream into PrinterEvents (object mode), handling commands split over
 * chunks. Text is decoded with the double-byte encoding in Chinese mode (`FS &` ... `FS .`), with
 * the `ESC t` code page outside it. A command it does not know becomes an `unknown` event.
 * Output (object mode): DecodedEvent.
 */
export class EscPosDecoder extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private textBytes: number[] = [];
  private chineseMode = false;
  private codePage = 0;
  private qr = { model: 2, moduleSize: 3, errorLevel: 'L', data: Buffer.alloc(0) };
  private barcode = { height: 162, moduleWidth: 3 };
  /** Events of the command being decoded, pushed once its length is known. */
  private stepEvents: DecodedEvent[] = [];

  constructor(private readonly cjkEncoding: 'gb18030' | 'big5' = 'gb18030') {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = 0;
    while (i < this.pending.length) {
      this.stepEvents = [];
      const used = this.step(this.pending, i);
      const commandEvent = this.stepEvents.find((e) => e.type !== 'text');
      if (commandEvent && used !== NEED) commandEvent.byteCount = used;
      for (const e of this.stepEvents) this.push(e);
      this.stepEvents = [];
      if (used === NEED) break;
      i += used;
    }
    this.pending = this.pending.subarray(i);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.flushText();
    for (const e of this.stepEvents) this.push(e);
    this.stepEvents = [];
    if (this.pending.length) {
      const bytes = Buffer.from(this.pending);
      this.push({ type: 'unknown', bytes, why: 'incomplete command at end of stream', byteCount: bytes.length });
    }
    this.pending = Buffer.alloc(0);
    done();
  }

  private emitEvent(e: PrinterEvent): void {
    if (e.type !== 'text') this.flushText();
    this.stepEvents.push({ ...e, byteCount: 0 });
  }

  private flushText(): void {
    if (!this.textBytes.length) return;
    const bytes = Buffer.from(this.textBytes);
    this.textBytes = [];
    const encoding = this.chineseMode ? this.cjkEncoding : (CODE_PAGES[this.codePage] ?? 'cp437');
    this.stepEvents.push({ type: 'text', text: iconv.decode(bytes, encoding), byteCount: bytes.length });
  }

  /** Decodes one command or text byte at `i`; returns the bytes used, or NEED. */
  private step(b: Buffer, i: number): number {
    const c = b[i]!;
    if (c >= 0x20) {
      this.textBytes.push(c);
      return 1;
    }
    switch (c) {
      case 0x0a:
        this.emitEvent({ type: 'newline' });
        return 1;
      case 0x0d:
        this.flushText();
        return 1;
      case ESC:
        return this.esc(b, i);
      case FS:
        return this.fs(b, i);
      case GS:
        return this.gs(b, i);
      case DLE:
        return this.dle(b, i);
      default:
        this.emitEvent({ type: 'unknown', bytes: b.subarray(i, i + 1), why: `control byte 0x${c.toString(16).padStart(2, '0')}` });
        return 1;
    }
  }

  private unknown(b: Buffer, i: number, len: number, why: string): number {
    this.emitEvent({ type: 'unknown', bytes: Buffer.from(b.subarray(i, i + len)), why });
    return len;
  }

  private esc(b: Buffer, i: number): number {
    if (b.length < i + 2) return NEED;
    const op = b[i + 1]!;
    if (op === 0x40) {
      this.chineseMode = false;
      this.codePage = 0;
      this.emitEvent({ type: 'init' });
      return 2;
    }
    if (op === 0x32) {
      this.emitEvent({ type: 'line-spacing', dots: null });
      return 2;
    }
    if (b.length < i + 3) return NEED;
    const n = b[i + 2]!;
    switch (op) {
      case 0x45:
        this.emitEvent({ type: 'bold', on: (n & 1) === 1 });
        return 3;
      case 0x61: {
        const a = (['left', 'center', 'right'] as const)[n % 48];
        if (!a) return this.unknown(b, i, 3, `ESC a with invalid value ${n}`);
        this.emitEvent({ type: 'align', align: a });
        return 3;
      }
      case 0x33:
        this.emitEvent({ type: 'line-spacing', dots: n });
        return 3;
      case 0x64:
        this.emitEvent({ type: 'feed', lines: n });
        return 3;
      case 0x74:
        this.flushText();
        this.codePage = n;
        this.emitEvent({ type: 'code-page', table: n });
        if (!CODE_PAGES[n]) {
          this.emitEvent({ type: 'unknown', bytes: Buffer.from(b.subarray(i, i + 3)), why: `code page ${n} not known to the decoder, decoding as cp437` });
        }
        return 3;
      default:
        return this.unknown(b, i, 2, `ESC 0x${op.toString(16)}`);
    }
  }

  private fs(b: Buffer, i: number): number {
    if (b.length < i + 2) return NEED;
    const op = b[i + 1]!;
    if (op === 0x26 || op === 0x2e) {
      this.flushText();
      this.chineseMode = op === 0x26;
      this.emitEvent({ type: 'chinese-mode', on: this.chineseMode });
      return 2;
    }
    return this.unknown(b, i, 2, `FS 0x${op.toString(16)}`);
  }

  private dle(b: Buffer, i: number): number {
    if (b.length < i + 2) return NEED;
    if (b[i + 1] !== 0x04) return this.unknown(b, i, 2, `DLE 0x${b[i + 1]!.toString(16)}`);
    if (b.length < i + 3) return NEED;
    const n = b[i + 2]!;
    if (n < 1 || n > 4) return this.unknown(b, i, 3, `DLE EOT ${n}`);
    this.emitEvent({ type: 'status-request', n });
    return 3;
  }

  private gs(b: Buffer, i: number): number {
    if (b.length < i + 2) return NEED;
    const op = b[i + 1]!;
    switch (op) {
      case 0x21: {
        if (b.length < i + 3) return NEED;
        const n = b[i + 2]!;
        this.emitEvent({ type: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 });
        return 3;
      }
      case 0x56: {
        if (b.length < i + 3) return NEED;
        const m = b[i + 2]!;
        if (m === 0 || m === 48 || m === 1 || m === 49) {
          this.emitEvent({ type: 'cut', kind: m % 48 === 0 ? 'full' : 'partial', feedDots: 0 });
          return 3;
        }
        if (m === 65 || m === 66) {
          if (b.length < i + 4) return NEED;
          this.emitEvent({ type: 'cut', kind: m === 65 ? 'full' : 'partial', feedDots: b[i + 3]! });
          return 4;
        }
        return this.unknown(b, i, 3, `GS V ${m}`);
      }
      case 0x68:
      case 0x77:
      case 0x48: {
        if (b.length < i + 3) return NEED;
        const v = b[i + 2]!;
        if (op === 0x68) this.barcode.height = v;
        if (op === 0x77) this.barcode.moduleWidth = v;
        this.emitEvent({ type: 'setting', name: op === 0x68 ? 'barcode height' : op === 0x77 ? 'barcode module width' : 'barcode HRI position', value: v });
        return 3;
      }
      case 0x6b:
        return this.barcodeCommand(b, i);
      case 0x28:
        return this.gsParen(b, i);
      case 0x76:
        return this.raster(b, i);
      default:
        return this.unknown(b, i, 2, `GS 0x${op.toString(16)}`);
    }
  }

  private barcodeCommand(b: Buffer, i: number): number {
    if (b.length < i + 3) return NEED;
    const m = b[i + 2]!;
    if (m <= 6) {
      const end = b.indexOf(0, i + 3);
      if (end < 0) return NEED;
      this.emitEvent({ type: 'barcode', symbology: `function-A ${m}`, data: b.toString('latin1', i + 3, end), ...this.barcode });
      return end + 1 - i;
    }
    if (b.length < i + 4) return NEED;
    const n = b[i + 3]!;
    if (b.length < i + 4 + n) return NEED;
    const data = b.subarray(i + 4, i + 4 + n);
    const symbology = BARCODE_NAMES[m];
    if (!symbology) return this.unknown(b, i, 4 + n, `GS k ${m}`);
    const text = m === 73 ? decodeCode128(data) : data.toString('latin1');
    if (text === null) return this.unknown(b, i, 4 + n, 'CODE128 data without a valid code set prefix');
    this.emitEvent({ type: 'barcode', symbology, data: text, ...this.barcode });
    return 4 + n;
  }

  private gsParen(b: Buffer, i: number): number {
    if (b.length < i + 5) return NEED;
    const fnGroup = b[i + 2]!;
    const len = b[i + 3]! | (b[i + 4]! << 8);
    const total = 5 + len;
    if (b.length < i + total) return NEED;
    if (fnGroup !== 0x6b || len < 2) return this.unknown(b, i, total, `GS ( 0x${fnGroup.toString(16)}`);
    const cn = b[i + 5]!;
    const fn = b[i + 6]!;
    const args = b.subarray(i + 7, i + total);
    if (cn !== 0x31) return this.unknown(b, i, total, `GS ( k symbol cn=${cn} (only QR, cn=49, is known)`);
    switch (fn) {
      case 65:
        this.qr.model = args[0] === 49 ? 1 : args[0] === 51 ? 3 : 2;
        this.emitEvent({ type: 'setting', name: 'qr model', value: this.qr.model });
        return total;
      case 67:
        this.qr.moduleSize = args[0] ?? 3;
        this.emitEvent({ type: 'setting', name: 'qr module size', value: this.qr.moduleSize });
        return total;
      case 69:
        this.qr.errorLevel = QR_LEVELS[args[0] ?? 0] ?? `?${args[0]}`;
        this.emitEvent({ type: 'setting', name: 'qr error level', value: this.qr.errorLevel });
        return total;
      case 80:
        this.qr.data = Buffer.from(args.subarray(1));
        this.emitEvent({ type: 'setting', name: 'qr stored bytes', value: this.qr.data.length });
        return total;
      case 81:
        this.emitEvent({
          type: 'qr',
          data: this.qr.data.toString('utf8'),
          model: this.qr.model,
          moduleSize: this.qr.moduleSize,
          errorLevel: this.qr.errorLevel,
        });
        return total;
      default:
        return this.unknown(b, i, total, `GS ( k QR function ${fn}`);
    }
  }

  private raster(b: Buffer, i: number): number {
    if (b.length < i + 8) return NEED;
    if (b[i + 2] !== 0x30) return this.unknown(b, i, 3, `GS v 0x${b[i + 2]!.toString(16)}`);
    const xBytes = b[i + 4]! | (b[i + 5]! << 8);
    const yDots = b[i + 6]! | (b[i + 7]! << 8);
    const total = 8 + xBytes * yDots;
    if (b.length < i + total) return NEED;
    this.emitEvent({ type: 'raster', widthBytes: xBytes, heightDots: yDots });
    return total;
  }
}

/** CODE128 data of `GS k 73`: `{A`/`{B`/`{C` select the code set, `{{` is a literal brace. */
export function decodeCode128(data: Buffer): string | null {
  if (data.length < 2 || data[0] !== 0x7b || ![0x41, 0x42, 0x43].includes(data[1]!)) return null;
  let set = data[1]!;
  let out = '';
  for (let k = 2; k < data.length; k++) {
    const c = data[k]!;
    if (c === 0x7b && k + 1 < data.length) {
      const next = data[k + 1]!;
      k++;
      if (next === 0x7b) out += '{';
      else if (next >= 0x41 && next <= 0x43) set = next;
      else out += `<FNC ${String.fromCharCode(next)}>`;
      continue;
    }
    out += set === 0x43 ? String(c).padStart(2, '0') : String.fromCharCode(c);
  }
  return out;
}
