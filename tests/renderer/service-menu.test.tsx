// @vitest-environment jsdom
import path from 'node:path';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog, CatalogService } from '../../common/catalog/schema';
import { withGuideUrls } from '../../common/catalog/guide-urls';
import type { Language } from '../../common/i18n/languages';
import { rpcMethods, type RpcMethod, type RpcResult } from '../../common/rpc/contract';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { KioskProvider } from '../../renderer/src/kiosk/kiosk-context';
import { GuideScreen } from '../../renderer/src/screens/citizen/GuideScreen';
import { ServiceMenuScreen } from '../../renderer/src/screens/citizen/ServiceMenuScreen';
import { TicketScreen } from '../../renderer/src/screens/citizen/TicketScreen';
import { REPO_ROOT } from '../../testing/repo-root';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CATALOG: Catalog = withGuideUrls(loadCatalogFile(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json')));
const service = (code: string) => CATALOG.services.find((s) => s.code === code)!;

/** A core answering the menu's calls, every input and output checked against the contract. */
function fakeClient(): KioskClient {
  const answers: Partial<Record<RpcMethod, unknown>> = { 'catalog.get': CATALOG, 'ticket.availability': { available: true } };
  const bridge: KioskBridge = {
    invoke: async (name, input): Promise<RpcResult> => {
      const method = name as RpcMethod;
      rpcMethods[method].input.parse(input);
      const output = answers[method] ?? {};
      rpcMethods[method].output.parse(output);
      return { ok: true, output } as RpcResult;
    },
    on: () => () => undefined,
  };
  return new KioskClient(bridge);
}

describe('the service menu, its guides and 取号’s materials', () => {
  const i18n = createI18n();
  let container: HTMLDivElement;
  let root: Root;
  const chosen: string[] = [];
  const guides: string[] = [];
  const byTestId = (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const tiles = () =>
    [
      ...container.querySelectorAll<HTMLElement>(
        '[data-testid="service-grid"] [data-testid^="service-"]:not([data-testid^="service-badge"]):not([data-testid^="service-guide"])',
      ),
    ].map((b) => b.dataset.testid!.slice('service-'.length));
  const click = (id: string) => act(async () => void byTestId(id)!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  const render = async (element: ReturnType<typeof createElement>, language: Language = 'zh-CN') => {
    await i18n.changeLanguage(language);
    const kiosk = {
      client: fakeClient(),
      language,
      setLanguage: () => undefined,
      elderMode: false,
      setElderMode: () => undefined,
      mode: 'citizen' as const,
      voice: false,
    };
    await act(async () => root.render(createElement(I18nextProvider, { i18n }, createElement(KioskProvider, { value: kiosk }, element))));
  };
  const menu = (identified: boolean) =>
    createElement(ServiceMenuScreen, {
      identified,
      onHome: () => undefined,
      onService: (s: CatalogService) => void chosen.push(s.code),
      onGuide: (s: CatalogService) => void guides.push(s.code),
    });
  const typeOnKeyboard = async (text: string) => {
    await click('menu-search');
    for (const ch of text) await click(`key-${ch}`);
    await click('keyboard-done');
  };

  beforeEach(() => {
    chosen.length = 0;
    guides.length = 0;
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('opens on 常用: the twelve most used services, most used first, then a tab per category', async () => {
    await render(menu(false));
    await expect.poll(() => tiles().length).toBe(12);
    expect(tiles().slice(0, 3)).toEqual(['A', 'B', 'P1']);
    expect(tiles()).toEqual(expect.arrayContaining(['A', 'B', 'C', 'P1', 'Q1', 'R1']));
    expect(byTestId('menu-tab-popular')!.getAttribute('aria-selected')).toBe('true');
    const tabNames = [...container.querySelectorAll('[role="tab"]')].map((t) => t.textContent);
    expect(tabNames).toEqual(['常用', '社保', '医保', '公积金', '不动产', '商事', '税务', '出入境', '户政', '民政', '证明打印', '综合服务']);

    await click('menu-tab-civil-affairs');
    expect(tiles()).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);
    expect(byTestId('menu-tab-civil-affairs')!.getAttribute('aria-selected')).toBe('true');
    await click('menu-tab-social-security');
    expect(tiles()[0]).toBe('A');
    expect(tiles().every((code) => service(code).category === 'social-security')).toBe(true);
  });

  it('searches by pinyin initials typed on the on-screen keyboard: 社保 first, the hit highlighted; clearing goes back', async () => {
    await render(menu(false));
    await expect.poll(() => tiles().length).toBe(12);
    await typeOnKeyboard('sb');
    expect(tiles().slice(0, 2)).toEqual(['A', 'P1']);
    expect(byTestId('menu-results')!.textContent).toMatch(/^“sb”的搜索结果：\d+ 项$/);
    expect([...byTestId('service-A')!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['社', '保']);
    expect(byTestId('menu-tab-popular')!.getAttribute('aria-selected')).toBe('false');

    await typeOnKeyboard('xqz');
    expect(tiles()).toEqual([]);
    expect(byTestId('menu-results')!.textContent).toBe('没有找到“sbxqz”，请换个说法或按分类查找');
    await click('menu-search-clear');
    expect(tiles().length).toBe(12);
    expect(byTestId('menu-results')).toBeNull();
  });

  it('says 需身份证 only while the citizen is not identified', async () => {
    await render(menu(false));
    await expect.poll(() => tiles().length).toBe(12);
    expect(byTestId('service-badge-C')!.textContent).toBe('需身份证');
    expect(byTestId('service-badge-A')).toBeNull(); // 社保业务 needs no card
    await render(menu(true));
    expect(tiles().length).toBe(12);
    expect(container.querySelectorAll('[data-testid^="service-badge-"]').length).toBe(0);
  });

  it('opens a guide by a tile’s ⓘ without choosing the service; the tile itself chooses it', async () => {
    await render(menu(true));
    await expect.poll(() => tiles().length).toBe(12);
    await click('service-guide-C');
    expect(guides).toEqual(['C']);
    expect(chosen).toEqual([]);
    await click('service-C');
    expect(chosen).toEqual(['C']);
  });

  it('shows a guide in 繁體 with every part and the QR code of its address', async () => {
    let back = 0;
    await render(createElement(GuideScreen, { service: service('A1'), onBack: () => void back++, onStart: () => undefined }), 'zh-HK');
    expect(byTestId('guide-service')!.textContent).toBe('社會保障卡申領');
    expect(byTestId('guide-eligibility')!.textContent).toBe(service('A1').guide!.eligibility['zh-HK']);
    expect(byTestId('guide-legal-limit')!.textContent).toBe('20個工作日');
    expect(byTestId('guide-where')!.textContent).toBe('1樓 A區 1–8號窗口');
    expect(container.querySelectorAll('[data-testid="guide-materials-item"]').length).toBe(3);
    expect(byTestId('guide-materials')!.textContent).toContain('居民身份證');
    expect(byTestId('guide-qr')!.getAttribute('data-qr-text')).toBe('https://zwfw.example.gov.cn/guide/A1');
    expect(byTestId('guide-qr')!.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(100);
    await click('guide-back');
    expect(back).toBe(1);
  });

  it('lists 请准备以下材料 on 取号 before the number is taken', async () => {
    await render(createElement(TicketScreen, { service: service('C'), onDone: () => undefined }));
    expect(byTestId('ticket-prepare')!.textContent).toBe('请准备以下材料');
    const items = [...container.querySelectorAll('[data-testid="ticket-materials-item"]')].map((li) => li.textContent);
    expect(items[0]).toBe('居民身份证原件 1 份');
    expect(items).toHaveLength(service('C').guide!.materials.length);
    expect(byTestId('ticket-take')).not.toBeNull();
    expect(byTestId('ticket-number')).toBeNull();
  });
});
