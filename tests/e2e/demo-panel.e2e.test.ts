import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { invokeFromPage } from './helpers/demo-rpc';

/** The demo panel of the embedded defaults, in Chromium, on the real emulators. */
describe('demo panel in Chromium', () => {
  describe('embedded defaults', () => {
    let kiosk: KioskInChromium;

    beforeAll(async () => {
      kiosk = await openKioskInChromium();
    });
    afterAll(async () => kiosk?.close());

    it('places a sample card from the demo tab: the service menu greets the citizen', async () => {
      const { page } = kiosk;
      await page.getByTestId('demo-tab').click();
      await page.getByTestId('demo-panel').waitFor();
      await saveScreenshot(page, 'demo-panel');
      await page.getByTestId('demo-card-resident').click();
      await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('greeting').textContent(), { timeout: 15_000 }).toMatch(/^测\*+.?，您好$/);
      // The panel got out of the way; the card is taken away again from the tab.
      expect(await page.getByTestId('demo-panel').count()).toBe(0);
      await page.getByTestId('demo-tab').click();
      await page.getByTestId('demo-card-remove').click();
      expect(await page.getByTestId('demo-problem').count()).toBe(0);
      await page.getByTestId('demo-close').click();
    });

    it('shows the ticket the virtual printer printed after one is taken', async () => {
      const { page } = kiosk;
      await page.getByTestId('service-C').click();
      await page.getByTestId('ticket-take').click();
      const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
      expect(number).toMatch(/^C\d{3}$/);
      await page.getByTestId('demo-tab').click();
      // The printer writes the job a moment after the number is on screen.
      await expect
        .poll(
          async () => {
            await page.getByTestId('demo-printed-refresh').click();
            return page.getByTestId('demo-slip').first().innerText();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toContain(number);
      await saveScreenshot(page, 'demo-panel-printed');
      await page.getByTestId('demo-close').click();
      await page.getByTestId('ticket-done').click();
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor();
    });

    it('scans a sample appointment QR from the demo tab: the appointment screen says it is too early', async () => {
      const { page } = kiosk;
      await page.getByTestId('demo-tab').click();
      await page.getByTestId('demo-panel').waitFor();
      await page.getByTestId('demo-qr-APPT-DEMO-EARLY').click();
      await page.getByTestId('appointment').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('appointment-sentence').textContent()).toMatch(/还未到签到时间/);
      await page.getByTestId('appointment-back').click();
      await page.getByTestId('attract-screen').waitFor();
    });

    it('answers the demo calls made from the page (the production refusal below is production’s)', async () => {
      const r = await invokeFromPage(kiosk.page, kiosk.shell, 'demo.samples', {});
      expect(r).toMatchObject({ ok: true, output: { cards: expect.arrayContaining([{ id: 'resident', type: 'resident' }]) } });
    });
  });

  describe('production configuration', () => {
    let kiosk: KioskInChromium;

    beforeAll(async () => {
      kiosk = await openKioskInChromium({ config: { production: true } });
    });
    afterAll(async () => kiosk?.close());

    it('has no demo tab, and the core refuses the demo calls from the page', async () => {
      const { page, shell } = kiosk;
      await page.getByTestId('start').click();
      await page.getByTestId('service-menu').waitFor();
      expect(await page.getByTestId('demo-tab').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain('演示');
      for (const [method, input] of [
        ['demo.samples', {}],
        ['demo.card.place', { card: 'resident' }],
        ['demo.printed', {}],
      ] as const) {
        const r = await invokeFromPage(page, shell, method, input);
        expect(r, method).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/production configuration/) } });
      }
    });
  });
});
