import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from '../../../devices/printer/builder';
import { renderTicket } from '../../../devices/printer/layouts/ticket';
import { printerProfile } from '../../../devices/printer/profiles';
import { decodeCode128 } from '../../../devices/emulators/virtual-printer/escpos-decoder';
import { decodeJob } from './decode-job';

const gb = printerProfile('generic-80mm-gb18030');
const ticket = renderTicket(
  {
    hall: '天河区政务服务中心',
    number: 'A023',
    service: '社保业务',
    waitingAhead: 7,
    issuedAt: new Date('2026-11-21T06:05:00Z'),
    statusUrl: 'https://q.example.gov.cn/t/1',
    lang: 'zh-CN',
  },
  { profile: gb },
);

describe('encoder → virtual printer decoder round trip', () => {
  it('decodes a ticket into its lines, the 4x number, the QR payload and the cut', async () => {
    const job = await decodeJob(ticket);
    expect(job.lines.map((l) => l.text)).toEqual([
      '天河区政务服务中心',
      '您的号码',
      'A023',
      '业务：社保业务',
      '前面还有 7 人等候',
      '取号时间：2026-11-21 14:05',
      '请留意叫号，过号请重新取号',
    ]);
    expect(job.lines[2]).toEqual({ text: 'A023', width: 4, height: 4, bold: true, align: 'center' });
    expect(job.lines[0]!.bold).toBe(true);
    expect(job.qrCodes).toEqual([{ data: 'https://q.example.gov.cn/t/1', moduleSize: 6, errorLevel: 'M', model: 2 }]);
    expect(job.cut).toBe('partial');
    expect(job.unknown).toEqual([]);
    expect(job.bytes).toBe(ticket.length);
    expect(job.transcript).toContain('[size 4x4][bold]A023');
    expect(job.transcript).toContain('[qr model 2 size 6 level M] https://q.example.gov.cn/t/1');
  });

  it('decodes the same whatever the chunking (1 byte, 3 bytes, whole)', async () => {
    const whole = await decodeJob(ticket);
    for (const chunk of [1, 3, 17]) expect((await decodeJob(ticket, { chunk })).transcript).toBe(whole.transcript);
  });

  it('round-trips mixed Chinese-mode and code page text, Big5 and Latin-only', async () => {
    const big5 = new EscPosBuilder(printerProfile('generic-80mm-big5')).initialize().line('Café 臺灣 ①').cut().build();
    expect((await decodeJob(big5, { encoding: 'big5', chunk: 2 })).lines[0]!.text).toBe('Café 臺灣 ①');
    const latin = new EscPosBuilder(printerProfile('generic-80mm-latin')).initialize().line('Crème brûlée 5€').cut('full').build();
    const job = await decodeJob(latin);
    expect(job.lines[0]!.text).toBe('Crème brûlée 5€');
    expect(job.cut).toBe('full');
  });

  it('round-trips alignment, sizes, spacing, feeds, columns and CODE128 with a brace', async () => {
    const b = new EscPosBuilder(gb)
      .initialize()
      .align('right')
      .size(2, 1)
      .line('宽')
      .size(1)
      .lineSpacing(40)
      .leftRight('左', 'R')
      .feed(3)
      .code128('X{Y}')
      .build();
    const job = await decodeJob(b);
    expect(job.lines[0]).toEqual({ text: '宽', width: 2, height: 1, bold: false, align: 'right' });
    expect(job.lines[1]!.text).toBe('左' + ' '.repeat(45) + 'R');
    expect(job.transcript).toContain('[feed 3]');
    expect(job.transcript).toContain('[spacing 40]');
    expect(job.barcodes).toEqual([{ symbology: 'CODE128', data: 'X{Y}' }]);
  });

  it('reports unknown commands visibly instead of printing them as text', async () => {
    const job = await decodeJob(Buffer.concat([Buffer.from('\x1b@ok\n'), Buffer.from([0x1b, 0x7a, 0x1d, 0x7c, 0x07]), Buffer.from('after\n')]));
    expect(job.unknown).toEqual(['[UNKNOWN ESC 0x7a: 1b 7a]', '[UNKNOWN GS 0x7c: 1d 7c]', '[UNKNOWN control byte 0x07: 07]']);
    expect(job.transcript).toContain('[UNKNOWN ESC 0x7a: 1b 7a]');
    expect(job.lines.map((l) => l.text)).toEqual(['ok', 'after']);
  });

  it('reports a command cut off at the end of the stream', async () => {
    const job = await decodeJob(Buffer.from([0x1b, 0x40, 0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31]));
    expect(job.unknown).toEqual(['[UNKNOWN incomplete command at end of stream: 1d 28 6b 10 00 31]']);
  });

  it('decodes CODE128 code sets A, B and C', () => {
    expect(decodeCode128(Buffer.from('{BAB{{'))).toBe('AB{');
    expect(decodeCode128(Buffer.from([0x7b, 0x43, 12, 34, 0x7b, 0x42, 0x58]))).toBe('1234X');
    expect(decodeCode128(Buffer.from('AB'))).toBeNull();
  });
});
