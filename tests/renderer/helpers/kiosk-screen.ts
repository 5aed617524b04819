import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import type { KioskClient } from '../../../renderer/src/bridge/kiosk-client';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { KioskProvider, type Kiosk } from '../../../renderer/src/kiosk/kiosk-context';

/** A React root in a container of jsdom's document: `mount` before each test, `unmount` after. */
export function jsdomRoot() {
  let container: HTMLDivElement;
  let root: Root;
  return {
    mount() {
      container = document.createElement('div');
      document.body.append(container);
      root = createRoot(container);
    },
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
    render: (element: ReactElement) => act(async () => root.render(element)),
    container: () => container,
    byTestId: (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`),
    all: (id: string) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)],
  };
}

/** What a test may set of the kiosk context; the rest is a citizen's session, voice off, the default hall clock. */
export type KioskSettings = Partial<Pick<Kiosk, 'elderMode' | 'mode' | 'voice'>>;

/**
 * One screen mounted in jsdom on a fake core (anything with a client: helpers/document-screen.ts
 * fakeCore), in a chosen language, inside the providers the app gives it.
 */
export function kioskScreenHarness() {
  const i18n = createI18n();
  const dom = jsdomRoot();
  return {
    ...dom,
    render: async (core: { client: KioskClient }, screen: ReactElement, language: Language = 'zh-CN', settings: KioskSettings = {}) => {
      await act(async () => void (await i18n.changeLanguage(language)));
      const kiosk: Kiosk = {
        client: core.client,
        language,
        setLanguage: () => undefined,
        elderMode: false,
        setElderMode: () => undefined,
        mode: 'citizen',
        voice: false,
        ...settings,
      };
      await dom.render(createElement(I18nextProvider, { i18n }, createElement(KioskProvider, { value: kiosk }, screen)));
    },
  };
}
