import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, readCardToMenu, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { chineseLeftOnScreen } from './helpers/accessibility';
import { addPrintableResult, cardSubject, TEST_HALL_KEY, type AddedResult } from './helpers/citizen-results';

/**
 * The ticket, results and rating journeys in English: no Chinese left on any screen, English
 * slips. The results journey prints a ready result the test adds on the hub for the card's
 * subject. (长辈版's journeys: elder-mode.e2e.test.ts.)
 */
describe('the ticket, results and rating journeys in English', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  let result: AddedResult;

  beforeAll(async () => {
    kiosk = await openKioskInChromium({ config: { ui: { idleTimeoutS: 300 } }, hallKey: TEST_HALL_KEY });
    ({ shell, page } = kiosk);
    result = await addPrintableResult(shell, cardSubject(TEST_HALL_KEY));
  });
  afterAll(async () => kiosk?.close());

  const placeCard = () => readCardToMenu(shell, page);
  describe('English', () => {
    const checkEnglish = async (screen: string) => {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await chineseLeftOnScreen(page), `Chinese left on the ${screen} screen`).toEqual([]);
      await saveScreenshot(page, `journey-en-${screen}`);
    };

    it('takes a ticket in English: every screen and the printed slip are in English', async () => {
      await page.getByTestId('lang-en').click();
      await page.getByTestId('start').click();
      await page.getByTestId('service-menu').waitFor();
      await checkEnglish('menu');
      await page.getByTestId('service-B').click();
      await page.getByTestId('ticket-confirm').waitFor();
      await checkEnglish('ticket-confirm');
      await page.getByTestId('ticket-take').click();
      const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
      expect(number).toMatch(/^B\d{3}$/);
      await checkEnglish('ticket-taken');
      await expect.poll(() => printedJobs(shell).find((j) => j.includes(number)) ?? '', { timeout: 15_000 }).toContain('Your number');
      await page.getByTestId('ticket-done').click();
      await page.getByTestId('rating-screen').waitFor();
      await page.getByTestId('rating-2').click();
      await page.getByTestId('rating-reasons').waitFor();
      await checkEnglish('rating');
      await page.getByTestId('rating-submit').click();
      await page.getByTestId('rating-thanks').waitFor();
      await checkEnglish('rating-thanks');
      await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
    });

    it('shows results in English and prints an English result slip', async () => {
      await placeCard();
      await page.getByTestId('lang-en').click();
      await page.getByTestId('service-Q1').click();
      await page.getByTestId(`result-print-${result.id}`).waitFor({ timeout: 15_000 });
      await checkEnglish('results');
      const jobsBefore = printedJobs(shell).length;
      await page.getByTestId(`result-print-${result.id}`).click();
      await expect.poll(() => page.getByTestId('results-notice').textContent()).toBe('Printed. Please take your slip.');
      await checkEnglish('results-printed');
      await expect.poll(() => printedJobs(shell).slice(jobsBefore).join('\n')).toContain(result.title.en);
      expect(printedJobs(shell).slice(jobsBefore).join('\n')).toMatch(/Result[\s\S]*Ready/);
      await page.getByTestId('results-done').click();
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
    });
  });
});
