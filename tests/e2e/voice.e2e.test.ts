import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openKioskInChromium, takeTicketWithCard, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { recordSpeech, spoken } from './helpers/speech-recorder';
import { browserSpoken, clearCoreSpeech, coreSpoken, recordCoreSpeech, type CoreUtterance } from './helpers/core-speech-recorder';
import { spokenSentences } from '../../renderer/src/voice/sentences/spoken-sentences';

const zhCN = spokenSentences('zh-CN');
const zhHK = spokenSentences('zh-HK');
const en = spokenSentences('en');

/** The core ends each sentence it joins for espeak-ng: "…留意叫号" is said as "…留意叫号。". */
const sameSentence = (said: string, sentence: string) => said.replace(/[。.]$/, '') === sentence.replace(/[。.]$/, '');

/** Waits until the core has said `sentence`, and returns everything it said so far. */
async function waitForCoreSaid(page: Page, sentence: string): Promise<CoreUtterance[]> {
  await expect.poll(async () => (await coreSpoken(page)).some((u) => sameSentence(u.text, sentence)), { timeout: 15_000 }).toBe(true);
  return coreSpoken(page);
}

/**
 * Voice: each step of the ticket journey says its sentence for the ear in the chosen language. In
 * Chromium without a voice of its own (headless, or Linux without speech-dispatcher) the kiosk core
 * says it with espeak-ng; with a browser voice (Windows), the browser does. Nothing when staff
 * switch voice off.
 */
describe('spoken prompts in Chromium', () => {
  describe('no browser voice: the core speaks (espeak-ng)', () => {
    let kiosk: KioskInChromium;
    let page: Page;

    beforeAll(async () => {
      kiosk = await openKioskInChromium();
      page = kiosk.page;
      await recordCoreSpeech(page);
      await page.getByTestId('attract-screen').waitFor();
    });
    afterAll(async () => kiosk?.close());

    it('says each step of the ticket journey in Mandarin, the number digit by digit', async () => {
      await waitForCoreSaid(page, zhCN.attract);
      await emulatorControl(kiosk.shell, 'ttyIdCard', { cmd: 'place', card: 'resident' });
      await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
      await waitForCoreSaid(page, zhCN.chooseService);
      await emulatorControl(kiosk.shell, 'ttyIdCard', { cmd: 'remove' });

      await page.getByTestId('service-C').click();
      const serviceName = (await page.getByTestId('ticket-service').textContent())!;
      await waitForCoreSaid(page, zhCN.confirmTicket(serviceName));
      await page.getByTestId('ticket-take').click();
      const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
      expect(number).toMatch(/^C\d{3}$/);
      const ticketSaid = await waitForCoreSaid(page, zhCN.ticketIssued(number, null));
      expect(ticketSaid.find((u) => u.text.startsWith('您的号码是'))!.text).toMatch(/^您的号码是 C [零一二三四五六七八九]{3}，请取走凭条，留意叫号。$/);

      await page.getByTestId('ticket-done').click();
      await waitForCoreSaid(page, zhCN.rateService);
      await page.getByTestId('rating-5').click();
      await page.getByTestId('rating-submit').click();
      await waitForCoreSaid(page, zhCN.thanksForRating);
      await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });

      const said = await coreSpoken(page);
      expect(said.length).toBeGreaterThanOrEqual(6);
      expect(said.every((u) => u.language === 'zh-CN' && u.voice === 'cmn-latn-pinyin' && u.wordsPerMinute === 150)).toBe(true);
      // The citizen's name is never said aloud in the hall.
      expect(said.some((u) => u.text.includes('测试') || u.text.includes('*'))).toBe(false);
      // The browser was given nothing to say: it has no voice.
      expect(await browserSpoken(page)).toEqual([]);
    });

    it('says the prompts in English once the citizen chooses English', async () => {
      await clearCoreSpeech(page);
      await page.getByTestId('lang-en').click();
      await waitForCoreSaid(page, en.attract);
      const number = await takeTicketWithCard(kiosk, 'C', 20_000);
      const said = await waitForCoreSaid(page, en.ticketIssued(number, null));
      expect(said.map((u) => u.text)).toContain(`${en.chooseService}.`);
      expect(said.find((u) => u.text.startsWith('Your number'))!.text).toMatch(
        /^Your number is C (zero|one|two|three|four|five|six|seven|eight|nine)( \w+){2}\. /,
      );
      // From the English attract sentence on (the Mandarin one it cut short may be reported after the switch).
      const inEnglish = said.slice(said.findIndex((u) => sameSentence(u.text, en.attract)));
      expect(inEnglish.every((u) => u.language === 'en' && u.voice === 'en')).toBe(true);
      await page.getByTestId('ticket-done').click();
      await waitForCoreSaid(page, en.rateService);
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor();
    });

    it('says 繁體中文 prompts in Cantonese', async () => {
      await clearCoreSpeech(page);
      await page.getByTestId('lang-zh-HK').click();
      await page.getByTestId('start').click();
      const said = await waitForCoreSaid(page, zhHK.chooseService);
      expect(said.at(-1)).toMatchObject({ text: `${zhHK.chooseService}。`, language: 'zh-HK', voice: 'yue' });
      await page.getByTestId('home').click();
      await page.getByTestId('attract-screen').waitFor();
    });

    it('speaks slower in 长辈版', async () => {
      await clearCoreSpeech(page);
      await page.getByTestId('lang-zh-CN').click();
      await page.getByTestId('elder-toggle').click();
      await page.getByTestId('start').click();
      const said = await waitForCoreSaid(page, zhCN.chooseService);
      expect(said.at(-1)).toMatchObject({ text: `${zhCN.chooseService}。`, voice: 'cmn-latn-pinyin', wordsPerMinute: 115 });
      await page.getByTestId('home').click();
      await page.getByTestId('attract-screen').waitFor();
    });
  });

  describe('a browser voice for each language (as on Windows): the browser speaks', () => {
    let kiosk: KioskInChromium;

    beforeAll(async () => {
      kiosk = await openKioskInChromium();
      await recordSpeech(kiosk.page);
      await kiosk.page.getByTestId('attract-screen').waitFor();
    });
    afterAll(async () => kiosk?.close());

    it('says the number issued with the browser’s Mandarin voice', async () => {
      const { page } = kiosk;
      const number = await takeTicketWithCard(kiosk, 'C', 20_000);
      await expect.poll(async () => (await spoken(page)).map((u) => u.text), { timeout: 15_000 }).toContain(zhCN.ticketIssued(number, null));
      expect((await spoken(page)).every((u) => u.lang === 'zh-CN')).toBe(true);
      await page.getByTestId('ticket-done').click();
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor();
    });
  });

  describe('voice switched off by staff (ui.voice: false)', () => {
    let kiosk: KioskInChromium;

    beforeAll(async () => {
      kiosk = await openKioskInChromium({ config: { ui: { voice: false } } });
      await recordCoreSpeech(kiosk.page);
      await kiosk.page.getByTestId('attract-screen').waitFor();
    });
    afterAll(async () => kiosk?.close());

    it('says nothing at any step, by either voice', async () => {
      const { page } = kiosk;
      const number = await takeTicketWithCard(kiosk, 'C', 20_000);
      expect(number).toMatch(/^C\d{3}$/);
      await page.getByTestId('ticket-done').click();
      await page.getByTestId('rating-screen').waitFor();
      await page.getByTestId('rating-skip').click();
      await page.getByTestId('attract-screen').waitFor();
      expect(await coreSpoken(page)).toEqual([]);
      // The recorder is in place (it records a direct call), and the kiosk never called it.
      expect(await browserSpoken(page)).toEqual([]);
      await page.evaluate(() => window.speechSynthesis.speak(new SpeechSynthesisUtterance('probe')));
      expect(await browserSpoken(page)).toEqual(['probe']);
    });
  });
});
