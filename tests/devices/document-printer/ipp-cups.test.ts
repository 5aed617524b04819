import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cupsPdfOutputDir, disableQueue, enableQueue, ensureEmbeddedCupsQueue, removeQueue } from '../../../devices/document-printer/cups-queue';
import { DocumentPrinterUnreachable, printerReadiness, type DocumentPrintRequest } from '../../../devices/document-printer/document-printer';
import { IppDocumentPrinter } from '../../../devices/document-printer/ipp-document-printer';
import { samplePdf } from './sample-pdf';

// Against the machine's real CUPS on loopback, with a cups-pdf queue of this file's own (the tests
// run as root; scripts/system-deps.mjs installs cups, printer-driver-cups-pdf and poppler-utils).
const QUEUE = 'kiosk-test-ipp-cups';

/** The PDFs in `dir` whose name has `nameHas` (cups-pdf names a file after its job), with their text (pdftotext). */
function pdfsIn(dir: string, nameHas: string): { file: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.pdf') && f.includes(nameHas))
    .map((f) => path.join(dir, f))
    .map((file) => ({ file, text: execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }) }));
}

/** What CUPS itself records of a job, as ipptool prints it. */
function cupsJobRecord(jobId: number): string {
  return execFileSync('ipptool', ['-tv', `ipp://localhost:631/jobs/${jobId}`, 'get-job-attributes.test'], { encoding: 'utf8' });
}

describe('IppDocumentPrinter against the local CUPS (cups-pdf)', () => {
  let printer: IppDocumentPrinter;
  let outputDir: string;

  beforeAll(async () => {
    const queue = await ensureEmbeddedCupsQueue({ queue: QUEUE });
    expect(queue).toMatchObject({ ok: true, queue: QUEUE });
    outputDir = (queue as { outputDir: string }).outputDir;
    printer = new IppDocumentPrinter(QUEUE, { pollIntervalMs: 100, stoppedAfterMs: 1500 });
  });
  afterAll(async () => {
    await removeQueue(QUEUE);
  });

  it('finds the embedded queue idle and ready, at its IPP address', async () => {
    expect(printer.target).toBe(`ipp://localhost:631/printers/${QUEUE}`);
    const status = await printer.status();
    expect(status).toMatchObject({ state: 'idle', reasons: [], acceptingJobs: true });
    expect(printerReadiness(status)).toEqual({ ready: true });
  });

  it('is idempotent: a second ensure keeps the queue', async () => {
    expect(await ensureEmbeddedCupsQueue({ queue: QUEUE })).toEqual({ ok: true, queue: QUEUE, outputDir: cupsPdfOutputDir() });
  });

  it('prints a 2-page PDF twice over: completed, the PDF lands in the cups-pdf folder, CUPS records 2 copies', async () => {
    const marker = `KIOSK${randomBytes(6).toString('hex').toUpperCase()}`;
    const request: DocumentPrintRequest = {
      pdf: await samplePdf(marker, 2),
      copies: 2,
      pages: 2,
      jobName: `kiosk test ${marker}`,
      media: 'iso_a4_210x297mm',
      sides: 'one-sided',
    };
    const outcome = await printer.print(request);
    expect(outcome).toMatchObject({ end: 'completed', copies: 2 });
    await expect
      .poll(() => pdfsIn(outputDir, marker).map((p) => p.text))
      .toEqual([expect.stringMatching(new RegExp(`${marker} page 1\\s+${marker} page 2\\s`))]);
    for (const { file } of pdfsIn(outputDir, marker)) rmSync(file);
    const record = cupsJobRecord(outcome.jobId);
    expect(record).toMatch(/copies \(integer\) = 2\n/);
    expect(record).toMatch(/job-impressions-completed \(integer\) = 4\n/);
  });

  it('reads a queue disabled with cupsdisable as stopped, and gives up on a job waiting in it', async () => {
    await disableQueue(QUEUE, 'test: queue stopped');
    try {
      const status = await printer.status();
      expect(status).toMatchObject({ state: 'stopped', acceptingJobs: true, message: 'test: queue stopped' });
      const readiness = printerReadiness(status);
      expect(readiness.ready).toBe(false);
      expect(readiness).toMatchObject({ reasons: expect.arrayContaining(['stopped']) as unknown });

      const request: DocumentPrintRequest = {
        pdf: await samplePdf('stopped'),
        copies: 1,
        jobName: 'kiosk test stopped',
        media: 'iso_a4_210x297mm',
        sides: 'one-sided',
      };
      const outcome = await printer.print(request);
      expect(outcome).toMatchObject({ end: 'stopped', copies: 0 });
      expect(cupsJobRecord(outcome.jobId)).toMatch(/job-state \(enum\) = canceled\n/);
    } finally {
      await enableQueue(QUEUE);
    }
    expect(printerReadiness(await printer.status())).toEqual({ ready: true });
  });

  it('throws DocumentPrinterUnreachable for a queue CUPS does not have', async () => {
    const error = await new IppDocumentPrinter('kiosk-test-no-such-queue').status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
    expect((error as DocumentPrinterUnreachable).ippStatus).toBe('client-error-not-found');
    expect((error as Error).message).toContain('ipp://localhost:631/printers/kiosk-test-no-such-queue');
  });
});
