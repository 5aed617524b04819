import { act, createElement } from 'react';
import type { CatalogService } from '../../../common/catalog/schema';
import { rpcMethods, type RpcMethod, type RpcOutput, type RpcResult } from '../../../common/rpc/contract';
import type { KioskBridge } from '../../../renderer/src/bridge/kiosk-bridge';
import { KioskClient } from '../../../renderer/src/bridge/kiosk-client';
import { DocumentScreen } from '../../../renderer/src/screens/citizen/DocumentScreen';
import type { PdfOpener } from '../../../renderer/src/screens/citizen/document/pdf-pages';
import { kioskScreenHarness, type KioskSettings } from './kiosk-screen';

/** 证明打印 in the renderer's tests: a core answering the document calls, pdf.js's drawing replaced, the screen mounted. */

export const text = (zh: string, hk: string, en: string) => ({ 'zh-CN': zh, 'zh-HK': hk, en });
export const SERVICE: CatalogService = {
  code: 'P1',
  kind: 'document',
  name: text('社保参保证明打印', '社保參保證明打印', 'Print'),
  category: 'c',
  requiresIdentity: true,
  form: null,
};
export const DOCUMENTS: RpcOutput<'document.list'>['documents'] = [
  {
    id: 'si-2026',
    title: text('社会保险参保证明', '社會保險參保證明', 'Social insurance record'),
    issuer: text('市社保局', '市社保局', 'City SI'),
    pages: 2,
    validUntil: '2026-12-31',
  },
  { id: 'tax-2025', title: text('个人纳税记录', '個人納稅記錄', 'Tax record'), issuer: text('市税务局', '市稅務局', 'City Tax'), pages: 1, validUntil: null },
];
export const PDF = '%PDF-1.7 a document of two pages';
export const NOT_READY = text('打印机缺纸，暂不能打印', '打印機缺紙', 'Out of paper');

export type Answer = RpcResult | Promise<RpcResult>;
/** An answer of the core; the fake checks it against the contract. */
export const ok = (output: unknown): RpcResult => ({ ok: true, output }) as RpcResult;

/** A core answering the document calls as `answers` say, every input and output checked against the contract. */
export function fakeCore(answers: Partial<Record<RpcMethod, () => Answer>>) {
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

export const listed = () => ok({ documents: DOCUMENTS });
export const opened = () => ok({ id: 'si-2026', pages: 2, pdfBase64: btoa(PDF) });
export const ready = () => ok({ ready: true, reasons: [], message: null });

/** pdf.js's part only (jsdom has no canvas): "draws" each page by sizing its canvas, and says what it was given. */
export function fakePdf(pageCount = 2) {
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

export type FakeCore = ReturnType<typeof fakeCore>;

/** DocumentScreen in a container of the document, in Simplified Chinese; `done` counts 完成. */
export function documentScreenHarness() {
  const screen = kioskScreenHarness();
  const harness = {
    ...screen,
    done: 0,
    mount() {
      harness.done = 0;
      screen.mount();
    },
    render: (core: FakeCore, open: PdfOpener, settings: Pick<KioskSettings, 'elderMode' | 'voice'> = {}) =>
      screen.render(core, createElement(DocumentScreen, { service: SERVICE, onDone: () => void harness.done++, openPdf: open }), 'zh-CN', settings),
    click: (el: HTMLElement | null) => act(async () => void el!.dispatchEvent(new MouseEvent('click', { bubbles: true }))),
  };
  return harness;
}
