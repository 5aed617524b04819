// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RpcResult } from '../../common/rpc/contract';
import { documentScreenHarness, fakeCore, fakePdf, listed, NOT_READY, ok, opened, PDF, ready, text } from './helpers/document-screen';
import { sessionHeld } from '../../renderer/src/session/session-hold';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('证明打印 on screen', () => {
  const h = documentScreenHarness();
  const { byTestId, all, click } = h;
  const render = (core: ReturnType<typeof fakeCore>, open: ReturnType<typeof fakePdf>['open'], elderMode = false) => h.render(core, open, { elderMode });
  /** From the list to the preview of the first document, every page drawn. */
  const openFirst = async (pdf: ReturnType<typeof fakePdf>) => {
    await expect.poll(() => all('document-item').length).toBe(2);
    await click(all('document-item')[0]!);
    await expect.poll(() => all('document-page').length).toBe(2);
    await expect.poll(() => pdf.seen.drawn.length).toBe(2);
  };

  beforeEach(() => h.mount());
  afterEach(() => h.unmount());

  it('lists each document with its title, issuer, pages and validity, and previews every page from the bytes', async () => {
    const core = fakeCore({ 'document.list': listed, 'document.open': opened });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await expect.poll(() => all('document-item').length).toBe(2);
    expect(all('document-item').map((i) => i.textContent)).toEqual([
      '社会保险参保证明市社保局共 2 页有效期至 2026-12-31',
      '个人纳税记录市税务局共 1 页长期有效',
    ]);

    expect(core.callsOf('document.list')).toEqual([{ serviceCode: 'P1' }]);
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
    expect(h.done).toBe(1);
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

  it('holds the session while the job prints, so the idle countdown cannot end it before 请取走', async () => {
    let finish!: (r: RpcResult) => void;
    const printing = new Promise<RpcResult>((resolve) => (finish = resolve));
    const core = fakeCore({ 'document.list': listed, 'document.open': opened, 'document.printerStatus': ready, 'document.print': () => printing });
    const pdf = fakePdf();
    await render(core, pdf.open);
    await openFirst(pdf);
    await click(byTestId('document-print'));
    await expect.poll(() => byTestId('document-copies-1')).not.toBeNull();
    expect(sessionHeld()).toBe(false);
    await click(byTestId('document-print-confirm'));
    await expect.poll(() => byTestId('document-printing')).not.toBeNull();
    expect(sessionHeld()).toBe(true);
    finish(ok({ outcome: 'printed', pages: 2, copies: 1 }));
    await expect.poll(() => byTestId('document-printed')).not.toBeNull();
    expect(sessionHeld()).toBe(false);
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
    h.unmount();
    expect(canvases.map((c) => [c.width, c.height])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    await expect.poll(() => pdf.seen.destroyed).toBe(1);
    await h.mount();
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

  it('says each step: the list, the preview, the printer not ready, the copies, printing and what to take', async () => {
    const spoken: string[] = [];
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        lang = '';
        constructor(readonly text: string) {}
      },
    );
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        cancel: () => undefined,
        speak: (u: { text: string }) => spoken.push(u.text),
        getVoices: () => [{ name: 'Microsoft Xiaoxiao', lang: 'zh-CN', default: true, localService: true }],
      },
      configurable: true,
    });
    const status = [ok({ ready: false, reasons: ['media-empty'], message: NOT_READY }), ready()];
    const core = fakeCore({
      'document.list': listed,
      'document.open': opened,
      'document.printerStatus': () => status.shift()!,
      'document.print': () => ok({ outcome: 'printed', pages: 2, copies: 1 }),
    });
    const pdf = fakePdf();
    try {
      await h.render(core, pdf.open, { voice: true });
      await openFirst(pdf);
      await click(byTestId('document-print'));
      await expect.poll(() => byTestId('document-printer-not-ready')).not.toBeNull();
      await click(byTestId('document-print'));
      await expect.poll(() => byTestId('document-print-confirm')).not.toBeNull();
      await click(byTestId('document-print-confirm'));
      await expect.poll(() => byTestId('document-printed')).not.toBeNull();
      expect(spoken).toEqual([
        '请选择要打印的证明',
        '正在打开文件…',
        '请核对文件内容，确认无误后点击打印',
        '正在检查打印机…',
        '打印机缺纸，暂不能打印',
        '正在检查打印机…',
        '请选择打印份数',
        '正在打印，请稍候',
        '请取走打印的文件，共 2 张（2 页 × 1 份）',
      ]);
    } finally {
      vi.unstubAllGlobals();
      Reflect.deleteProperty(window, 'speechSynthesis');
    }
  });
});
