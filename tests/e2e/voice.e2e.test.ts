import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskInChromium, takeTicketWithCard, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { clearSpoken, recordSpeech, spoken, type SpokenUtterance } from './helpers/speech-recorder';

/** Waits until `text` has been said, and returns everything said so far. */
async function waitForSaid(page: Page, text: string | RegExp): Promise<SpokenUtterance[]> {
  const matches = (u: SpokenUtterance) => (typeof text === 'string' ? u.text === text : text.test(u.text));
  await expect.poll(async () => (await spoken(page)).some(matches), { timeout: 15_000 }).toBe(true);
  return spoken(page);
}

/** Voice: each step of the ticket journey says its prompt in the chosen language; nothing when staff switch voice off. */
describe('spoken prompts in Chromium', () => {
  describe('voice on (the default)', () => {
    let kiosk: KioskInChromium;
    let page: Page;

    beforeAll(async () => {
      kiosk = await openKioskInChromium();
      page = kiosk.page;
      await recordSpeech(page);
      await page.getByTestId('attract-screen').waitFor();
    });
    afterAll(async () => kiosk?.close());

    it('says each step of the ticket journey in 简体中文', async () => {
      await waitForSaid(page, '请放置身份证。点击屏幕开始办事');
      await emulatorControl(kiosk.shell, 'ttyIdCard', { cmd: 'place', card: 'resident' });
      await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
      await waitForSaid(page, '请选择办理事项');
      await emulatorControl(kiosk.shell, 'ttyIdCard', { cmd: 'remove' });

      await page.getByTestId('service-C').click();
      const serviceName = (await page.getByTestId('ticket-service').textContent())!;
      await waitForSaid(page, `取号，${serviceName}`);
      await page.getByTestId('ticket-take').click();
      const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
      expect(number).toMatch(/^C\d{3}$/);
      await waitForSaid(page, `您的号码 ${number}，请取走凭条，留意叫号`);

      await page.getByTestId('ticket-done').click();
      await waitForSaid(page, '请对本次服务进行评价');
      await page.getByTestId('rating-5').click();
      await page.getByTestId('rating-submit').click();
      await waitForSaid(page, '感谢您的评价');
      await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });

      const said = await spoken(page);
      expect(said.length).toBeGreaterThanOrEqual(6);
      expect(said.every((u) => u.lang === 'zh-CN')).toBe(true);
      // The citizen's name is never said aloud in the hall.
      expect(said.some((u) => u.text.includes('测试') || u.text.includes('*'))).toBe(false);
    });

    it('says the prompts in English once the citizen chooses English', async () => {
      await clearSpoken(page);
      await page.getByTestId('lang-en').click();
      await waitForSaid(page, 'Place your ID card. Touch the screen to start');
      const number = await takeTicketWithCard(kiosk, 'C', 20_000);
      const said = await waitForSaid(page, `Your number ${number}. Please take your ticket and listen for your number`);
      expect(said.map((u) => u.text)).toContain('Choose a service');
      expect(said.filter((u) => u.lang === 'en-US').length).toBe(said.length);
      await page.getByTestId('ticket-done').click();
      await waitForSaid(page, 'How was our service today?');
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor();
    });

    it('says 繁體中文 prompts in the Hong Kong voice', async () => {
      await clearSpoken(page);
      await page.getByTestId('lang-zh-HK').click();
      await page.getByTestId('start').click();
      const said = await waitForSaid(page, '請選擇辦理事項');
      expect(said.at(-1)).toEqual({ text: '請選擇辦理事項', lang: 'zh-HK' });
      await page.getByTestId('home').click();
      await page.getByTestId('attract-screen').waitFor();
    });
  });

  describe('voice switched off by staff (ui.voice: false)', () => {
    let kiosk: KioskInChromium;

    beforeAll(async () => {
      kiosk = await openKioskInChromium({ config: { ui: { voice: false } } });
      await recordSpeech(kiosk.page);
      await kiosk.page.getByTestId('attract-screen').waitFor();
    });
    afterAll(async () => kiosk?.close());

    it('says nothing at any step', async () => {
      const { page } = kiosk;
      const number = await takeTicketWithCard(kiosk, 'C', 20_000);
      expect(number).toMatch(/^C\d{3}$/);
      await page.getByTestId('ticket-done').click();
      await page.getByTestId('rating-screen').waitFor();
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor();
      // The recorder is in place (it records a direct call), and the kiosk never called it.
      expect(await spoken(page)).toEqual([]);
      await page.evaluate(() => window.speechSynthesis.speak(new SpeechSynthesisUtterance('probe')));
      expect((await spoken(page)).map((u) => u.text)).toEqual(['probe']);
    });
  });
});
