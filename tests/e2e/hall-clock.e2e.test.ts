import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, takeTicketWithCard, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { hallTime } from '../../common/time/hall-clock';

/**
 * Issue 15: the screen's clock followed the machine's zone while slips used UTC+8 (on a machine set
 * to UTC the screen said 10:43 and the ticket 18:43). Here the web shell and Chromium both run with
 * TZ=UTC; the hall clock (terminal.timeZone, default Asia/Shanghai) must rule the screen and the slip.
 */
describe('one hall clock on a machine set to UTC', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const machineZone = process.env.TZ;

  beforeAll(async () => {
    // Children take the environment at spawn: the shell and Chromium start in UTC. Restored at once.
    process.env.TZ = 'UTC';
    try {
      kiosk = await openKioskInChromium();
    } finally {
      if (machineZone === undefined) delete process.env.TZ;
      else process.env.TZ = machineZone;
    }
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('runs Chromium in UTC, and its screen clock shows the hall time, not the machine time', async () => {
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    const before = hallTime(Date.now(), 'Asia/Shanghai');
    const shown = await page.getByTestId('clock').locator('.clock-time').textContent();
    const after = hallTime(Date.now(), 'Asia/Shanghai');
    expect([before, after]).toContain(shown);
    expect(shown).not.toBe(hallTime(Date.now(), 'UTC'));
  });

  it('prints on the slip the time the screen clock shows, and numbers the first ticket of the hall day 001 although the terminal leased a block', async () => {
    // The terminal leases its offline block at start; the first online number stays 001.
    await expect
      .poll(async () => ((await embeddedHubDump(shell)).leases as { serviceCode: string }[]).some((l) => l.serviceCode === 'C'), { timeout: 30_000 })
      .toBe(true);
    const clockBefore = await page.getByTestId('clock').locator('.clock-time').textContent();
    const number = await takeTicketWithCard(kiosk, 'C');
    const clockAfter = await page.getByTestId('clock').locator('.clock-time').textContent();
    expect(number).toBe('C001');
    await expect.poll(() => printedJobs(shell).some((j) => j.includes(number)), { timeout: 15_000 }).toBe(true);
    const slip = printedJobs(shell).find((j) => j.includes(number))!;
    const printed = /取号时间：\d{4}-\d{2}-\d{2} (\d{2}:\d{2})/.exec(slip)?.[1];
    expect([clockBefore, clockAfter]).toContain(printed);
  });
});
