import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { call, callResult } from '../helpers/core-call';
import { EMBEDDED_DOCUMENT_QUEUE } from '../../main/core/devices/document-printer-service';

/**
 * The embedded default's A4 printer (no printer configured): a real CUPS queue backed by cups-pdf
 * that the kiosk sets up at start; a technician's test page goes through it and lands as a PDF
 * the demo panel lists; in production the same setting is a printer that is not configured.
 */
describe('the embedded A4 printer (CUPS + cups-pdf)', () => {
  let kiosk: TestKiosk;
  let token: string;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('documents-embedded');
    token = (await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' })).token;
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('is the cups-pdf queue, ready, in the technician summary', async () => {
    const status = await call(kiosk.core, 'tech.documentPrinter.status', { token });
    expect(status).toMatchObject({ target: `ipp://localhost:631/printers/${EMBEDDED_DOCUMENT_QUEUE}`, emulated: true, answered: true, ready: true });
    expect(execFileSync('lpstat', ['-v', EMBEDDED_DOCUMENT_QUEUE], { encoding: 'utf8' })).toContain('cups-pdf:/');
    const summary = await call(kiosk.core, 'tech.summary', { token });
    expect(summary.devices.find((d) => d.device === 'documentPrinter')).toMatchObject({
      state: 'ready',
      port: `ipp://localhost:631/printers/${EMBEDDED_DOCUMENT_QUEUE}`,
      emulated: true,
    });
  });

  it('prints the technician’s test page through CUPS; the demo panel lists the PDF cups-pdf wrote', async () => {
    const page = await call(kiosk.core, 'tech.documentPrinter.testPage', { token });
    expect(page).toMatchObject({ end: 'completed', jobId: expect.any(Number) });
    const { files, directory } = await call(kiosk.core, 'demo.documents.printed', { limit: 5 });
    expect(directory).not.toBeNull();
    const newest = files[0]!;
    expect(newest.name).toMatch(/test_page/);
    const file = path.join(directory!, newest.name);
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(1000);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('T-0001');
  });

  it('asks for staff before a test page', async () => {
    expect(await callResult(kiosk.core, 'tech.documentPrinter.testPage', { token: 'not-a-token' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the A4 printer in production without a printer set', () => {
  let kiosk: TestKiosk;
  afterAll(async () => kiosk?.stop());

  it('is not configured, and the citizen is told the printer cannot print', async () => {
    kiosk = await bootTestKiosk('documents-production', { config: { production: true } });
    const status = await call(kiosk.core, 'document.printerStatus', {});
    expect(status).toMatchObject({ ready: false, reasons: ['not-configured'], message: { 'zh-CN': expect.stringContaining('现在无法打印文件') } });
    expect(kiosk.core.devices.get('documentPrinter')).toMatchObject({
      state: 'not-configured',
      detail: expect.stringContaining('devices.documentPrinter.printer'),
    });
  }, 60_000);
});
