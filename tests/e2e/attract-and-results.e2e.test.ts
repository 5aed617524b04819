import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, readCardToMenu, takeTicketWithCard, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { cardSubject, TEST_HALL_KEY } from './helpers/citizen-results';
import { hubAdmin } from './helpers/embedded-hub-admin';
import { addRejectedResult, setHallNotice } from './helpers/attract-notices';

/** Issue #15: the attract screen shows the hall's notices and queues from the hub; a refused result says why and what next. */
describe('the attract screen and results in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;

  beforeAll(async () => {
    kiosk = await openKioskInChromium({ config: { ui: { idleTimeoutS: 300 } }, hallKey: TEST_HALL_KEY });
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('shows a notice set at the hub, the staffed hours, and the ways in this terminal has', async () => {
    await setHallNotice(shell, { id: 'e2e-notice', title: '测试公告', body: '今晚电梯检修' });
    await page.getByTestId('attract-notice').filter({ hasText: '测试公告' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('attract-notice').allTextContents()).toEqual(['测试公告 今晚电梯检修']);
    expect(await page.getByTestId('attract-hours').textContent()).toBe('周一至周五 09:00–12:00、13:30–17:30；周六 09:00–12:00');
    expect(await page.locator('.prompt-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-testid')))).toEqual([
      'prompt-idCard',
      'prompt-face',
      'prompt-qr',
    ]);
    await saveScreenshot(page, 'attract-notices');
  });

  it('shows how many wait per category, and hides the counts while the hub cannot be reached', async () => {
    await takeTicketWithCard(kiosk, 'C');
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('waiting-real-estate').textContent(), { timeout: 60_000 }).toBe('不动产 1 人');
    await saveScreenshot(page, 'attract-waiting');

    await hubAdmin(shell, 'admin/faults', { failRate: 1 });
    try {
      await page.getByTestId('attract-waiting').waitFor({ state: 'detached', timeout: 60_000 });
      expect(await page.getByTestId('attract-hours').count()).toBe(1);
    } finally {
      await hubAdmin(shell, 'admin/faults', {});
    }
  });

  it('shows a refused result with its department, reason and next step, and prints them', async () => {
    const id = await addRejectedResult(shell, cardSubject(TEST_HALL_KEY));
    await readCardToMenu(shell, page);
    await page.getByTestId('service-Q1').click();
    const result = page.getByTestId('result').filter({ has: page.getByTestId(`result-print-${id}`) });
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getByTestId('result-reason').textContent()).toBe('未通过原因测试原因：缺少股东会决议');
    expect(await result.getByTestId('result-department').textContent()).toBe('办理部门测试市场监督管理局');
    expect(await result.getByTestId('result-next-text').textContent()).toBe('补齐材料后重新提交');
    expect(await result.getByTestId('result-next-place').textContent()).toBe('办理地点：3 楼 测试窗口 21 号');
    expect(await result.getByTestId('result-decidedOn').textContent()).toMatch(/^办结日期\d{4}年\d{1,2}月\d{1,2}日$/);
    await saveScreenshot(page, 'results-rejected');

    const jobsBefore = printedJobs(shell).length;
    await page.getByTestId(`result-print-${id}`).click();
    await expect.poll(() => page.getByTestId('results-notice').textContent()).toBe('已打印，请取走凭条');
    await expect.poll(() => printedJobs(shell).slice(jobsBefore).join('\n'), { timeout: 15_000 }).toContain('测试原因：缺少股东会决议');
    const slip = printedJobs(shell).slice(jobsBefore).join('\n');
    for (const line of ['未通过', '测试市场监督管理局', '补齐材料后重新提交', '3 楼 测试窗口 21 号', '1. 股东会决议原件']) expect(slip, line).toContain(line);
  });
});
