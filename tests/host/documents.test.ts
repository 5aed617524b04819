import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { call, callResult } from '../helpers/core-call';
import { StaticKeyProvider } from '../../base/key-provider';
import { IppDocumentPrinter } from '../../devices/document-printer/ipp-document-printer';
import { startIppPrinterEmulator, type IppPrinterEmulator } from '../../testing/ipp-printer-emulator/ipp-printer-emulator';

/**
 * 证明打印 through the core, on the embedded defaults' local hub (sample documents) and an IPP
 * printer emulator on loopback, which can say what cups-pdf cannot: out of paper, a door open, a
 * job aborted by the printer, a print system gone mid-job.
 */
describe('official documents printed through the print system', () => {
  let kiosk: TestKiosk;
  let printer: IppPrinterEmulator;

  const layCard = async (card: string) => {
    const read = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place(card);
    await read;
    kiosk.embedded.idCardEmulator!.emulator.remove();
  };
  /** The `document.printed` records the hub has, once the outbox is drained. */
  const printedRecords = async () => {
    await kiosk.queue.engine.syncNow();
    expect(kiosk.queue.outbox.hasPending()).toBe(false);
    return kiosk.hub.embedded!.hub.store.countItems('document.printed');
  };

  beforeAll(async () => {
    printer = await startIppPrinterEmulator();
    kiosk = await bootTestKiosk('documents', {
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
      documentPrinting: {
        setup: async () => ({ kind: 'printer', printer: new IppDocumentPrinter(printer.uri, { pollIntervalMs: 20, stoppedAfterMs: 400 }), emulated: false }),
      },
    });
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    await printer?.close();
  });

  it('asks for the citizen first', async () => {
    expect(await callResult(kiosk.core, 'document.list', { serviceCode: 'P1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lists the service’s documents, opens one checked, and prints two copies counted once', async () => {
    await layCard('resident');
    const { documents } = await call(kiosk.core, 'document.list', { serviceCode: 'P1' });
    expect(documents.map((d) => d.title['zh-CN'])).toEqual(['社会保险参保证明']);
    const doc = documents[0]!;
    expect(doc.issuer['zh-CN']).toContain('社会保险');
    const opened = await call(kiosk.core, 'document.open', { id: doc.id });
    expect(opened.pages).toBe(doc.pages);
    expect(Buffer.from(opened.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    expect(await call(kiosk.core, 'document.printerStatus', {})).toEqual({ ready: true, reasons: [], message: null });
    const result = await call(kiosk.core, 'document.print', { id: doc.id, copies: 2, lang: 'zh-CN' });
    expect(result).toEqual({ outcome: 'printed', pages: doc.pages, copies: 2 });
    const job = printer.jobs.at(-1)!;
    expect(job).toMatchObject({ copies: 2, documentFormat: 'application/pdf', media: 'iso_a4_210x297mm', sides: 'one-sided' });
    expect(job.jobName).not.toContain(doc.title['zh-CN']);
    expect(await printedRecords()).toBe(1);
    expect(kiosk.core.devices.get('documentPrinter')?.state).toBe('ready');
  });

  it('says the printer is out of paper before copies are chosen, and sends nothing', async () => {
    await layCard('resident');
    const { documents } = await call(kiosk.core, 'document.list', { serviceCode: 'P2' });
    await call(kiosk.core, 'document.open', { id: documents[0]!.id });
    const jobsBefore = printer.jobs.length;
    const recordsBefore = await printedRecords();
    printer.setPrinter({ state: 'stopped', reasons: ['media-empty-error'] });
    try {
      const status = await call(kiosk.core, 'document.printerStatus', {});
      expect(status).toMatchObject({ ready: false, reasons: expect.arrayContaining(['media-empty']) });
      expect(status.message!['zh-CN']).toContain('打印机缺纸');
      printer.setPrinter({ state: 'idle', reasons: ['door-open-error'] });
      expect((await call(kiosk.core, 'document.printerStatus', {})).message!['zh-CN']).toContain('舱门');
      // The citizen pressed 打印 anyway (an old screen): the core asks again and sends nothing.
      expect(await call(kiosk.core, 'document.print', { id: documents[0]!.id, copies: 1, lang: 'zh-CN' })).toMatchObject({
        outcome: 'not-printed',
        reason: 'not-ready',
      });
      expect(printer.jobs.length).toBe(jobsBefore);
      expect(await printedRecords()).toBe(recordsBefore);
      expect(kiosk.core.devices.get('documentPrinter')).toMatchObject({ state: 'not-ready', detail: 'door-open' });
    } finally {
      printer.setPrinter({ state: 'idle', reasons: [] });
    }
  });

  it('tells of a job the printer aborted, and a retry that completes makes one record', async () => {
    await layCard('resident');
    const { documents } = await call(kiosk.core, 'document.list', { serviceCode: 'P1' });
    const id = documents[0]!.id;
    await call(kiosk.core, 'document.open', { id });
    const recordsBefore = await printedRecords();
    printer.setJobFate({ end: 'aborted', reason: 'aborted-by-system' });
    const aborted = await call(kiosk.core, 'document.print', { id, copies: 1, lang: 'zh-CN' });
    expect(aborted).toMatchObject({ outcome: 'not-printed', reason: 'aborted', mayRetry: true });
    expect(aborted.outcome === 'not-printed' && aborted.message['zh-CN']).toContain('打印没有完成');
    expect(await printedRecords()).toBe(recordsBefore);
    expect(kiosk.core.devices.get('documentPrinter')?.lastError?.message).toContain('aborted');

    printer.setJobFate({ end: 'completed' });
    expect(await call(kiosk.core, 'document.print', { id, copies: 1, lang: 'zh-CN' })).toMatchObject({ outcome: 'printed', copies: 1 });
    expect(await printedRecords()).toBe(recordsBefore + 1);
  });

  it('refuses a document that is not this citizen’s, and forgets the opened one when the session ends', async () => {
    await layCard('resident');
    const { documents } = await call(kiosk.core, 'document.list', { serviceCode: 'P1' });
    expect(await callResult(kiosk.core, 'document.open', { id: 'someone-else' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const opened = await call(kiosk.core, 'document.open', { id: documents[0]!.id });
    expect(createHash('sha256').update(Buffer.from(opened.pdfBase64, 'base64')).digest('hex')).toMatch(/^[0-9a-f]{64}$/);
    await call(kiosk.core, 'session.reset', { reason: 'done' });
    expect(await callResult(kiosk.core, 'document.print', { id: documents[0]!.id, copies: 1, lang: 'zh-CN' })).toMatchObject({ ok: false });
  });
  it('says when the print system went away mid-job, without a record', async () => {
    await layCard('resident');
    const { documents } = await call(kiosk.core, 'document.list', { serviceCode: 'P1' });
    const id = documents[0]!.id;
    await call(kiosk.core, 'document.open', { id });
    const recordsBefore = await printedRecords();
    printer.setJobFate({ end: 'vanish' });
    const r = await call(kiosk.core, 'document.print', { id, copies: 1, lang: 'en' });
    expect(r).toMatchObject({ outcome: 'not-printed', reason: 'unreachable', mayRetry: true });
    expect(await printedRecords()).toBe(recordsBefore);
  });
});
