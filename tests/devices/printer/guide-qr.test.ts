import { describe, expect, it } from 'vitest';
import { renderReceipt } from '../../../devices/printer/layouts/receipt';
import { renderTicket } from '../../../devices/printer/layouts/ticket';
import { printerProfile } from '../../../devices/printer/profiles';
import { decodeJob } from './decode-job';

const profile = printerProfile('generic-80mm-gb18030');
const GUIDE = 'https://zwfw.example.gov.cn/guide/C';
const issuedAt = new Date('2026-11-21T06:05:00Z');

/** The service's 办事指南 as a QR code on the ticket and on the receipt (issue #15). */
describe('the guide’s QR code on slips', () => {
  it('prints it on a ticket under its caption, after everything else but the note, within 600 bytes', async () => {
    const bytes = renderTicket(
      { hall: '天河区政务服务中心', number: 'C023', service: '不动产登记', waitingAhead: 3, issuedAt, guideUrl: GUIDE, lang: 'zh-CN' },
      { profile },
    );
    expect(bytes.length).toBeLessThan(600);
    const job = await decodeJob(bytes);
    expect(job.qrCodes.map((q) => q.data)).toEqual([GUIDE]);
    const lines = job.lines.map((l) => l.text.trim());
    expect(lines.indexOf('扫码查看办事指南和所需材料')).toBeGreaterThan(lines.indexOf('C023'));
    expect(job.unknown).toEqual([]);
  });

  it('prints it in the citizen’s language on a receipt', async () => {
    const bytes = renderReceipt(
      {
        hall: 'Tianhe',
        submissionNumber: 'R1-0001',
        service: 'Residence registration',
        submittedAt: issuedAt,
        applicantName: 'Li Si',
        guideUrl: GUIDE,
        lang: 'en',
      },
      { profile },
    );
    const job = await decodeJob(bytes);
    expect(job.qrCodes.map((q) => q.data)).toEqual([GUIDE]);
    expect(job.lines.map((l) => l.text.trim())).toContain('Scan for the service guide');
  });

  it('prints none when the service has no guide', async () => {
    const job = await decodeJob(renderTicket({ hall: 'H', number: 'A001', service: 'S', waitingAhead: null, issuedAt, lang: 'zh-CN' }, { profile }));
    expect(job.qrCodes).toEqual([]);
  });
});
