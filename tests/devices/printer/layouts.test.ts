import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { renderTicket, type QueueTicket } from '../../../devices/printer/layouts/ticket';
import { renderReceipt } from '../../../devices/printer/layouts/receipt';
import { renderResultSlip } from '../../../devices/printer/layouts/result-slip';
import { renderTestPage } from '../../../devices/printer/layouts/test-page';
import { formatPrintTime } from '../../../devices/printer/layouts/format';
import { printerProfile } from '../../../devices/printer/profiles';
import { decodeJob } from './decode-job';

const gbProfile = printerProfile('generic-80mm-gb18030');
const big5Profile = printerProfile('generic-80mm-big5');
/** 2026-11-21 14:05 in Beijing. */
const CLOCK = new Date('2026-11-21T06:05:00Z');
const URL = 'https://q.example.gov.cn/t/8f3a2c1d';

const ticket = (lang: QueueTicket['lang']): QueueTicket => ({
  hall: lang === 'en' ? 'Tianhe Service Hall' : '天河区政务服务中心',
  number: 'A023',
  service: lang === 'zh-HK' ? '社保業務' : lang === 'en' ? 'Social insurance' : '社保业务',
  waitingAhead: 7,
  issuedAt: CLOCK,
  statusUrl: URL,
  lang,
});

const h = (...bytes: number[]) => Buffer.from(bytes);
const LF = h(0x0a);
const QR = Buffer.concat([
  h(0x1d, 0x28, 0x6b, 4, 0, 0x31, 65, 50, 0),
  h(0x1d, 0x28, 0x6b, 3, 0, 0x31, 67, 6),
  h(0x1d, 0x28, 0x6b, 3, 0, 0x31, 69, 49),
  h(0x1d, 0x28, 0x6b, URL.length + 3, 0, 0x31, 80, 0x30),
  Buffer.from(URL),
  h(0x1d, 0x28, 0x6b, 3, 0, 0x31, 81, 0x30),
]);

/** The ticket as the issue specifies it, spelled out command by command. */
function expectedTicket(
  encoding: 'gb18030' | 'big5',
  lines: { hall: string; yourNumber: string; service: string; ahead: string; time: string; note: string },
): Buffer {
  const t = (s: string) => Buffer.concat([iconv.encode(s, encoding), LF]);
  return Buffer.concat([
    h(0x1b, 0x40, 0x1c, 0x26), // ESC @, FS &
    h(0x1b, 0x61, 1), // centre
    h(0x1b, 0x45, 1),
    t(lines.hall),
    h(0x1b, 0x45, 0),
    t(lines.yourNumber),
    h(0x1d, 0x21, 0x33),
    h(0x1b, 0x45, 1),
    t('A023'),
    h(0x1b, 0x45, 0),
    h(0x1d, 0x21, 0x00), // 4x4 bold number
    t(lines.service),
    t(lines.ahead),
    t(lines.time),
    QR,
    t(lines.note),
    h(0x1d, 0x56, 66, 0), // partial cut
  ]);
}

describe('queue ticket golden bytes', () => {
  it('zh-CN', () => {
    const bytes = renderTicket(ticket('zh-CN'), { profile: gbProfile });
    expect(
      bytes.equals(
        expectedTicket('gb18030', {
          hall: '天河区政务服务中心',
          yourNumber: '您的号码',
          service: '业务：社保业务',
          ahead: '前面还有 7 人等候',
          time: '取号时间：2026-11-21 14:05',
          note: '请留意叫号，过号请重新取号',
        }),
      ),
    ).toBe(true);
    expect(bytes.length).toBeLessThan(600);
  });

  it('zh-HK in GB18030 (traditional characters from GBK)', () => {
    const bytes = renderTicket(ticket('zh-HK'), { profile: gbProfile });
    expect(
      bytes.equals(
        expectedTicket('gb18030', {
          hall: '天河区政务服务中心',
          yourNumber: '您的號碼',
          service: '業務：社保業務',
          ahead: '前面還有 7 人等候',
          time: '取號時間：2026-11-21 14:05',
          note: '請留意叫號，過號請重新取號',
        }),
      ),
    ).toBe(true);
    expect(bytes.includes(iconv.encode('號碼', 'gb18030'))).toBe(true);
  });

  it('zh-HK on a Big5 printer', () => {
    const bytes = renderTicket({ ...ticket('zh-HK'), hall: '天河區政務服務中心' }, { profile: big5Profile });
    expect(
      bytes.equals(
        expectedTicket('big5', {
          hall: '天河區政務服務中心',
          yourNumber: '您的號碼',
          service: '業務：社保業務',
          ahead: '前面還有 7 人等候',
          time: '取號時間：2026-11-21 14:05',
          note: '請留意叫號，過號請重新取號',
        }),
      ),
    ).toBe(true);
  });

  it('en', () => {
    const bytes = renderTicket(ticket('en'), { profile: gbProfile });
    expect(
      bytes.equals(
        expectedTicket('gb18030', {
          hall: 'Tianhe Service Hall',
          yourNumber: 'Your number',
          service: 'Service: Social insurance',
          ahead: '7 people ahead of you',
          time: 'Issued: 2026-11-21 14:05',
          note: 'Please listen for your number.',
        }),
      ),
    ).toBe(true);
  });

  it('stays under 600 bytes with a long hall name, service and URL', () => {
    const bytes = renderTicket(
      {
        ...ticket('zh-CN'),
        hall: '广东省广州市天河区人民政府政务服务中心二十四小时自助服务厅',
        service: '城乡居民基本医疗保险参保登记及缴费业务办理',
        statusUrl: URL + '?hall=440106&terminal=T-0001',
      },
      { profile: gbProfile },
    );
    expect(bytes.length).toBeLessThan(600);
  });

  it('refuses a ticket number that is not letters and digits, or a negative queue', () => {
    expect(() => renderTicket({ ...ticket('zh-CN'), number: 'A\x1b023' }, { profile: gbProfile })).toThrow(/ticket number/);
    expect(() => renderTicket({ ...ticket('zh-CN'), waitingAhead: -1 }, { profile: gbProfile })).toThrow(/waiting ahead/);
    expect(() => renderTicket({ ...ticket('zh-CN'), number: 'A0230000000' }, { profile: printerProfile('generic-58mm-gb18030') })).toThrow(/does not fit/);
  });

  it('sends the QR code as a raster image on a printer without native QR', async () => {
    const bytes = renderTicket(ticket('zh-CN'), { profile: printerProfile('generic-80mm-gb18030-noqr') });
    expect(bytes.includes(h(0x1d, 0x28, 0x6b))).toBe(false);
    const job = await decodeJob(bytes);
    expect(job.transcript).toMatch(/\[raster image \d+x\d+ dots\]/);
    expect(job.lines.map((l) => l.text)).toContain('A023');
  });
});

describe('other layouts', () => {
  it('formats the print time in the hall time zone whatever the machine zone', () => {
    expect(formatPrintTime(CLOCK)).toBe('2026-11-21 14:05');
    expect(formatPrintTime(CLOCK, 'UTC')).toBe('2026-11-21 06:05');
    expect(formatPrintTime(CLOCK, 'America/New_York')).toBe('2026-11-21 01:05');
    expect(() => formatPrintTime(new Date('nonsense'))).toThrow(/not a valid date/);
  });

  it('prints the applicant name masked on a receipt, and the number as CODE128', async () => {
    const bytes = renderReceipt(
      { hall: '天河区政务服务中心', submissionNumber: 'SB2026112100042', service: '社保业务', submittedAt: CLOCK, applicantName: '张小三', lang: 'zh-CN' },
      { profile: gbProfile },
    );
    expect(bytes.includes(iconv.encode('张小三', 'gb18030'))).toBe(false);
    const job = await decodeJob(bytes);
    expect(job.lines.map((l) => l.text)).toContain(`申请人${' '.repeat(48 - 6 - 5)}张*三`);
    expect(job.barcodes).toEqual([{ symbology: 'CODE128', data: 'SB2026112100042' }]);
    expect(job.unknown).toEqual([]);
    expect(job.cut).toBe('partial');
  });

  it('prints a result slip with the result large and bold', async () => {
    const bytes = renderResultSlip(
      {
        hall: 'Tianhe Service Hall',
        title: 'Application result',
        submissionNumber: 'SB1',
        service: 'Social insurance',
        result: 'Approved',
        details: [{ label: 'Collect at', value: 'Window 3' }],
        printedAt: CLOCK,
        url: 'https://q.example.gov.cn/r/1',
        lang: 'en',
      },
      { profile: gbProfile },
    );
    const job = await decodeJob(bytes);
    expect(job.lines.find((l) => l.text === 'Approved')).toMatchObject({ width: 2, height: 2, bold: true, align: 'center' });
    expect(job.lines.map((l) => l.text)).toContain('Collect at' + ' '.repeat(48 - 10 - 8) + 'Window 3');
    expect(job.qrCodes.map((q) => q.data)).toEqual(['https://q.example.gov.cn/r/1']);
  });

  it('prints every part of the test page, decoded without an unknown command', async () => {
    const job = await decodeJob(renderTestPage({ printedAt: CLOCK, terminalId: 'T-01' }, { profile: gbProfile }));
    expect(job.unknown).toEqual([]);
    const texts = job.lines.map((l) => l.text);
    for (let s = 1; s <= 8; s++) expect(job.lines.find((l) => l.text === `${s}x 字`)).toMatchObject({ width: s, height: s });
    expect(job.lines.find((l) => l.text === 'Bold 粗体')?.bold).toBe(true);
    expect(texts).toContain('繁體：政務服務自助終端，請按提示操作。臺灣');
    expect(texts).toContain('123456789012345678901234567890123456789012345678');
    expect(job.qrCodes).toHaveLength(1);
    expect(job.barcodes).toEqual([{ symbology: 'CODE128', data: 'KIOSK-TEST-0123' }]);
  });
});

describe('unprintable characters in layouts', () => {
  it('substitutes by default and refuses when the caller asks, naming the character', () => {
    const t = { ...ticket('zh-CN'), service: '𠀀业务' };
    const bytes = renderTicket(t, { profile: gbProfile });
    expect(bytes.includes(Buffer.concat([h(0xa1, 0xf5), iconv.encode('业务', 'gb18030')]))).toBe(true);
    expect(() => renderTicket(t, { profile: gbProfile, unencodable: 'refuse' })).toThrow(/cannot print "𠀀" \(U\+20000\)/);
  });
});
