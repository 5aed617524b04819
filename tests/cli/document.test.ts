import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl } from '../helpers/kioskctl';
import { startIppPrinterEmulator, type IppPrinterEmulator } from '../../testing/ipp-printer-emulator/ipp-printer-emulator';
import { ensureEmbeddedCupsQueue } from '../../devices/document-printer/cups-queue';
import { cleanChineseDocument, PNG_1X1 } from '../core/documents/pdf-fixtures';
import { EMBEDDED_DOCUMENT_QUEUE } from '../../main/core/devices/document-printer-service';

/** `kioskctl document status|print`: the A4 printer through the print system, with the exit codes a technician scripts against. */
describe('kioskctl document', () => {
  let printer: IppPrinterEmulator;
  let dir: string;
  let pdf: string;

  beforeAll(async () => {
    printer = await startIppPrinterEmulator();
    dir = mkdtempSync(path.join(os.tmpdir(), 'kioskctl-document-'));
    pdf = path.join(dir, 'certificate.pdf');
    writeFileSync(pdf, await cleanChineseDocument());
  });
  afterAll(async () => {
    await printer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('status: exit 0 when ready, 4 naming the reasons when not', async () => {
    const ready = await runKioskctl(['document', 'status', '--printer', printer.uri, '--json']);
    expect(ready.code).toBe(0);
    expect(JSON.parse(ready.stdout)).toMatchObject({ answered: true, ready: true, state: 'idle' });
    printer.setPrinter({ state: 'stopped', reasons: ['media-empty-error', 'toner-low-warning'] });
    try {
      const empty = await runKioskctl(['document', 'status', '--printer', printer.uri]);
      expect(empty.code).toBe(4);
      expect(empty.stdout).toContain('stopped');
      expect(empty.stderr).toMatch(/not ready: stopped, media-empty\b/);
      expect(empty.stderr).not.toContain('toner-low');
    } finally {
      printer.setPrinter({ state: 'idle', reasons: [] });
    }
  });

  it('status: exit 3 when nothing answers', async () => {
    const r = await runKioskctl(['document', 'status', '--printer', 'ipp://127.0.0.1:9/ipp/print', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ answered: false, ready: false });
  });

  it('print: exit 0 only when the printer reports the job completed, 5 when it was aborted', async () => {
    const done = await runKioskctl(['document', 'print', pdf, '--printer', printer.uri, '--copies', '2', '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ end: 'completed', pages: 2, requestedCopies: 2 });
    expect(printer.jobs.at(-1)).toMatchObject({ copies: 2, documentFormat: 'application/pdf' });

    printer.setJobFate({ end: 'aborted', reason: 'aborted-by-system' });
    try {
      const aborted = await runKioskctl(['document', 'print', pdf, '--printer', printer.uri]);
      expect(aborted.code).toBe(5);
      expect(aborted.stdout).toMatch(/aborted \(aborted-by-system\)/);
    } finally {
      printer.setJobFate({ end: 'completed' });
    }
  });

  it('print: refuses a file that is not a PDF before sending anything (exit 2), and bad options (exit 1)', async () => {
    const png = path.join(dir, 'photo.pdf');
    writeFileSync(png, PNG_1X1);
    const jobs = printer.jobs.length;
    const refused = await runKioskctl(['document', 'print', png, '--printer', printer.uri]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refused (not-pdf)');
    expect((await runKioskctl(['document', 'print', pdf, '--printer', printer.uri, '--copies', '0'])).code).toBe(1);
    expect(printer.jobs.length).toBe(jobs);
  });

  it('prints through the local CUPS to its cups-pdf queue', async () => {
    const queue = await ensureEmbeddedCupsQueue({ queue: EMBEDDED_DOCUMENT_QUEUE });
    expect(queue).toMatchObject({ ok: true });
    const r = await runKioskctl(['document', 'print', pdf, '--printer', EMBEDDED_DOCUMENT_QUEUE, '--json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ end: 'completed', printer: `ipp://localhost:631/printers/${EMBEDDED_DOCUMENT_QUEUE}` });
  });
});
