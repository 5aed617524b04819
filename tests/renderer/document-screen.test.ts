// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogService } from '../../common/catalog/schema';
import { rpcMethods, type RpcMethod, type RpcOutput, type RpcResult } from '../../common/rpc/contract';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { KioskProvider } from '../../renderer/src/kiosk/kiosk-context';
import { DocumentScreen } from '../../renderer/src/screens/citizen/DocumentScreen';
import type { PdfOpener } from '../../renderer/src/screens/citizen/document/pdf-pages';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const text = (zh: string, hk: string, en: string) => ({ 'zh-CN': zh, 'zh-HK': hk, en });
const SERVICE: CatalogService = {
  code: 'P1',
  kind: 'document',
  name: text('社保参保证明打印', '社保參保證明打印', 'Print'),
  category: 'c',
  requiresIdentity: true,
  form: null,
};
const DOCUMENTS: RpcOutput<'document.list'>['documents'] = [
  {
    id: 'si-2026',
    title: text('社会保险参保证明', '社會保險參保證明', 'Social insurance record'),
    issuer: text('市社保局', '市社保局', 'City SI'),
    pages: 2,
    validUntil: '2026-12-31',
  },
  { id: 'tax-2025', title: text('个人纳税记录', '個人納稅記錄', 'Tax record'), issuer: text('市税务局', '市稅務局', 'City Tax'), pages: 1, validUntil: null },
];
const PDF = '%PDF-1.7 a document of two pages';
const NOT_READY = text('打印机缺纸，暂不能打印', '打印機缺紙', 'Out of paper');

type Answer = RpcResult | Promise<RpcResult>;
/** An answer of the core; the fake checks it against the contract. */
const ok = (output: unknown): RpcResult => ({ ok: true, output }) as RpcResult;

/** A core answering the document calls as `answers` say, every input and output checked against the contract. */
function fakeCore(answers: Partial<Record<RpcMethod, () => Answer>>) {
  const calls: { method: string; input: unknown }[] = [];
  const bridge: KioskBridge = {
    invoke: async (name, input) => {
      const method = name as RpcMethod;
      rpcMethods[method].input.parse(input);
      calls.push({ method, input });
      const result = await (answers[method]?.() ?? ok({}));
      if (result.ok) rpcMethods[method].output.parse(result.output);
      return result;
    },
    on: () => () => undefined,
  };
  const callsOf = (method: RpcMethod) => calls.filter((c) => c.method === method).map((c) => c.input);
  return { client: new KioskClient(bridge), callsOf };
}

const listed = () => ok({ documents: DOCUMENTS });
const opened = () => ok({ id: 'si-2026', pages: 2, pdfBase64: btoa(PDF) });
const ready = () => ok({ ready: true, reasons: [], message: null });

/** pdf.js's part only (jsdom has no canvas): "draws" each page by sizing its canvas, and says what it was given. */
function fakePdf(pageCount = 2) {
  const seen = { bytes: [] as string[], drawn: [] as { page: number; width: number }[], destroyed: 0 };
  const open: PdfOpener = (bytes) => {
    seen.bytes.push(new TextDecoder().decode(bytes));
    return {
      ready: Promise.resolve({
        count: pageCount,
        render: async (page, canvas, width) => {
          seen.drawn.push({ page, width });
          canvas.width = width;
          canvas.height = Math.round(width * 1.414);
        },
      }),
      destroy: async () => void seen.destroyed++,
    };
  };
  return { open, seen };
}

describe('证明打印 on screen', () => {
  let container: HTMLDivElement;
  let root: Root;
  let done: number;
  const i18n = createI18n();
  const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
  const click = (el: HTMLElement | null) => act(async () => void el!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  const render = (core: ReturnType<typeof fakeCore>, open: PdfOpener, elderMode = false) =>
    act(async () => {
      const kiosk = {
        client: core.client,
        language: 'zh-CN' as const,
        setLanguage: () => undefined,
        elderMode,
        setElderMode: () => undefined,
        mode: 'citizen' as const,
        voice: false,
      };
      const screen = createElement(DocumentScreen, { service: SERVICE, onDone: () => void done++, openPdf: open });
      root.render(createElement(I18nextProvider, { i18n }, createElement(KioskProvider, { value: kiosk }, screen)));
    });
  /** From the list to the preview of the first document, every page drawn. */
  const openFirst = async (pdf: ReturnType<typeof fakePdf>) => {
    await expect.poll(() => all('document-item').length).toBe(2);
    await click(all('document-item')[0]!);
    await expect.poll(() => all('document-page').length).toBe(2);
    await expect.poll(() => pdf.seen.drawn.length).toBe(2);
  };

  beforeEach(async () => {
    await i18n.changeLanguage('zh-CN');
    done = 0;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('lists each document with its title, issuer, pages and validity, and previews every page from the bytes', async () => {
    const core = fakeCore({ 'document.list': listed, 'document.open': opened });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await expect.poll(() => all('document-item').length).toBe(2);
    expect(all('document-item').map((i) => i.textContent)).toEqual([
      '社会保险参保证明市社保局共 2 页有效期至 2026-12-31',
      '个人纳税记录市税务局共 1 页长期有效',
    ]);

    await openFirst(pdf);
    expect(core.callsOf('document.open')).toEqual([{ id: 'si-2026' }]);
    expect(pdf.seen.bytes).toEqual([PDF]);
    expect(pdf.seen.drawn.map((d) => d.page)).toEqual([1, 2]);
    expect(all('document-page').map((c) => (c as HTMLCanvasElement).width)).toEqual([794, 794]);
    expect(byTestId('document-page-indicator')!.textContent).toBe('第 1 页 / 共 2 页');
    await click(byTestId('document-page-next'));
    expect(byTestId('document-page-indicator')!.textContent).toBe('第 2 页 / 共 2 页');
    expect(byTestId('document-zoom-in')).toBeNull();
  });

  it("says the core's sentence when the list cannot be had, and that there is nothing when it is empty", async () => {
    const refused = (): RpcResult => ({
      ok: false,
      error: { code: 'unavailable', message: 'hub down', citizenMessage: text('暂时无法查询，请稍后再试', '暫時無法查詢', 'Try later') },
    });
    await render(fakeCore({ 'document.list': refused }), fakePdf().open);
    await expect.poll(() => byTestId('document-problem')?.textContent).toBe('暂时无法查询，请稍后再试');
    expect(all('document-item')).toEqual([]);

    await render(fakeCore({ 'document.list': () => ok({ documents: [] }) }), fakePdf().open);
    await expect.poll(() => byTestId('document-none')?.textContent).toBe('暂无可打印的证明');
  });

  it('shows why the printer cannot print, and neither asks for copies nor prints', async () => {
    const core = fakeCore({
      'document.list': listed,
      'document.open': opened,
      'document.printerStatus': () => ok({ ready: false, reasons: ['media-empty'], message: NOT_READY }),
    });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await openFirst(pdf);
    await click(byTestId('document-print'));
    await expect.poll(() => byTestId('document-printer-not-ready')?.textContent).toBe('打印机缺纸，暂不能打印');
    expect(core.callsOf('document.printerStatus')).toHaveLength(1);
    expect(byTestId('document-copies')).toBeNull();
    expect(core.callsOf('document.print')).toEqual([]);
  });

  it('prints the copies chosen once, however often 开始打印 is touched, and says how many sheets to take', async () => {
    let printed!: (r: RpcResult) => void;
    const core = fakeCore({
      'document.list': listed,
      'document.open': opened,
      'document.printerStatus': ready,
      'document.print': () => new Promise<RpcResult>((resolve) => (printed = resolve)),
    });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await openFirst(pdf);
    await click(byTestId('document-print'));
    await expect.poll(() => byTestId('document-copies')).not.toBeNull();
    expect(byTestId('document-copies-1')!.getAttribute('aria-pressed')).toBe('true');
    await click(byTestId('document-copies-2'));
    expect(byTestId('document-copies-2')!.getAttribute('aria-pressed')).toBe('true');

    await click(byTestId('document-print-confirm'));
    await click(byTestId('document-print-confirm'));
    expect(byTestId('document-printing')!.textContent).toBe('正在打印…');
    expect((byTestId('document-print-confirm') as HTMLButtonElement).disabled).toBe(true);
    expect(core.callsOf('document.print')).toEqual([{ id: 'si-2026', copies: 2, lang: 'zh-CN' }]);

    await act(async () => printed(ok({ outcome: 'printed', pages: 2, copies: 2 })));
    expect(byTestId('document-printed')!.textContent).toBe('请取走打印的文件');
    expect(byTestId('document-sheets')!.textContent).toBe('共 4 张（2 页 × 2 份）');
    // The preview went with the printing: pdf.js's document destroyed, no page left drawn.
    expect(all('document-page')).toEqual([]);
    expect(pdf.seen.destroyed).toBe(1);
    await click(byTestId('document-done'));
    expect(done).toBe(1);
  });

  it('offers 重新打印 when the core says it may be tried again, printing the same document and copies', async () => {
    const outcomes = [
      ok({ outcome: 'not-printed', reason: 'aborted', message: text('打印中断，未能完成', '打印中斷', 'Aborted'), mayRetry: true }),
      ok({ outcome: 'printed', pages: 2, copies: 3 }),
    ];
    const core = fakeCore({ 'document.list': listed, 'document.open': opened, 'document.printerStatus': ready, 'document.print': () => outcomes.shift()! });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await openFirst(pdf);
    await click(byTestId('document-print'));
    await expect.poll(() => byTestId('document-copies-3')).not.toBeNull();
    await click(byTestId('document-copies-3'));
    await click(byTestId('document-print-confirm'));
    await expect.poll(() => byTestId('document-not-printed')?.textContent).toBe('打印中断，未能完成');

    await click(byTestId('document-retry'));
    await expect.poll(() => byTestId('document-sheets')?.textContent).toBe('共 6 张（2 页 × 3 份）');
    expect(core.callsOf('document.print')).toEqual([
      { id: 'si-2026', copies: 3, lang: 'zh-CN' },
      { id: 'si-2026', copies: 3, lang: 'zh-CN' },
    ]);
  });

  it('offers no 重新打印 when the core says it may not be tried again', async () => {
    const refused = ok({ outcome: 'not-printed', reason: 'unreachable', message: text('打印机无法连接', '打印機無法連接', 'Unreachable'), mayRetry: false });
    const core = fakeCore({ 'document.list': listed, 'document.open': opened, 'document.printerStatus': ready, 'document.print': () => refused });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await openFirst(pdf);
    await click(byTestId('document-print'));
    await expect.poll(() => byTestId('document-print-confirm')).not.toBeNull();
    await click(byTestId('document-print-confirm'));
    await expect.poll(() => byTestId('document-not-printed')?.textContent).toBe('打印机无法连接');
    expect(byTestId('document-retry')).toBeNull();
  });

  it('leaves nothing of the document when the screen goes: pdf.js destroyed, every canvas emptied and shrunk', async () => {
    const core = fakeCore({ 'document.list': listed, 'document.open': opened });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await openFirst(pdf);
    const canvases = all('document-page') as HTMLCanvasElement[];
    expect(canvases.map((c) => c.width)).toEqual([794, 794]);
    act(() => root.unmount());
    expect(canvases.map((c) => [c.width, c.height])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    await expect.poll(() => pdf.seen.destroyed).toBe(1);
    root = createRoot(container);
  });

  it('destroys the preview when the citizen goes back to the list', async () => {
    const pdf = fakePdf();
    await render(fakeCore({ 'document.list': listed, 'document.open': opened }), pdf.open);
    await openFirst(pdf);
    const canvases = all('document-page') as HTMLCanvasElement[];
    await click(byTestId('document-back'));
    expect(all('document-item')).toHaveLength(2);
    expect(canvases.every((c) => c.width === 0 && c.height === 0)).toBe(true);
    expect(pdf.seen.destroyed).toBe(1);
  });

  it('draws the pages larger in 长辈版 with the zoom', async () => {
    const pdf = fakePdf();
    await render(fakeCore({ 'document.list': listed, 'document.open': opened }), pdf.open, true);
    await openFirst(pdf);
    await click(byTestId('document-zoom-in'));
    await expect.poll(() => pdf.seen.drawn.length).toBe(4);
    expect(pdf.seen.drawn.slice(2).map((d) => d.width)).toEqual([1191, 1191]);
    expect(byTestId('document-preview')!.getAttribute('data-zoom')).toBe('1.5');
  });
});
