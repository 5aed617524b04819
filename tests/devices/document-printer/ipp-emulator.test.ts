import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentPrinterUnreachable, printerReadiness, type DocumentPrintRequest } from '../../../devices/document-printer/document-printer';
import { IppDocumentPrinter } from '../../../devices/document-printer/ipp-document-printer';
import { sendIpp, type IppOperation } from '../../../devices/document-printer/ipp-request';
import { startIppPrinterEmulator, type IppPrinterEmulator, type IppRequestSeen } from '../../../testing/ipp-printer-emulator/ipp-printer-emulator';
import { nextEvent } from '../../helpers/next-event';
import { samplePdf } from './sample-pdf';

// IppDocumentPrinter against the IPP printer emulator, for the states a cups-pdf queue cannot show.
describe('IppDocumentPrinter against an emulated IPP printer', () => {
  let emulator: IppPrinterEmulator;
  let printer: IppDocumentPrinter;
  let job: DocumentPrintRequest;

  beforeEach(async () => {
    emulator = await startIppPrinterEmulator();
    printer = new IppDocumentPrinter(emulator.uri, { pollIntervalMs: 20, stoppedAfterMs: 300 });
    job = { pdf: await samplePdf('emulated'), copies: 2, pages: 2, jobName: 'kiosk document', media: 'iso_a4_210x297mm', sides: 'one-sided' };
  });
  afterEach(() => emulator.close());

  it('reads an idle printer as ready', async () => {
    const status = await printer.status();
    expect(status).toEqual({ state: 'idle', reasons: [], acceptingJobs: true, message: '' });
    expect(printerReadiness(status)).toEqual({ ready: true });
  });

  it('names paper out and an open door as what stops printing', async () => {
    emulator.setPrinter({ state: 'stopped', reasons: ['media-empty-error', 'door-open-error'], message: 'Load A4 paper' });
    const status = await printer.status();
    expect(status).toEqual({ state: 'stopped', reasons: ['media-empty-error', 'door-open-error'], acceptingJobs: true, message: 'Load A4 paper' });
    expect(printerReadiness(status)).toEqual({ ready: false, reasons: ['stopped', 'media-empty', 'door-open'] });
  });

  it('lets warnings and reports pass', async () => {
    emulator.setPrinter({ reasons: ['toner-low-warning', 'offline-report', 'media-low-report'] });
    const status = await printer.status();
    expect(status.reasons).toEqual(['toner-low-warning', 'offline-report', 'media-low-report']);
    expect(printerReadiness(status)).toEqual({ ready: true });
  });

  it('prints: the printer receives the PDF with the job template and the job completes', async () => {
    emulator.setJobFate({ end: 'completed', afterMs: 50, impressions: 4 });
    const created: number[] = [];
    const outcome = await printer.print(job, { onJobCreated: (id) => created.push(id) });
    expect(outcome).toEqual({ end: 'completed', jobId: 1, reasons: ['job-completed-successfully'], copies: 2 });
    expect(created).toEqual([1]);
    expect(emulator.jobs).toEqual([
      {
        id: 1,
        jobName: 'kiosk document',
        userName: 'kiosk',
        documentFormat: 'application/pdf',
        copies: 2,
        media: 'iso_a4_210x297mm',
        sides: 'one-sided',
        bytes: job.pdf.length,
        canceledByClient: false,
      },
    ]);
  });

  it('reports a job the printer aborted', async () => {
    emulator.setJobFate({ end: 'aborted', afterMs: 30 });
    const outcome = await printer.print(job);
    expect(outcome).toEqual({ end: 'aborted', jobId: 1, reasons: ['aborted-by-system'], copies: 0 });
  });

  it('gives up on a job stopped mid-way and cancels it, so it cannot come out later', async () => {
    emulator.setJobFate({ end: 'processing-stopped', reason: 'media-jam' });
    const outcome = await printer.print(job);
    expect(outcome).toEqual({ end: 'stopped', jobId: 1, reasons: ['media-jam'], copies: 0 });
    expect(emulator.requests).toContainEqual({ operation: 'Cancel-Job', jobId: 1 });
    expect(emulator.jobs[0]?.canceledByClient).toBe(true);
  });

  it('sends Cancel-Job when the signal aborts and reports the job canceled', async () => {
    emulator.setJobFate({ end: 'processing' });
    const controller = new AbortController();
    const polled = nextEvent<IppRequestSeen>(emulator, 'request', (r) => r.operation === 'Get-Job-Attributes');
    const printing = printer.print(job, { signal: controller.signal });
    await polled;
    controller.abort();
    const outcome = await printing;
    expect(outcome).toEqual({ end: 'canceled', jobId: 1, reasons: ['job-canceled-by-user'], copies: 0 });
    expect(emulator.requests).toContainEqual({ operation: 'Cancel-Job', jobId: 1 });
  });

  it('sends nothing when the signal aborted before the job', async () => {
    const controller = new AbortController();
    controller.abort(new Error('citizen left'));
    await expect(printer.print(job, { signal: controller.signal })).rejects.toThrow('citizen left');
    expect(emulator.jobs).toEqual([]);
  });

  it('throws DocumentPrinterUnreachable when the printer vanishes mid-job', async () => {
    emulator.setJobFate({ end: 'vanish' });
    const error = await printer.print(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
    expect((error as Error).message).toContain(emulator.uri);
    await expect(printer.status()).rejects.toBeInstanceOf(DocumentPrinterUnreachable);
  });

  it('throws DocumentPrinterUnreachable, with the IPP status, when the printer refuses jobs', async () => {
    emulator.setPrinter({ acceptingJobs: false });
    expect(printerReadiness(await printer.status())).toEqual({ ready: false, reasons: ['not-accepting-jobs'] });
    const error = await printer.print(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
    expect((error as DocumentPrinterUnreachable).ippStatus).toBe('server-error-not-accepting-jobs');
    expect(emulator.jobs).toEqual([]);
  });

  it('answers Validate-Job, and an operation it does not know with an IPP error', async () => {
    const endpoint = { printerUri: emulator.uri, timeoutMs: 5000 };
    const valid = await sendIpp(endpoint, {
      operation: 'Validate-Job',
      operationAttributes: { 'requesting-user-name': 'kiosk', 'document-format': 'application/pdf' },
    });
    expect(valid.status).toBe('successful-ok');
    const unknown = await sendIpp(endpoint, { operation: 'Pause-Printer' as IppOperation, operationAttributes: { 'requesting-user-name': 'kiosk' } }).catch(
      (e: unknown) => e,
    );
    expect(unknown).toBeInstanceOf(DocumentPrinterUnreachable);
    expect((unknown as DocumentPrinterUnreachable).ippStatus).toBe('server-error-operation-not-supported');
  });

  it('never puts the document in an error message', async () => {
    const secret = 'ZHANG-SAN-110101199003077777';
    const pdf = Buffer.from(`%PDF-1.4 ${secret}`);
    emulator.setJobFate({ end: 'vanish' });
    const error = await printer.print({ ...job, pdf }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
    expect(String((error as Error).message) + String((error as Error).stack)).not.toContain(secret);
  });
});

describe('IppDocumentPrinter without a printer', () => {
  it('throws DocumentPrinterUnreachable when nothing listens', async () => {
    const emulator = await startIppPrinterEmulator();
    const uri = emulator.uri;
    await emulator.close();
    const error = await new IppDocumentPrinter(uri).status().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
    expect((error as DocumentPrinterUnreachable).message).toMatch(/cannot be reached: ECONNREFUSED/);
    expect((error as DocumentPrinterUnreachable).ippStatus).toBeNull();
  });

  it('throws DocumentPrinterUnreachable when a web server that is no printer answers', async () => {
    let answer = { code: 404, body: Buffer.alloc(0) };
    const web = http.createServer((_req, res) => res.writeHead(answer.code).end(answer.body));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const printer = new IppDocumentPrinter(`ipp://127.0.0.1:${(web.address() as AddressInfo).port}/ipp/print`);
    try {
      await expect(printer.status()).rejects.toThrow(/answered HTTP 404/);
      answer = { code: 200, body: Buffer.from('<html>router login</html>') };
      const error = await printer.status().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
      expect((error as Error).message).toContain('answered Get-Printer-Attributes with something that is not IPP');
    } finally {
      web.close();
    }
  });

  it('throws DocumentPrinterUnreachable when a server accepts the connection but never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await new IppDocumentPrinter(`ipp://127.0.0.1:${port}/ipp/print`, { requestTimeoutMs: 300 }).status().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentPrinterUnreachable);
      expect((error as Error).message).toContain('did not answer within 300 ms');
    } finally {
      silent.close();
    }
  });
});
