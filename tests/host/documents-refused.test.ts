import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { call, callResult } from '../helpers/core-call';
import { subjectKioskGives } from '../helpers/card-subject-in-kiosk';
import { StaticKeyProvider } from '../../base/key-provider';
import { IppDocumentPrinter } from '../../devices/document-printer/ipp-document-printer';
import { startIppPrinterEmulator, type IppPrinterEmulator } from '../../testing/ipp-printer-emulator/ipp-printer-emulator';
import { attachedFile, cleanChineseDocument, openActionJavaScript, PNG_1X1, declaredEncrypted } from '../core/documents/pdf-fixtures';

const TITLE = { 'zh-CN': '测试证明', 'zh-HK': '測試證明', en: 'Test certificate' };
const ISSUER = { 'zh-CN': '测试局', 'zh-HK': '測試局', en: 'Test bureau' };

/**
 * A document the hub hands over that the kiosk must not show: refused in the core before a byte
 * reaches the renderer, with one sentence for the citizen and the reason in the technician's log;
 * and the hub's checksum not matching the bytes.
 */
describe('documents refused before preview', () => {
  let kiosk: TestKiosk;
  let printer: IppPrinterEmulator;
  let subject: string;

  const layCard = async () => {
    const read = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await read;
    kiosk.embedded.idCardEmulator!.emulator.remove();
  };
  const put = (id: string, pdf: Buffer, sha256?: string) =>
    kiosk.hub.embedded!.hub.store.documents.put(subject, { id, title: TITLE, issuer: ISSUER, pages: 1, validUntil: null, pdf, ...(sha256 ? { sha256 } : {}) });

  beforeAll(async () => {
    printer = await startIppPrinterEmulator();
    kiosk = await bootTestKiosk('documents-refused', {
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 9)),
      documentPrinting: { setup: async () => ({ kind: 'printer', printer: new IppDocumentPrinter(printer.uri, { pollIntervalMs: 20 }), emulated: false }) },
    });
    subject = await subjectKioskGives(kiosk);
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    await printer?.close();
  });

  it.each([
    ['scripts', () => openActionJavaScript({ useObjectStreams: true })],
    ['embedded-files', attachedFile],
    ['encrypted', () => declaredEncrypted({ useObjectStreams: false })],
    ['not-pdf', async () => PNG_1X1],
  ] as const)('refuses a document with %s, saying so in one sentence, and it cannot be printed', async (reason, make) => {
    const id = `hostile-${reason}`;
    put(id, await make());
    await layCard();
    const { documents } = await call(kiosk.core, 'document.list', { serviceCode: 'P1' });
    expect(documents.map((d) => d.id)).toContain(id);
    const r = await callResult(kiosk.core, 'document.open', { id });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: `document refused: ${reason}`, citizenMessage: { 'zh-CN': expect.stringContaining('请到窗口办理') } },
    });
    const jobs = printer.jobs.length;
    expect(await callResult(kiosk.core, 'document.print', { id, copies: 1, lang: 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(printer.jobs.length).toBe(jobs);
  });

  it('refuses a document whose bytes do not match the checksum the hub announced', async () => {
    put('tampered', await cleanChineseDocument(), '0'.repeat(64));
    await layCard();
    await call(kiosk.core, 'document.list', { serviceCode: 'P1' });
    expect(await callResult(kiosk.core, 'document.open', { id: 'tampered' })).toMatchObject({ ok: false, error: { message: 'document refused: unreadable' } });
  });

  it('opens the same clean document the hub put', async () => {
    put('clean', await cleanChineseDocument());
    await layCard();
    await call(kiosk.core, 'document.list', { serviceCode: 'P2' });
    expect(await call(kiosk.core, 'document.open', { id: 'clean' })).toMatchObject({ id: 'clean', pages: 2 });
  });

  it('says plainly to try later when the hub does not answer', async () => {
    await layCard();
    await kiosk.hub.embedded!.hub.stop();
    expect(await callResult(kiosk.core, 'document.list', { serviceCode: 'P1' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', citizenMessage: { 'zh-CN': '暂时无法获取可打印的证明，请稍后再试，或到窗口办理' } },
    });
  });
});
