import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { emulatorControl, type RunningWebShell } from '../../testing/chromium/web-shell-process';
import { REPO_ROOT } from '../../testing/repo-root';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { DEMO_APPOINTMENT_CODES } from '../../hub/demo-appointments';
import { HAND_DRAWN } from '../chinese-input/hand-drawn-strokes';
import { ELDER_MODE, expectElderScreen } from './helpers/accessibility';
import { typePinyinAndPick, writeAndPick } from './helpers/chinese-input';
import { addPrintableResult, cardSubject, TEST_HALL_KEY, type AddedResult } from './helpers/citizen-results';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { drawSignature, typeOnScreenKeyboard } from './helpers/form-journey';
import { openKioskInChromium, printedJobs, readCardToMenu, type KioskInChromium } from './helpers/kiosk-in-chromium';

const CATALOG = loadCatalogFile(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'));
const byUsage = [...CATALOG.services].sort((a, b) => (a.usageRank ?? Infinity) - (b.usageRank ?? Infinity));

interface TileOnScreen {
  id: string;
  top: number;
  width: number;
  height: number;
  pictured: boolean;
}

/** The menu's tiles as laid out: the test id of each tile's main button, its box, whether it has a picture. */
function tilesOnScreen(page: Page): Promise<TileOnScreen[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="service-grid"] > li')).map((li) => {
      const button = li.querySelector('button')!;
      const r = button.getBoundingClientRect();
      return { id: button.dataset.testid!, top: Math.round(r.top), width: r.width, height: r.height, pictured: button.querySelector('svg') !== null };
    }),
  );
}

/** How many tiles each row holds, top to bottom. */
function perRow(tiles: TileOnScreen[]): number[] {
  const rows = new Map<number, number>();
  for (const t of tiles) rows.set(t.top, (rows.get(t.top) ?? 0) + 1);
  return [...rows.values()];
}

/**
 * Issue #15: 长辈版 as its own layout. Every journey once in 长辈版 — the menu (most used first,
 * categories, search), a guide, a ticket and its rating, results printed, an appointment checked
 * in, a form filled by 拼音, 手写, the date steppers and the signature pad — and on every screen the
 * numbers of docs/elder-mode.md measured in Chromium: text ≥ 30 px, headings ≥ 48 px, targets
 * ≥ 72 px, contrast ≥ 4.5:1, nothing cut off. (The face journey's screens in 长辈版 are measured in
 * face-journey.e2e.test.ts, which has the fake camera; 证明打印's in documents.e2e.test.ts, which
 * has the CUPS queue; the idle countdown in session-ends.e2e.test.ts.)
 */
describe('长辈版 in Chromium: its own layout, every journey once, every screen measured', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  let result: AddedResult;

  const checkElder = (screen: string) => expectElderScreen(page, screen);
  /** Turns 长辈版 on (each session ends back in the default, standard). */
  const elderOn = async () => {
    if ((await page.getByTestId('elder-toggle').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('elder-toggle').click();
    await expect.poll(() => page.getByTestId('app').getAttribute('class')).toContain('elder');
  };
  const control = (message: object) => emulatorControl(shell, 'ttyIdCard', message);

  beforeAll(async () => {
    kiosk = await openKioskInChromium({ config: { ui: { idleTimeoutS: 300, elderIdleTimeoutS: 600 } }, hallKey: TEST_HALL_KEY });
    ({ shell, page } = kiosk);
    result = await addPrintableResult(shell, cardSubject(TEST_HALL_KEY));
  });
  afterAll(async () => kiosk?.close());

  it('shows the attract screen, 关于本机 and the notice before 刷脸办事 at the elder sizes', async () => {
    await elderOn();
    await checkElder('attract');
    await page.getByTestId('open-about').click();
    await page.getByTestId('about-version').waitFor();
    await checkElder('about');
    await page.getByTestId('about-back').click();
    await page.getByTestId('prompt-face').click();
    await page.getByTestId('privacy-notice').waitFor({ timeout: 15_000 });
    await checkElder('face-notice');
    await page.getByTestId('notice-use-card').click();
    await page.getByTestId('attract-screen').waitFor();
    await elderOn();
  });

  it('opens on the most used services, three large pictured tiles a row; categories and search are one touch away', async () => {
    await page.getByTestId('start').click();
    await page.getByTestId('service-menu').waitFor();
    await checkElder('menu');

    const home = await tilesOnScreen(page);
    // The appointment check-in, then the hall's most used services in order, then 更多事项.
    const services = home.slice(1, -1).map((t) => t.id.replace(/^service-/, ''));
    expect(home[0]!.id).toBe('menu-appointment');
    expect(home.at(-1)!.id).toBe('elder-more');
    expect(services).toEqual(byUsage.slice(0, services.length).map((s) => s.code));
    expect(home).toHaveLength(9);
    expect(perRow(home)).toEqual([3, 3, 3]);
    expect(home.filter((t) => !t.pictured)).toEqual([]);
    for (const t of home) expect(t.height, t.id).toBeGreaterThanOrEqual(2 * ELDER_MODE.targetPx);
    // Nothing to scroll: the first page fits the screen.
    expect(await page.evaluate(() => document.querySelector('main')!.scrollHeight <= document.querySelector('main')!.clientHeight)).toBe(true);
    // The longest names (English) still fit their tiles.
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await checkElder('menu-en');
    await page.getByTestId('lang-zh-CN').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // A portrait screen (1080 × 1920): two tiles a row.
    await page.setViewportSize({ width: 1080, height: 1920 });
    await expect.poll(async () => perRow(await tilesOnScreen(page))).toEqual([2, 2, 2, 2, 1]);
    await checkElder('menu-portrait');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(async () => perRow(await tilesOnScreen(page))).toEqual([3, 3, 3]);

    await page.getByTestId('elder-more').click();
    await expect.poll(() => page.getByTestId('service-menu').getAttribute('data-view')).toBe('categories');
    await checkElder('menu-categories');
    const categories = await tilesOnScreen(page);
    expect(categories.map((t) => t.id)).toEqual(Object.keys(CATALOG.categories!).map((c) => `elder-category-${c}`));
    expect(categories.filter((t) => !t.pictured)).toEqual([]);
    expect(Math.max(...perRow(categories))).toBe(3);

    await page.getByTestId('elder-category-civil-affairs').click();
    await expect.poll(() => page.getByTestId('service-menu').getAttribute('data-view')).toBe('category');
    await checkElder('menu-category');
    const civil = byUsage.filter((s) => s.category === 'civil-affairs').map((s) => `service-${s.code}`);
    expect((await tilesOnScreen(page)).map((t) => t.id)).toEqual(civil);

    // 指南 on a tile opens the guide, at the elder sizes too.
    const rare = byUsage.find((s) => s.category === 'civil-affairs' && s.guide)!;
    await page.getByTestId(`service-guide-${rare.code}`).click();
    await page.getByTestId('guide-screen').waitFor();
    expect(await page.getByTestId('guide-service').textContent()).toBe(rare.name['zh-CN']);
    await checkElder('guide');
    await page.getByTestId('guide-back').click();
    await page.getByTestId('service-menu').waitFor();

    // Search: the on-screen keyboard at the elder sizes, then the hits as large tiles.
    await page.getByTestId('menu-search').click();
    await page.getByTestId('keyboard').waitFor();
    await checkElder('menu-search-keyboard');
    await typeOnScreenKeyboard(page, 'sb');
    await page.getByTestId('keyboard-done').click();
    await expect.poll(() => page.getByTestId('service-menu').getAttribute('data-view')).toBe('search');
    const hits = await tilesOnScreen(page);
    expect(hits.length).toBeGreaterThan(0);
    expect(await page.getByTestId('service-grid').innerText()).toContain('社保');
    await checkElder('menu-search');
    await page.getByTestId('elder-back').click();
    await expect.poll(() => page.getByTestId('service-menu').getAttribute('data-view')).toBe('home');
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('asks for the card again at the elder sizes when its read broke off', async () => {
    await elderOn();
    expect(await control({ cmd: 'fault', name: 'lost-reply' })).toMatchObject({ ok: true });
    await expect.poll(async () => (await control({ cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 }).toMatchObject({ ok: true });
    await expect.poll(() => page.getByTestId('card-unreadable').textContent(), { timeout: 15_000 }).toBe('证件没有读完，请拿起身份证，再重新放到读卡区');
    await checkElder('card-read-interrupted');
    await control({ cmd: 'remove' });
    await page.getByTestId('card-unreadable').click();
    await expect.poll(() => page.getByTestId('card-unreadable').count()).toBe(0);
  });

  it('takes a ticket in two touches from the menu and rates it, every screen at the elder sizes', async () => {
    await elderOn();
    await readCardToMenu(shell, page);
    await checkElder('menu-identified');
    await page.getByTestId(`service-${byUsage[0]!.code}`).click();
    await page.getByTestId('ticket-confirm').waitFor();
    await checkElder('ticket-confirm');
    await page.getByTestId('ticket-take').click();
    const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
    await checkElder('ticket-taken');
    await expect.poll(() => printedJobs(shell).some((j) => j.includes(number)), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('rating-screen').waitFor();
    await checkElder('rating');
    await page.getByTestId('rating-1').click();
    await page.getByTestId('rating-reasons').waitFor();
    await checkElder('rating-reasons');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();
    await checkElder('rating-thanks');
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
  });

  it('shows and prints results at the elder sizes', async () => {
    await elderOn();
    await readCardToMenu(shell, page);
    await page.getByTestId('service-Q1').click();
    await page.getByTestId(`result-print-${result.id}`).waitFor({ timeout: 15_000 });
    await checkElder('results');
    const jobsBefore = printedJobs(shell).length;
    await page.getByTestId(`result-print-${result.id}`).click();
    await expect.poll(() => page.getByTestId('results-notice').textContent()).toBe('已打印，请取走凭条');
    await checkElder('results-printed');
    await expect.poll(() => printedJobs(shell).slice(jobsBefore).join('\n')).toContain(result.title['zh-CN']);
    await page.getByTestId('results-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
  });

  it('checks in a scanned appointment at the elder sizes', async () => {
    await elderOn();
    const code = DEMO_APPOINTMENT_CODES.find((d) => d.case === 'valid')!.code;
    await expect
      .poll(async () => (await emulatorControl(shell, 'ttyScanner', { cmd: 'scan', code })) as { ok: boolean }, { timeout: 15_000 })
      .toMatchObject({ ok: true });
    await page.getByTestId('appointment').waitFor({ timeout: 15_000 });
    await checkElder('appointment');
    await page.getByTestId('appointment-check-in').click();
    const number = (await page.getByTestId('appointment-number').textContent({ timeout: 20_000 }))!;
    await checkElder('appointment-checked-in');
    await expect.poll(() => printedJobs(shell).some((j) => j.includes(number) && j.includes('预约已签到')), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('appointment-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
  });

  it('fills a form by keyboard, 拼音, 手写, the date steppers and the signature pad, every step at the elder sizes', async () => {
    await elderOn();
    await expect.poll(async () => (await control({ cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 }).toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await control({ cmd: 'remove' });
    await page.getByTestId('service-R1').click();
    await page.getByTestId('form-screen').waitFor({ timeout: 15_000 });
    await checkElder('form');

    await page.getByTestId('form-edit-phone').click();
    await page.getByTestId('keyboard').waitFor();
    await checkElder('form-keyboard');
    await typeOnScreenKeyboard(page, '13912345678');
    await page.getByTestId('keyboard-done').click();
    await page.getByTestId('form-option-district-baiyun').click();
    await page.getByTestId('form-option-housing-owned').click();

    await page.getByTestId('form-edit-movedIn').click();
    await page.getByTestId('date-editor').waitFor();
    await checkElder('form-date');
    await page.getByTestId('date-year-down').click();
    await page.getByTestId('date-done').click();
    await expect.poll(() => page.getByTestId('form-value-movedIn').textContent()).toMatch(/\d{4}/);

    await page.getByTestId('form-edit-address').click();
    await page.getByTestId('keyboard-mode-pinyin').click();
    await typePinyinAndPick(page, 'baiyunqu', '白云区');
    await checkElder('form-pinyin');
    await page.getByTestId('keyboard-done').click();

    await page.getByTestId('form-edit-contact').click();
    await page.getByTestId('keyboard-mode-handwriting').click();
    await writeAndPick(page, HAND_DRAWN['王']!, '王');
    await checkElder('form-handwriting');
    await page.getByTestId('keyboard-done').click();
    await expect.poll(() => page.getByTestId('form-value-contact').textContent()).toBe('王');

    await page.getByTestId('form-edit-signature').click();
    await page.getByTestId('signature-pad').waitFor();
    await drawSignature(page);
    await checkElder('form-signature');
    await page.getByTestId('signature-done').click();
    await page.getByTestId('form-next').click();
    await page.getByTestId('form-review').waitFor({ timeout: 10_000 });
    await checkElder('form-review');
    await page.getByTestId('form-submit').click();
    const number = (await page.getByTestId('form-submission-number').textContent({ timeout: 20_000 }))!;
    await checkElder('form-receipt');
    await expect
      .poll(
        async () =>
          (
            (await embeddedHubDump(shell)).items as unknown as { kind: string; payload?: { submissionNumber?: string; fields?: Record<string, string> } }[]
          ).find((i) => i.kind === 'submission.created' && i.payload?.submissionNumber === number)?.payload?.fields,
        { timeout: 45_000, interval: 2000 },
      )
      .toMatchObject({ address: '白云区', contact: '王', phone: '13912345678', district: 'baiyun', movedIn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    await page.getByTestId('form-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
  });
});
