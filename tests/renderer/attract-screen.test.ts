// @vitest-environment jsdom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttractInfo } from '../../common/rpc/contract';
import { AttractScreen } from '../../renderer/src/screens/citizen/AttractScreen';
import { fakeCore, ok, text } from './helpers/document-screen';
import { kioskScreenHarness } from './helpers/kiosk-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const DAY: AttractInfo = {
  notices: [
    { id: 'n1', title: text('窗口调整', '窗口調整', 'Counters moved'), body: text('不动产移至 3 楼', '不動產移至 3 樓', 'Real estate is on the 3rd floor') },
  ],
  staffedHours: text('周一至周五 09:00–17:00', '週一至週五 09:00–17:00', 'Mon–Fri 09:00–17:00'),
  night: false,
  nightServices: [text('证明打印', '證明打印', 'Printing certificates')],
  waiting: [
    { category: 'social-security', name: text('社会保险', '社會保險', 'Social insurance'), waiting: 7 },
    { category: 'tax', name: text('税务', '稅務', 'Taxation'), waiting: 0 },
  ],
  waysIn: ['idCard', 'socialSecurityCard', 'qr'],
};

describe('the attract screen', () => {
  const h = kioskScreenHarness();
  beforeEach(() => h.mount());
  afterEach(() => h.unmount());
  const screen = createElement(AttractScreen, { onStart: () => undefined, onAbout: () => undefined, onFace: () => undefined });
  const show = (info: AttractInfo, lang: 'zh-CN' | 'en' = 'zh-CN') => h.render(fakeCore({ 'attract.info': () => ok(info) }), screen, lang);

  it('shows the notices, the staffed hours, how many wait per category and only the ways in this terminal has', async () => {
    await show(DAY);
    await expect.poll(() => h.all('attract-notice').map((n) => n.textContent)).toEqual(['窗口调整 不动产移至 3 楼']);
    expect(h.byTestId('attract-hours')!.textContent).toBe('周一至周五 09:00–17:00');
    expect(h.byTestId('attract-night')).toBeNull();
    expect(h.byTestId('waiting-social-security')!.textContent).toBe('社会保险 7 人');
    expect(h.byTestId('waiting-tax')!.textContent).toBe('税务 0 人');
    expect([...document.querySelectorAll('.prompt-card')].map((p) => p.getAttribute('data-testid'))).toEqual([
      'prompt-idCard',
      'prompt-socialSecurityCard',
      'prompt-qr',
    ]);
    expect(h.byTestId('prompt-socialSecurityCard')!.textContent).toContain('请放置社保卡');
  });

  it('at night says that no staff are there, what can still be done, and when the counters open', async () => {
    await show({ ...DAY, night: true, waysIn: ['idCard', 'face'] }, 'en');
    await expect.poll(() => h.byTestId('attract-night')?.textContent ?? '').toContain('no staff are in the hall');
    expect(h.byTestId('attract-night-services')!.textContent).toBe('You can still do by yourself:Printing certificates');
    expect(h.byTestId('attract-hours')!.textContent).toBe('Mon–Fri 09:00–17:00');
    expect(h.byTestId('prompt-face')).not.toBeNull();
  });

  it('hides the waiting counts when the core has none (hub not reachable or counts old), and notices when there are none', async () => {
    await show({ ...DAY, notices: [], waiting: null });
    await expect.poll(() => h.byTestId('attract-hours')?.textContent).toBe('周一至周五 09:00–17:00');
    expect(h.byTestId('attract-waiting')).toBeNull();
    expect(h.byTestId('attract-notices')).toBeNull();
  });
});
