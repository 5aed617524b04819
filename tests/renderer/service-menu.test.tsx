// @vitest-environment jsdom
import path from 'node:path';
import { act, createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog, CatalogService } from '../../common/catalog/schema';
import { withGuideUrls } from '../../common/catalog/guide-urls';
import type { Language } from '../../common/i18n/languages';
import { rpcMethods, type RpcMethod, type RpcResult } from '../../common/rpc/contract';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import { GuideScreen } from '../../renderer/src/screens/citizen/GuideScreen';
import { ServiceMenuScreen } from '../../renderer/src/screens/citizen/ServiceMenuScreen';
import { TicketScreen } from '../../renderer/src/screens/citizen/TicketScreen';
import { ELDER_HOME_TILES, elderHome } from '../../renderer/src/screens/citizen/menu/menu-tabs';
import { byUsage } from '../../renderer/src/screens/citizen/menu/service-search';
import { REPO_ROOT } from '../../testing/repo-root';
import { kioskScreenHarness } from './helpers/kiosk-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const CATALOG: Catalog = withGuideUrls(loadCatalogFile(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json')));
const service = (code: string) => CATALOG.services.find((s) => s.code === code)!;

/** A core answering the menu's calls, every input and output checked against the contract. */
function fakeClient(catalog: Catalog): KioskClient {
  const answers: Partial<Record<RpcMethod, unknown>> = { 'catalog.get': catalog, 'ticket.availability': { available: true } };
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
  const h = kioskScreenHarness();
  const { byTestId } = h;
  /** The catalog the core answers with. */
  let served: Catalog = CATALOG;
  const chosen: string[] = [];
  const guides: string[] = [];
  const tiles = () =>
    [
      ...h
        .container()
        .querySelectorAll<HTMLElement>(
          '[data-testid="service-grid"] [data-testid^="service-"]:not([data-testid^="service-badge"]):not([data-testid^="service-guide"])',
        ),
    ].map((b) => b.dataset.testid!.slice('service-'.length));
  const click = (id: string) => act(async () => void byTestId(id)!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  const render = (element: ReturnType<typeof createElement>, language: Language = 'zh-CN', elderMode = false) =>
    h.render({ client: fakeClient(served) }, element, language, { elderMode });
  const menu = (identified: boolean, onAppointment?: () => void) =>
    createElement(ServiceMenuScreen, {
      identified,
      onHome: () => undefined,
      onService: (s: CatalogService) => void chosen.push(s.code),
      onGuide: (s: CatalogService) => void guides.push(s.code),
      onAppointment,
    });
  /** 长辈版: the test id of each tile's main button, in order. */
  const largeTiles = () =>
    [...h.container().querySelectorAll<HTMLElement>('[data-testid="service-grid"] > li > button:first-child')].map((b) => b.dataset.testid!);
  const title = () => h.container().querySelector('.screen-title')!.textContent;
  const ranked = [...CATALOG.services].sort((a, b) => a.usageRank! - b.usageRank!).map((s) => `service-${s.code}`);
  const typeOnKeyboard = async (text: string) => {
    await click('menu-search');
    for (const ch of text) await click(`key-${ch}`);
    await click('keyboard-done');
  };

  beforeEach(() => {
    served = CATALOG;
    chosen.length = 0;
    guides.length = 0;
    h.mount();
  });
  afterEach(() => h.unmount());

  it('opens on 常用: the twelve most used services, most used first, then a tab per category', async () => {
    await render(menu(false));
    await expect.poll(() => tiles().length).toBe(12);
    expect(tiles().slice(0, 3)).toEqual(['A', 'B', 'P1']);
    expect(tiles()).toEqual(expect.arrayContaining(['A', 'B', 'C', 'P1', 'Q1', 'R1']));
    expect(byTestId('menu-tab-popular')!.getAttribute('aria-selected')).toBe('true');
    const tabNames = [...h.container().querySelectorAll('[role="tab"]')].map((t) => t.textContent);
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
    expect(h.container().querySelectorAll('[data-testid^="service-badge-"]').length).toBe(0);
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
    expect(h.container().querySelectorAll('[data-testid="guide-materials-item"]').length).toBe(3);
    expect(byTestId('guide-materials')!.textContent).toContain('居民身份證');
    expect(byTestId('guide-qr')!.getAttribute('data-qr-text')).toBe('https://zwfw.example.gov.cn/guide/A1');
    expect(byTestId('guide-qr')!.querySelector('path')!.getAttribute('d')!.length).toBeGreaterThan(100);
    await click('guide-back');
    expect(back).toBe(1);
  });

  it('lists 请准备以下材料 on 取号 before the number is taken', async () => {
    await render(createElement(TicketScreen, { service: service('C'), onDone: () => undefined }));
    expect(byTestId('ticket-prepare')!.textContent).toBe('请准备以下材料');
    const items = [...h.container().querySelectorAll('[data-testid="ticket-materials-item"]')].map((li) => li.textContent);
    expect(items[0]).toBe('居民身份证原件 1 份');
    expect(items).toHaveLength(service('C').guide!.materials.length);
    expect(byTestId('ticket-take')).not.toBeNull();
    expect(byTestId('ticket-number')).toBeNull();
  });

  describe('长辈版: its own menu', () => {
    const elderMenu = (identified: boolean, onAppointment?: () => void) => render(menu(identified, onAppointment), 'zh-CN', true);

    it('opens on the most used services as large pictured tiles: the check-in, seven services, then 更多事项; no tabs', async () => {
      await elderMenu(false, () => undefined);
      await expect.poll(() => largeTiles().length).toBe(9);
      expect(largeTiles()).toEqual(['menu-appointment', ...ranked.slice(0, 7), 'elder-more']);
      expect(h.container().querySelectorAll('[data-testid="service-grid"] > li > button:first-child svg').length).toBe(9);
      expect(h.container().querySelectorAll('[role="tab"]').length).toBe(0);
      expect(title()).toBe('请选择办理事项');
      // Without the check-in, its tile goes to the next most used service.
      await elderMenu(false);
      expect(largeTiles()).toEqual([...ranked.slice(0, 8), 'elder-more']);
    });

    it('goes 更多事项 → a category → its services, and back a step at a time', async () => {
      await elderMenu(true);
      await expect.poll(() => largeTiles().length).toBe(9);
      expect(byTestId('elder-back')).toBeNull();
      await click('elder-more');
      expect(largeTiles()).toEqual(Object.keys(CATALOG.categories!).map((c) => `elder-category-${c}`));
      expect(title()).toBe('请选择事项类别');
      expect(byTestId('elder-category-social-security')!.textContent).toBe('社保9 项');
      await click('elder-category-civil-affairs');
      expect(title()).toBe('民政');
      expect(largeTiles()).toEqual(['service-M1', 'service-M2', 'service-M3', 'service-M4', 'service-M5', 'service-M6']);
      await click('service-M3');
      expect(chosen).toEqual(['M3']);
      await click('elder-back');
      expect(title()).toBe('请选择事项类别');
      await click('elder-back');
      expect(largeTiles()).toEqual([...ranked.slice(0, 8), 'elder-more']);
    });

    it('searches on the keyboard and shows the hits as large tiles; 清除搜索 goes back', async () => {
      await elderMenu(false);
      await expect.poll(() => largeTiles().length).toBe(9);
      await typeOnKeyboard('sb');
      expect(largeTiles().slice(0, 2)).toEqual(['service-A', 'service-P1']);
      expect(title()).toMatch(/^“sb”的搜索结果：\d+ 项$/);
      expect(byTestId('elder-back')!.textContent).toBe('清除搜索');
      await click('elder-back');
      expect(largeTiles()).toHaveLength(9);
      expect(title()).toBe('请选择办理事项');
    });

    it('opens the only category straight from 更多事项 when the hall has one', async () => {
      served = {
        ...CATALOG,
        services: CATALOG.services
          .filter((x) => x.category === 'social-security' || x.category === 'medical-insurance')
          .map((x) => ({ ...x, category: 'all' })),
      };
      await elderMenu(false);
      await expect.poll(() => largeTiles().length).toBe(9);
      await click('elder-more');
      expect(largeTiles()).toHaveLength(served.services.length);
      await click('elder-back');
      expect(largeTiles()).toHaveLength(9);
    });

    it('says 指南 in words on each tile’s guide button, and 需身份证 only while nobody is identified', async () => {
      await elderMenu(false);
      await expect.poll(() => largeTiles().length).toBe(9);
      expect(byTestId('service-guide-C')!.textContent).toBe('指南');
      expect(byTestId('service-badge-C')!.textContent).toBe('需身份证');
      await click('service-guide-C');
      expect(guides).toEqual(['C']);
      expect(chosen).toEqual([]);
      await elderMenu(true);
      expect(h.container().querySelectorAll('[data-testid^="service-badge-"]').length).toBe(0);
    });
  });

  describe('elderHome: what 长辈版’s first page holds', () => {
    const few = (n: number): Catalog => ({ ...CATALOG, services: CATALOG.services.slice(0, n) });

    it('keeps a tile for 更多事项 only when some services do not fit', () => {
      expect(elderHome(CATALOG, 0)).toEqual({ services: byUsage(CATALOG.services).slice(0, ELDER_HOME_TILES - 1), more: true });
      expect(elderHome(CATALOG, 1).services).toHaveLength(ELDER_HOME_TILES - 2);
      expect(elderHome(few(ELDER_HOME_TILES), 0)).toEqual({ services: byUsage(few(ELDER_HOME_TILES).services), more: false });
      expect(elderHome(few(ELDER_HOME_TILES), 1)).toMatchObject({ more: true });
      expect(elderHome(few(ELDER_HOME_TILES), 1).services).toHaveLength(ELDER_HOME_TILES - 2);
    });
  });
});
