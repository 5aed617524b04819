// @vitest-environment jsdom
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentPrinterPanel } from '../../renderer/src/screens/technician/DocumentPrinterPanel';
import { fakeCore, ok } from './helpers/document-screen';
import { kioskScreenHarness } from './helpers/kiosk-screen';

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
  const h = kioskScreenHarness();
  const { byTestId } = h;

  beforeEach(() => h.mount());
  afterEach(() => h.unmount());

  it('shows the state and the reasons in words, and how the test page ended, asking the state again after it', async () => {
    const states = [STOPPED, IDLE];
    const core = fakeCore({
      'tech.documentPrinter.status': () => ok(states.shift()),
      'tech.documentPrinter.testPage': () => ok({ end: 'completed', jobId: 12, detail: 'job 12 completed' }),
    });
    await h.render(core, createElement(DocumentPrinterPanel, { token: 't' }), 'zh-CN', { mode: 'technician' });
    await expect.poll(() => byTestId('document-printer-state')?.textContent).toBe('已停止 · 不能打印');
    expect(byTestId('document-printer-reasons')!.textContent).toBe('缺纸 (media-empty-error)、机盖打开 (door-open-report)、spool-area-full');

    await act(async () => void byTestId('document-printer-test-page')!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await expect.poll(() => byTestId('document-printer-result')?.textContent).toBe('测试页：已打印完成 · job 12 completed');
    await expect.poll(() => byTestId('document-printer-state')?.textContent).toBe('空闲 · 可以打印');
    expect(byTestId('document-printer-reasons')!.textContent).toBe('无');
    expect(core.callsOf('tech.documentPrinter.testPage')).toEqual([{ token: 't' }]);
  });
});
