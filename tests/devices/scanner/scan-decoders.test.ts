import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { ScanLineDecoder } from '../../../devices/scanner/scan-line-decoder';
import { HidKeyboardDecoder } from '../../../devices/scanner/hid-keyboard-decoder';
import { HidTransport, type HidDeviceHandle } from '../../../devices/serial/hid-transport';

function decode(decoder: ScanLineDecoder | HidKeyboardDecoder, chunks: Buffer[]): { codes: string[]; errors: unknown[] } {
  const codes: string[] = [];
  const errors: unknown[] = [];
  decoder.on('data', (c: string) => codes.push(c));
  decoder.on('scan-error', (e) => errors.push(e));
  for (const c of chunks) decoder.write(c);
  return { codes, errors };
}

describe('serial scan decoder', () => {
  const code = 'APPT-20261121-0042';
  const wire = Buffer.from(`${code}\r\n`);

  it('yields the code however the bytes are split', () => {
    for (let cut = 0; cut <= wire.length; cut++) {
      const { codes } = decode(new ScanLineDecoder(), [wire.subarray(0, cut), wire.subarray(cut)]);
      expect(codes, `split at ${cut}`).toEqual([code]);
    }
  });

  it('yields each of several codes in one chunk, with CR, LF or CRLF suffixes', () => {
    const { codes } = decode(new ScanLineDecoder(), [Buffer.from('A1\rB2\nC3\r\n')]);
    expect(codes).toEqual(['A1', 'B2', 'C3']);
  });

  it('reports line noise and still reads the next code', () => {
    const { codes, errors } = decode(new ScanLineDecoder(), [Buffer.from([0x00, 0xff, 0x13, 0x0d, 0x0a]), Buffer.from('OK-1\r\n')]);
    expect(codes).toEqual(['OK-1']);
    expect(errors).toEqual([{ reason: 'not-text', bytes: 3 }]);
  });

  it('drops an overlong code with an error instead of growing forever', () => {
    const { codes, errors } = decode(new ScanLineDecoder({ maxLength: 16 }), [Buffer.alloc(40, 0x41), Buffer.from('\r\nB\r\n')]);
    expect(errors[0]).toMatchObject({ reason: 'too-long' });
    expect(codes.at(-1)).toBe('B');
  });

  it('ends a code on a pause when the scanner sends no suffix', async () => {
    const decoder = new ScanLineDecoder({ terminator: 'none', gapMs: 30 });
    const { codes } = decode(decoder, [Buffer.from('QR'), Buffer.from('123')]);
    expect(codes).toEqual([]);
    await expect.poll(() => codes).toEqual(['QR123']);
  });

  it('strips the configured prefix and reads UTF-8 codes', () => {
    const { codes } = decode(new ScanLineDecoder({ prefix: ']Q1' }), [Buffer.from(']Q1预约-7\r\n')]);
    expect(codes).toEqual(['预约-7']);
  });
});

describe('HID keyboard scan decoder', () => {
  const report = (mod: number, ...keys: number[]) => Buffer.from([mod, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
  const up = report(0);

  it('turns key-down reports into text, ended by Enter', () => {
    // "Ab1-" then Enter: a=0x04, b=0x05, 1=0x1e, -=0x2d, Enter=0x28; left shift = 0x02.
    const { codes } = decode(new HidKeyboardDecoder(), [
      report(0x02, 0x04),
      up,
      report(0, 0x05),
      up,
      report(0, 0x1e),
      up,
      report(0, 0x2d),
      up,
      report(0, 0x28),
      up,
    ]);
    expect(codes).toEqual(['Ab1-']);
  });

  it('does not repeat a key that is held down across reports', () => {
    const { codes } = decode(new HidKeyboardDecoder(), [report(0, 0x04), report(0, 0x04), report(0, 0x04, 0x05), up, report(0, 0x28)]);
    expect(codes).toEqual(['ab']);
  });

  it('accepts reports with a leading report id', () => {
    const withId = (b: Buffer) => Buffer.concat([Buffer.from([0x01]), b]);
    const { codes } = decode(new HidKeyboardDecoder(), [withId(report(0, 0x1f)), withId(up), withId(report(0, 0x58))]);
    expect(codes).toEqual(['2']);
  });
});

describe('HID transport', () => {
  class FakeHid extends EventEmitter implements HidDeviceHandle {
    written: Buffer[] = [];
    closed = false;
    write(data: number[] | Buffer) {
      this.written.push(Buffer.from(data));
      return data.length;
    }
    close() {
      this.closed = true;
    }
  }

  it('delivers each input report as one chunk and sends output reports', async () => {
    const fake = new FakeHid();
    const t = new HidTransport(() => fake, 'fake scanner');
    const chunks: Buffer[] = [];
    t.on('data', (c: Buffer) => chunks.push(c));
    await t.open();
    fake.emit('data', Buffer.from([1, 2, 3]));
    await t.write(Buffer.from([9]));
    expect(chunks).toEqual([Buffer.from([1, 2, 3])]);
    expect(fake.written).toEqual([Buffer.from([9])]);
  });

  it('reports an unplugged device as closed, with the error', async () => {
    const fake = new FakeHid();
    const t = new HidTransport(() => fake, 'fake scanner');
    await t.open();
    const closed = new Promise<Error | undefined>((resolve) => t.once('close', resolve));
    fake.emit('error', new Error('could not read from HID device'));
    expect((await closed)?.message).toContain('could not read');
    expect(t.isOpen).toBe(false);
    expect(fake.closed).toBe(true);
  });

  it('names the device when it cannot be opened', async () => {
    const t = new HidTransport(() => {
      throw new Error('cannot open device with path /dev/hidraw9');
    }, 'scanner 0x1eab:0x0d10');
    await expect(t.open()).rejects.toThrow(/scanner 0x1eab:0x0d10.*hidraw9/);
  });
});

describe('HID keyboard scanner end to end (fake HID device)', () => {
  it('reads a code typed as HID reports through the Scanner driver', async () => {
    const { Scanner } = await import('../../../devices/scanner/scanner');
    const fake = new (class extends EventEmitter {
      write() {
        return 0;
      }
      close() {}
    })();
    const scanner = new Scanner({ transport: () => new HidTransport(() => fake, 'fake HID scanner'), decoder: () => new HidKeyboardDecoder() });
    scanner.start();
    await scanner.waitReady(2000);
    const scanned = new Promise<string>((resolve) => scanner.once('scan', (s: { code: string }) => resolve(s.code)));
    const report = (mod: number, key: number) => Buffer.from([mod, 0, key, 0, 0, 0, 0, 0]);
    for (const key of [0x1e, 0x1f, 0x20]) {
      fake.emit('data', report(0, key));
      fake.emit('data', report(0, 0));
    }
    fake.emit('data', report(0, 0x28));
    expect(await scanned).toBe('123');
    await scanner.stop();
  });
});
