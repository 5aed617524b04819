// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RpcEvent, RpcResult, UiSettings } from '../../common/rpc/contract';
import { App } from '../../renderer/src/App';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import { createI18n } from '../../renderer/src/i18n/i18n';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SETTINGS: UiSettings = {
  hallName: { 'zh-CN': '测试大厅', 'zh-HK': '測試大廳', en: 'Test Hall' },
  languages: ['zh-CN', 'zh-HK', 'en'],
  defaultLanguage: 'zh-CN',
  elderModeDefault: false,
  idleTimeoutS: 60,
  elderIdleTimeoutS: 120,
  countdownS: 15,
  voice: false,
  timeZone: 'Asia/Shanghai',
  demo: false,
};

/** A core that answers every call (settings, an empty catalog) and sends the events a test emits. */
function fakeCore() {
  const calls: { method: string; input: unknown }[] = [];
  const handlers = new Map<RpcEvent, Set<(payload: unknown) => void>>();
  const bridge: KioskBridge = {
    invoke: async (method, input): Promise<RpcResult> => {
      calls.push({ method, input });
      if (method === 'ui.settings') return { ok: true, output: SETTINGS };
      if (method === 'catalog.get') return { ok: true, output: { version: 1, services: [] } };
      return { ok: true, output: {} };
    },
    on: (event, handler) => {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set.add(handler));
      return () => set.delete(handler);
    },
  };
  const emit = (event: RpcEvent, payload: unknown) => act(async () => handlers.get(event)?.forEach((h) => h(payload)));
  return { client: new KioskClient(bridge), calls, emit };
}

/**
 * App wired to the journey: the core's events move the screens, the session's language and
 * 长辈版 come back to the hall's defaults when a session ends, and ending it from the screen asks
 * the core to end it too.
 */
describe('App following the journey', () => {
  let container: HTMLDivElement;
  let root: Root;
  let core: ReturnType<typeof fakeCore>;
  const screen = () => container.querySelector('[data-testid="app"]')?.getAttribute('data-screen');
  const click = (id: string) =>
    act(async () => void container.querySelector(`[data-testid="${id}"]`)!.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  const resets = () => core.calls.filter((c) => c.method === 'session.reset').map((c) => c.input);
  const cardRead = () =>
    core.emit('identity.changed', {
      kind: 'identified',
      identity: { cardType: 'resident', nameMasked: '张*', idNumberMasked: '1101**********0011', genderLabel: '男', expired: false, idNumberValid: true },
    });

  beforeEach(async () => {
    core = fakeCore();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    await act(async () => root.render(createElement(I18nextProvider, { i18n: createI18n() }, createElement(App, { client: core.client }))));
    await expect.poll(screen).toBe('attract');
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('opens the menu on a card read and greets the citizen; home ends the session in the core', async () => {
    await cardRead();
    expect(screen()).toBe('menu');
    expect(container.querySelector('[data-testid="greeting"]')?.textContent).toContain('张*');
    await click('home');
    expect(screen()).toBe('attract');
    expect(resets()).toEqual([{ reason: 'citizen' }]);
  });

  it("returns to the attract screen in the hall's language and mode when the core ends the session, without asking it again", async () => {
    await cardRead();
    await click('lang-en');
    await click('elder-toggle');
    expect(document.documentElement.lang).toBe('en');
    expect(container.querySelector('[data-testid="app"]')?.className).toBe('app elder');
    await core.emit('session.reset', { sessionId: 's1', reason: 'expired' });
    expect(screen()).toBe('attract');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(container.querySelector('[data-testid="app"]')?.className).toBe('app');
    expect(resets()).toEqual([]);
  });

  it('starts check-in when a QR code is scanned on the attract screen', async () => {
    await core.emit('scanner.scanned', { code: 'APPT-1' });
    expect(screen()).toBe('appointment');
    expect(core.calls).toContainEqual({ method: 'appointment.find', input: { code: 'APPT-1' } });
  });
});
