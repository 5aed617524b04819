import { act, createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import { createI18n } from '../../../renderer/src/i18n/i18n';
import { KioskProvider } from '../../../renderer/src/kiosk/kiosk-context';
import type { FakeCore } from './document-screen';

/** One citizen screen mounted in jsdom on a fake core (helpers/document-screen.ts fakeCore), in a chosen language. */
export function citizenScreenHarness() {
  const i18n = createI18n();
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
    render: (core: FakeCore, screen: ReactElement, language: Language = 'zh-CN') =>
      act(async () => {
        await i18n.changeLanguage(language);
        const kiosk = {
          client: core.client,
          language,
          setLanguage: () => undefined,
          elderMode: false,
          setElderMode: () => undefined,
          mode: 'citizen' as const,
          voice: false,
        };
        root.render(createElement(I18nextProvider, { i18n }, createElement(KioskProvider, { value: kiosk }, screen)));
      }),
    byTestId: (id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`),
    all: (id: string) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)],
  };
}
