import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VirtualPrinter } from '../../../devices/emulators/virtual-printer/virtual-printer';
import { sendControl } from '../../../devices/emulators/virtual-printer/control-socket';
import type { VirtualPrinterStatus } from '../../../devices/emulators/virtual-printer/status-replies';
import { PrinterDriver } from '../../../devices/printer/driver';
import { PrintError } from '../../../devices/printer/print-error';
import { ReconnectingLink } from '../../../devices/serial/reconnecting-link';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { renderTicket } from '../../../devices/printer/layouts/ticket';
import { printerProfile } from '../../../devices/printer/profiles';

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
  { profile: printerProfile('generic-80mm-gb18030') },
);

async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function makeDriver(linkPath: string, settleTimeoutMs = 5000): PrinterDriver {
  const link = new ReconnectingLink(() => new SerialPortTransport({ path: linkPath, baudRate: 115200 }), { retryMs: 100 });
  // Generous status timeout: the machine may be busy; only the offline case waits for it.
  return new PrinterDriver({ link, statusTimeoutMs: 2000, settleTimeoutMs, settlePollMs: 50 });
}

async function printError(p: Promise<unknown>): Promise<PrintError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PrintError) return err;
    throw err;
  }
  throw new Error('the job was printed, a refusal was expected');
}

describe('printer driver and virtual printer over a real pty', () => {
  let dir: string;
  let vp: VirtualPrinter;
  let driver: PrinterDriver;
  let statusRequests = 0;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'printer-pty-'));
    vp = new VirtualPrinter({ linkPath: path.join(dir, 'ttyPRN'), outDir: path.join(dir, 'jobs') });
    vp.on('status-request', () => statusRequests++);
    await vp.start();
    driver = makeDriver(vp.linkPath, 3000);
    driver.start();
    await driver.waitConnected(10_000);
  });

  afterAll(async () => {
    await driver?.stop();
    await vp?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => vp.setStatus('ok'));

  it('prints a ticket that the virtual printer decodes into a job file', async () => {
    const job = vp.waitForJob(10_000);
    const result = await driver.print(ticket);
    expect(result).toMatchObject({ bytes: ticket.length, paperNearEnd: false });
    const printed = await job;
    expect(printed.bytes).toBe(ticket.length);
    expect(printed.lines.find((l) => l.text === 'A023')).toMatchObject({ width: 4, height: 4, bold: true });
    expect(printed.qrCodes[0]?.data).toBe('https://q.example.gov.cn/t/1');
    const file = readFileSync(printed.file, 'utf8');
    expect(file).toContain('[size 4x4][bold]A023');
    expect(file).toContain('前面还有 7 人等候');
    expect(file).toContain('[cut partial]');
    expect(driver.status).toMatchObject({ state: 'ready' });
  });

  for (const [status, reason] of [
    ['paper-end', 'paper-end'],
    ['cover-open', 'cover-open'],
    ['cutter-error', 'cutter-error'],
    ['offline', 'offline'],
  ] as [VirtualPrinterStatus, string][]) {
    it(`refuses the job before sending any byte of it when the printer is ${status}`, async () => {
      vp.setStatus(status);
      const jobBytesBefore = vp.jobBytesReceived;
      const requestsBefore = statusRequests;
      const err = await printError(driver.print(ticket));
      expect(err.reason).toBe(reason);
      expect(err.phase).toBe('before');
      expect(statusRequests).toBeGreaterThan(requestsBefore); // it did ask the printer
      expect(vp.jobBytesReceived).toBe(jobBytesBefore); // and sent nothing of the job
      expect(driver.status).toMatchObject({ state: 'not-ready', reason });
    });
  }

  it('tells the citizen and the technician what is wrong', async () => {
    vp.setStatus('paper-end');
    const err = await printError(driver.print(ticket));
    expect(err.citizenMessage('zh-CN', 'ticket')).toBe('取号凭条打印机缺纸，请联系工作人员');
    expect(err.citizenMessage('zh-HK', 'ticket')).toBe('取號憑條打印機缺紙，請聯絡工作人員');
    expect(err.citizenMessage('en')).toBe('The receipt printer is out of paper. Please ask a member of staff for help.');
    expect(err.detail).toContain('load a new roll');
    expect(err.detail).toContain('DLE EOT 1=0x1a 2=0x32 3=0x12 4=0x7e');
  });

  it('prints when the paper is only near its end, and says so', async () => {
    vp.setStatus('near-end');
    const job = vp.waitForJob(10_000);
    const result = await driver.print(ticket);
    expect(result.paperNearEnd).toBe(true);
    await job;
  });

  it('rejects a job after which the printer is not clean (paper ran out during it)', async () => {
    const onJob = () => vp.setStatus('paper-end');
    vp.once('job', onJob);
    const err = await printError(driver.print(ticket));
    expect(err.phase).toBe('after');
    expect(err.reason).toBe('paper-end');
  });

  it('ends a job without a cut (58 mm printer without cutter) after the printer has been idle', async () => {
    const noCutter = renderTicket(
      { hall: '天河区政务服务中心', number: 'C007', service: '社保业务', waitingAhead: 0, issuedAt: new Date('2026-11-21T06:05:00Z'), lang: 'zh-CN' },
      { profile: printerProfile('generic-58mm-gb18030') },
    );
    expect(noCutter.includes(Buffer.from([0x1d, 0x56]))).toBe(false);
    const job = vp.waitForJob(15_000);
    await driver.print(noCutter);
    const printed = await job;
    expect(printed.cut).toBeNull();
    expect(printed.lines.map((l) => l.text)).toContain('C007');
    expect(printed.transcript).toContain('[feed 4]');
  });

  it('changes status through the control socket', async () => {
    expect(await sendControl(vp.controlPath, { status: 'cover-open' })).toEqual({ ok: true, status: 'cover-open' });
    const r = await driver.refreshStatus();
    expect(r.responding && r.status.coverOpen).toBe(true);
    expect(await sendControl(vp.controlPath, { status: 'on-fire' })).toMatchObject({ ok: false, error: expect.stringContaining('status must be one of') });
    expect(await sendControl(vp.controlPath, { get: 'state' })).toMatchObject({ ok: true, status: 'cover-open' });
  });
});

describe('reconnection', () => {
  it('reconnects when the virtual printer is killed and started again', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'printer-reconnect-'));
    const linkPath = path.join(dir, 'ttyPRN');
    const outDir = path.join(dir, 'jobs');
    let vp = new VirtualPrinter({ linkPath, outDir });
    const driver = makeDriver(linkPath);
    try {
      await vp.start();
      driver.start();
      await driver.waitConnected(10_000);
      await driver.print(ticket);

      await vp.stop();
      await waitFor('the driver to see the printer gone', () => driver.status.state === 'disconnected');
      const err = await printError(driver.print(ticket));
      expect(err).toMatchObject({ reason: 'disconnected', phase: 'before' });

      vp = new VirtualPrinter({ linkPath, outDir });
      await vp.start();
      await driver.waitConnected(10_000);
      const job = vp.waitForJob(10_000);
      await driver.print(ticket);
      expect((await job).lines.map((l) => l.text)).toContain('A023');
      expect(path.basename((await job).file)).toBe('job-0002.txt'); // numbering continues after a restart
    } finally {
      await driver.stop();
      await vp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
