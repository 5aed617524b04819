// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { KioskProvider } from '../../renderer/src/kiosk/kiosk-context';
import { DocumentPrinterPanel } from '../../renderer/src/screens/technician/DocumentPrinterPanel';
import { fakeCore, ok } from './helpers/document-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const STOPPED = {
  target: 'ipp://127.0.0.1:6310/printers/a4',
  emulated: true,
  answered: true,
  state: 'stopped',
  reasons: ['media-empty-error', 'door-open-report', 'spool-area-full'],
  ready: false,
  message: 'media-empty-error, door-open-report',
};
const IDLE = { ...STOPPED, state: 'idle', reasons: ['none'], ready: true, message: 'idle' };

describe('the A4 printer on the technician screen', () => {
  let container: HTMLDivElement;
  let root: Root;
  const i18n = createI18n();
  const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  beforeEach(async () => {
    await i18n.changeLanguage('zh-CN');
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('shows the state and the reasons in words, and how the test page ended, asking the state again after it', async () => {
    const states = [STOPPED, IDLE];
    const core = fakeCore({
      'tech.documentPrinter.status': () => ok(states.shift()),
      'tech.documentPrinter.testPage': () => ok({ end: 'completed', jobId: 12, detail: 'job 12 completed' }),
    });
    await act(async () => {
      const kiosk = {
        client: core.client,
        language: 'zh-CN' as const,
        setLanguage: () => undefined,
        elderMode: false,
        setElderMode: () => undefined,
        mode: 'technician' as const,
        voice: false,
      };
      root.render(
        createElement(I18nextProvider, { i18n }, createElement(KioskProvider, { value: kiosk }, createElement(DocumentPrinterPanel, { token: 't' }))),
      );
    });
    await expect.poll(() => byTestId('document-printer-state')?.textContent).toBe('已停止 · 不能打印');
    expect(byTestId('document-printer-reasons')!.textContent).toBe('缺纸 (media-empty-error)、机盖打开 (door-open-report)、spool-area-full');

    await act(async () => void byTestId('document-printer-test-page')!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await expect.poll(() => byTestId('document-printer-result')?.textContent).toBe('测试页：已打印完成 · job 12 completed');
    await expect.poll(() => byTestId('document-printer-state')?.textContent).toBe('空闲 · 可以打印');
    expect(byTestId('document-printer-reasons')!.textContent).toBe('无');
    expect(core.callsOf('tech.documentPrinter.testPage')).toEqual([{ token: 't' }]);
  });
});
