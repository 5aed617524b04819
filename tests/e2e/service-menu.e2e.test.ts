import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { decodeQrOnScreen, printedQrTexts } from './helpers/qr-on-screen';

const GUIDE_C = 'https://zwfw.example.gov.cn/guide/C';

/** Issue #15 in Chromium: the 50+ service menu searched by pinyin initials, a guide with its QR code, 取号 with the materials and the guide's QR printed. */
describe('the service menu in Chromium', () => {
  let kiosk: KioskInChromium;
  let page: Page;
  const tileCodes = () =>
    page
      .locator('[data-testid="service-grid"] button.service')
      .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.testid!.slice('service-'.length)));

  beforeAll(async () => {
    kiosk = await openKioskInChromium();
    page = kiosk.page;
  });
  afterAll(async () => kiosk?.close());

  it('opens on the most used services with a tab per category; 需身份证 until a card is read', async () => {
    await page.getByTestId('start').click();
    await page.getByTestId('service-menu').waitFor();
    await expect.poll(tileCodes).toHaveLength(12);
    expect((await tileCodes()).slice(0, 3)).toEqual(['A', 'B', 'P1']);
    expect(await page.getByRole('tab').allTextContents()).toEqual(expect.arrayContaining(['常用', '社保', '医保', '公积金', '户政', '民政', '证明打印']));
    expect(await page.getByTestId('service-badge-C').textContent()).toBe('需身份证');
    await page.getByTestId('menu-tab-civil-affairs').click();
    await expect.poll(tileCodes).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6']);

    // The menu is already shown: wait for the greeting (the card read), not for the menu.
    await expect
      .poll(async () => (await emulatorControl(kiosk.shell, 'ttyIdCard', { cmd: 'place', card: 'resident' })) as { ok: boolean })
      .toMatchObject({ ok: true });
    await page.getByTestId('greeting').waitFor({ timeout: 15_000 });
    await emulatorControl(kiosk.shell, 'ttyIdCard', { cmd: 'remove' });
    await expect.poll(() => page.locator('[data-testid^="service-badge-"]').count()).toBe(0);
    await page.getByTestId('menu-tab-popular').click();
    await expect.poll(tileCodes).toHaveLength(12);
  });

  it('finds the 社保 services by "sb" typed on the on-screen keyboard, the hit highlighted', async () => {
    await page.getByTestId('menu-search').click();
    await page.getByTestId('keyboard').waitFor();
    await page.getByTestId('key-s').click();
    await page.getByTestId('key-b').click();
    await page.getByTestId('keyboard-done').click();
    await page.getByTestId('menu-results').waitFor();
    const found = await tileCodes();
    expect(found.slice(0, 2)).toEqual(['A', 'P1']);
    expect(await page.getByTestId('service-A').locator('mark').allTextContents()).toEqual(['社', '保']);
    for (const code of found.slice(0, 4)) expect(await page.getByTestId(`service-${code}`).locator('.service-name').textContent()).toMatch(/^社(保|会保障)/);
    await saveScreenshot(page, 'menu-search-sb');
    await page.getByTestId('menu-search-clear').click();
    await expect.poll(tileCodes).toHaveLength(12);
  });

  it('opens a guide from the menu by ⓘ: the guide shown, its QR code on screen reads as the guide’s address', async () => {
    await page.getByTestId('service-guide-C').click();
    await page.getByTestId('guide-screen').waitFor();
    expect(await page.getByTestId('guide-service').textContent()).toBe('不动产登记');
    expect(await page.getByTestId('guide-materials').textContent()).toContain('居民身份证');
    expect(await page.getByTestId('guide-legal-limit').textContent()).toBe('30个工作日');
    await saveScreenshot(page, 'guide-C');
    expect(await decodeQrOnScreen(page.getByTestId('guide-qr'))).toBe(GUIDE_C);
  });

  it('takes a ticket from the guide: the materials first, then the number; the printed ticket’s QR code is the guide’s address', async () => {
    await page.getByTestId('guide-start').click();
    await page.getByTestId('ticket-confirm').waitFor();
    expect(await page.getByTestId('ticket-prepare').textContent()).toBe('请准备以下材料');
    expect(await page.getByTestId('ticket-materials-item').count()).toBe(3);
    expect(await page.getByTestId('ticket-number').count()).toBe(0);
    await page.getByTestId('ticket-take').click();
    const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
    expect(number).toMatch(/^C\d{3}$/);
    await expect.poll(() => printedJobs(kiosk.shell).find((j) => j.includes(number)), { timeout: 15_000 }).toBeDefined();
    const job = printedJobs(kiosk.shell).find((j) => j.includes(number))!;
    expect(printedQrTexts(job)).toEqual([GUIDE_C]);
    expect(job).toContain('扫码查看办事指南和所需材料');
  });
});
