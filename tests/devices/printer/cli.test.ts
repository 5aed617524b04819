import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { runKioskctl, spawnKioskctl } from '../../helpers/kioskctl';
import { sendControl } from '../../../devices/emulators/virtual-printer/control-socket';
import { renderTicket } from '../../../devices/printer/layouts/ticket';
import { printerProfile } from '../../../devices/printer/profiles';

async function waitFor(what: string, cond: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kioskctl printer and emulate printer', () => {
  let dir: string;
  let link: string;
  let outDir: string;
  let emulator: ChildProcess;
  let emulatorOut = '';

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'printer-cli-'));
    link = path.join(dir, 'ttyPRN');
    outDir = path.join(dir, 'jobs');
    emulator = spawnKioskctl(['emulate', 'printer', '--link', link, '--out', outDir]);
    emulator.stdout!.on('data', (d: Buffer) => (emulatorOut += d.toString()));
    emulator.stderr!.on('data', (d: Buffer) => (emulatorOut += d.toString()));
    await waitFor('the virtual printer to start', () => emulatorOut.includes('virtual printer on'));
  }, 60_000);

  afterAll(async () => {
    if (emulator && emulator.exitCode === null) {
      const exited = new Promise((r) => emulator.once('exit', r));
      emulator.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('status: exit 0 and the status object when ready', async () => {
    const r = await runKioskctl(['printer', 'status', '--port', link, '--json', '--timeout', '5000']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ responding: true, ready: true, reason: null, status: { online: true, paperEnd: false } });
  }, 60_000);

  it('status: exit 4 naming the reason when the paper is out (status set on stdin)', async () => {
    emulator.stdin!.write('status paper-end\n');
    await waitFor('the status change', () => emulatorOut.includes('status paper-end'));
    const r = await runKioskctl(['printer', 'status', '--port', link, '--timeout', '5000']);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('NOT READY (paper-end)');
    expect(r.stderr).toContain('paper-end');
  }, 60_000);

  it('ticket: refused with exit 4 while the cover is open, printed once it is closed', async () => {
    await sendControl(`${link}.ctl`, { status: 'cover-open' });
    const refused = await runKioskctl([
      'printer',
      'ticket',
      '--port',
      link,
      '--timeout',
      '5000',
      '--number',
      'A023',
      '--service',
      '社保业务',
      '--waiting',
      '7',
    ]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('cover-open');
    expect(readdirSync(outDir).filter((f) => f.endsWith('.txt'))).toEqual([]);

    await sendControl(`${link}.ctl`, { status: 'ok' });
    const r = await runKioskctl([
      'printer',
      'ticket',
      '--port',
      link,
      '--timeout',
      '5000',
      '--number',
      'A023',
      '--service',
      '社保业务',
      '--waiting',
      '7',
      '--qr',
      'https://q.example.gov.cn/t/9',
      '--lang',
      'zh-HK',
    ]);
    expect(r.code).toBe(0);
    await waitFor('the job file', () => existsSync(path.join(outDir, 'job-0001.txt')));
    const job = readFileSync(path.join(outDir, 'job-0001.txt'), 'utf8');
    expect(job).toContain('[size 4x4][bold]A023');
    expect(job).toContain('您的號碼');
    expect(job).toContain('[qr model 2 size 6 level M] https://q.example.gov.cn/t/9');
  }, 60_000);

  it('test: prints the test page with sizes, QR code and CODE128', async () => {
    const r = await runKioskctl(['printer', 'test', '--port', link, '--timeout', '5000']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test page printed');
    await waitFor('the job file', () => existsSync(path.join(outDir, 'job-0002.txt')));
    const job = readFileSync(path.join(outDir, 'job-0002.txt'), 'utf8');
    expect(job).toContain('[size 8x8]8x 字');
    expect(job).toContain('[barcode CODE128] KIOSK-TEST-0123');
    expect(job).toContain('繁體：政務服務自助終端');
    expect(job).not.toContain('UNKNOWN');
  }, 60_000);

  it('status: exit 3 when the printer does not answer', async () => {
    await sendControl(`${link}.ctl`, { status: 'offline' });
    const r = await runKioskctl(['printer', 'status', '--port', link, '--timeout', '300']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('does not answer');
    await sendControl(`${link}.ctl`, { status: 'ok' });
  }, 60_000);

  it('status: exit 3 when the port does not exist', async () => {
    const r = await runKioskctl(['printer', 'status', '--port', path.join(dir, 'nothing-here')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('cannot open the printer port');
  }, 60_000);

  it('render: writes exactly the bytes of the layout; bad input is refused naming it', async () => {
    const out = path.join(dir, 'ticket.bin');
    const r = await runKioskctl([
      'printer',
      'render',
      '--layout',
      'ticket',
      '--out',
      out,
      '--number',
      'B105',
      '--service',
      'Social insurance',
      '--waiting',
      '3',
      '--lang',
      'en',
      '--time',
      '2026-11-21T06:05:00Z',
    ]);
    expect(r.code).toBe(0);
    const expected = renderTicket(
      {
        hall: 'Government Service Centre',
        number: 'B105',
        service: 'Social insurance',
        waitingAhead: 3,
        issuedAt: new Date('2026-11-21T06:05:00Z'),
        lang: 'en',
      },
      { profile: printerProfile('generic-80mm-gb18030') },
    );
    expect(readFileSync(out).equals(expected)).toBe(true);
    const receipt = path.join(dir, 'receipt.bin');
    const rr = await runKioskctl([
      'printer',
      'render',
      '--layout',
      'receipt',
      '--out',
      receipt,
      '--submission',
      'SB42',
      '--service',
      '社保业务',
      '--name',
      '张小三',
    ]);
    expect(rr.code).toBe(0);
    expect(rr.stdout + rr.stderr).not.toContain('张小三');
    const receiptBytes = readFileSync(receipt);
    expect(receiptBytes.includes(iconv.encode('张*三', 'gb18030'))).toBe(true);
    expect(receiptBytes.includes(iconv.encode('张小三', 'gb18030'))).toBe(false);
    const bad = await runKioskctl(['printer', 'render', '--layout', 'ticket', '--out', out, '--number', 'B1', '--service', 'x', '--lang', 'fr']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--lang must be one of zh-CN, zh-HK, en, got "fr"');
  }, 60_000);

  it('emulator: stops on SIGTERM and removes its port', async () => {
    const exited = new Promise<number | null>((r) => emulator.once('exit', (code) => r(code)));
    emulator.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(link)).toBe(false);
    expect(existsSync(`${link}.ctl`)).toBe(false);
  }, 30_000);
});
