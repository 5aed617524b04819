import { Transform, type TransformCallback } from 'node:stream';

/**
 * USB-HID scanners in keyboard mode send boot-protocol keyboard reports: 8 bytes
 * [modifiers, reserved, key1..key6] with HID usage codes. Reading them through node-hid
 * (instead of letting them type into the focused window) keeps a scan out of whatever field
 * the citizen is touching. Reports in, one string per code (ended by Enter) out.
 */

const SHIFT = 0x02 | 0x20;
// Usage codes 0x04.. 0x38 on a US layout (scanners are configured for it), unshifted and shifted.
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '1234567890';
const DIGITS_SHIFTED = '!@#$%^&*()';
const PUNCT: Record<number, [string, string]> = {
  0x2c: [' ', ' '],
  0x2d: ['-', '_'],
  0x2e: ['=', '+'],
  0x2f: ['[', '{'],
  0x30: [']', '}'],
  0x31: ['\\', '|'],
  0x33: [';', ':'],
  0x34: ["'", '"'],
  0x35: ['`', '~'],
  0x36: [',', '<'],
  0x37: ['.', '>'],
  0x38: ['/', '?'],
};
const ENTER = [0x28, 0x58];
const TAB = 0x2b;

export function usageToChar(usage: number, shifted: boolean): string | null {
  if (usage >= 0x04 && usage <= 0x1d) {
    const c = LETTERS[usage - 0x04]!;
    return shifted ? c.toUpperCase() : c;
  }
  if (usage >= 0x1e && usage <= 0x27) return (shifted ? DIGITS_SHIFTED : DIGITS)[usage - 0x1e]!;
  const p = PUNCT[usage];
  return p ? p[shifted ? 1 : 0] : null;
}

export class HidKeyboardDecoder extends Transform {
  private text = '';
  private previousKeys = new Set<number>();

  constructor(private readonly maxLength = 4096) {
    super({ readableObjectMode: true });
  }

  override _transform(report: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    // Some devices prefix a report id: boot keyboard reports are the last 8 bytes.
    const r = report.length > 8 ? report.subarray(report.length - 8) : report;
    if (r.length < 3) return done();
    const shifted = (r[0]! & SHIFT) !== 0;
    const keys = new Set<number>();
    for (let i = 2; i < r.length; i++) if (r[i]! > 0x03) keys.add(r[i]!);
    // A key counts when it goes down, not while it is held.
    for (const usage of keys) {
      if (this.previousKeys.has(usage)) continue;
      if (ENTER.includes(usage) || usage === TAB) {
        if (this.text) this.push(this.text);
        this.text = '';
        continue;
      }
      const ch = usageToChar(usage, shifted);
      if (ch !== null) this.text += ch;
      if (this.text.length > this.maxLength) {
        this.emit('scan-error', { reason: 'too-long', bytes: this.text.length });
        this.text = '';
      }
    }
    this.previousKeys = keys;
    done();
  }
}
