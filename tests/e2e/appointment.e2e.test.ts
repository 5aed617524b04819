import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, readCardToMenu, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { runKioskctl } from '../helpers/kioskctl';
import { DEMO_APPOINTMENT_CODES } from '../../hub/demo-appointments';
import { embeddedHubDump, forceHubStatus } from './helpers/embedded-hub-admin';
import { elderModeShortfalls } from './helpers/accessibility';

/** devices/scanner/scanner.ts: the same code again within this window is not a new scan. */
const SCANNER_REPEAT_WINDOW_MS = 1500;
const codeOf = (c: 'valid' | 'early' | 'late' | 'used') => DEMO_APPOINTMENT_CODES.find((d) => d.case === c)!.code;

interface HubDump {
  tickets: { display: string }[];
  appointments: { code: string; status: string; ticketKey: string | null }[];
  items: { kind: string; payload?: Record<string, unknown> }[];
}

/**
 * Journey: an appointment QR scanned on the scanner emulator's pty (or the ID card) → the
 * appointment the embedded hub holds → 签到 → the hub's number on screen and on the virtual
 * printer's ticket, the hub marking the appointment used; the wrong cases each with their sentence.
 */
describe('appointment check-in (预约签到) in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const hubDump = async (): Promise<HubDump> => (await embeddedHubDump(shell)) as unknown as HubDump;
  /** Scans a code on the emulated serial scanner; the first scan may come before the scanner is up. */
  const scan = async (code: string) =>
    expect
      .poll(async () => (await emulatorControl(shell, 'ttyScanner', { cmd: 'scan', code })) as { ok: boolean }, { timeout: 15_000 })
      .toMatchObject({ ok: true });
  const sentence = () => page.getByTestId('appointment-sentence').textContent({ timeout: 15_000 });

  beforeAll(async () => {
    kiosk = await openKioskInChromium();
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('checks in a scanned appointment: the number on screen, on the printed ticket and in the hub', async () => {
    await scan(codeOf('valid'));
    await page.getByTestId('appointment').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('appointment-service').textContent()).toBe('社保业务');
    expect(await page.getByTestId('appointment-slot').textContent()).toMatch(/^(\d{1,2}月\d{1,2}日 )?\d\d:\d\d–\d\d:\d\d$/);
    await saveScreenshot(page, 'appointment-found');
    await page.getByTestId('appointment-check-in').click();
    const number = (await page.getByTestId('appointment-number').textContent({ timeout: 20_000 }))!;
    expect(number).toMatch(/^A\d{3}$/);
    expect(await page.getByTestId('appointment-printed').textContent()).toBe('请取走凭条，留意叫号');
    await expect.poll(() => printedJobs(shell).some((j) => j.includes(number) && j.includes('预约已签到')), { timeout: 15_000 }).toBe(true);
    const dump = await hubDump();
    expect(dump.tickets.map((t) => t.display)).toContain(number);
    expect(dump.appointments.find((a) => a.code === codeOf('valid'))).toMatchObject({ status: 'checked-in', ticketKey: expect.any(String) });
    await saveScreenshot(page, 'appointment-checked-in');

    await page.getByTestId('appointment-done').click();
    await page.getByTestId('rating-screen').waitFor();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
    // The check-in record reaches the hub through the outbox.
    await expect
      .poll(async () => (await hubDump()).items.find((i) => i.kind === 'appointment.checked-in')?.payload, { timeout: 45_000, interval: 2000 })
      .toMatchObject({ ticketNumber: number, serviceCode: 'A' });
  });

  it('gives the early, late, unknown and already-used appointments each their own sentence, with no 签到 button', async () => {
    await scan(codeOf('early'));
    expect(await sentence()).toMatch(/^您的预约时间为 .+，还未到签到时间，请于 (\d{1,2}月\d{1,2}日 )?\d\d:\d\d 后再来签到$/);
    expect(await page.getByTestId('appointment-check-in').count()).toBe(0);

    // A scan on the appointment screen looks the new code up.
    await scan(codeOf('late'));
    await expect.poll(() => page.getByTestId('appointment').getAttribute('data-state'), { timeout: 15_000 }).toBe('late');
    expect(await sentence()).toMatch(/^您的预约时间 .+ 已过，无法签到。请取普通号排队，或到服务台咨询$/);

    await scan('APPT-NOBODY-BOOKED-THIS');
    expect(await page.getByTestId('appointment-message').textContent({ timeout: 15_000 })).toBe('未找到此预约，请核对预约二维码，或到服务台咨询');
    expect(await page.getByTestId('appointment').count()).toBe(0);

    for (const code of [codeOf('used'), codeOf('valid')]) {
      await page.getByTestId('appointment-back').click();
      await page.getByTestId('attract-screen').waitFor();
      await scan(code);
      await expect.poll(() => page.getByTestId('appointment').getAttribute('data-state'), { timeout: 15_000 }).toBe('used');
      expect(await sentence()).toBe('此预约已签到，不能重复使用。如未取到号码，请到服务台咨询');
      expect(await page.getByTestId('appointment-check-in').count()).toBe(0);
    }
    await page.getByTestId('appointment-back').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('says plainly to try later or go to the desk when the hub does not answer, and never checks in offline', async () => {
    const added = await runKioskctl([
      'hub',
      'add-appointment',
      '--data',
      path.join(shell.dataDir, 'hub'),
      '--service',
      'C',
      '--start',
      '+5',
      '--code',
      'APPT-E2E-HUB-DOWN',
    ]);
    expect(added.code, added.stderr).toBe(0);
    await forceHubStatus(shell, 'v1/appointments', 503);
    await scan('APPT-E2E-HUB-DOWN');
    expect(await page.getByTestId('appointment-problem').textContent({ timeout: 15_000 })).toBe('暂时无法查询预约，请稍后再试，或到服务台签到');
    await saveScreenshot(page, 'appointment-hub-down');

    // Scanned again once the hub answers (after the scanner's 1.5 s window in which the same code
    // counts as the scanner repeating itself); then the check-in itself meets the hub down.
    await page.waitForTimeout(SCANNER_REPEAT_WINDOW_MS + 500);
    await scan('APPT-E2E-HUB-DOWN');
    await page.getByTestId('appointment-check-in').waitFor({ timeout: 15_000 });
    await forceHubStatus(shell, 'v1/tickets', 503);
    const jobsBefore = printedJobs(shell).length;
    await page.getByTestId('appointment-check-in').click();
    expect(await page.getByTestId('appointment-problem').textContent({ timeout: 15_000 })).toBe('暂时无法签到，请稍后再试，或到服务台签到');
    expect(printedJobs(shell).length).toBe(jobsBefore);
    expect((await hubDump()).appointments.find((a) => a.code === 'APPT-E2E-HUB-DOWN')).toMatchObject({ status: 'booked' });

    // Trying again once the hub answers checks it in.
    await page.getByTestId('appointment-check-in').click();
    expect(await page.getByTestId('appointment-number').textContent({ timeout: 20_000 })).toMatch(/^C\d{3}$/);
    await page.getByTestId('appointment-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });

  it('in 长辈版, shows the sentence in the larger text', async () => {
    await page.getByTestId('elder-toggle').click();
    await expect.poll(() => page.getByTestId('app').getAttribute('class')).toContain('elder');
    await scan(codeOf('early'));
    await page.getByTestId('appointment-sentence').waitFor({ timeout: 15_000 });
    expect(await elderModeShortfalls(page), '长辈版 on the appointment sentence').toEqual([]);
    await saveScreenshot(page, 'appointment-elder');
    await page.getByTestId('appointment-back').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('in English, finds the card’s appointment from the service menu and checks it in', async () => {
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await readCardToMenu(shell, page);
    expect(await page.getByTestId('menu-appointment').textContent()).toContain('Appointment check-in');
    await page.getByTestId('menu-appointment').click();
    await page.getByTestId('appointment').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('appointment-service').textContent()).toBe('Social insurance');
    expect(await page.getByTestId('appointment-check-in').textContent()).toBe('Check in');
    await saveScreenshot(page, 'appointment-en');
    await page.getByTestId('appointment-check-in').click();
    const number = (await page.getByTestId('appointment-number').textContent({ timeout: 20_000 }))!;
    expect(number).toMatch(/^A\d{3}$/);
    expect(await page.getByTestId('appointment-printed').textContent()).toBe('Please take your ticket and listen for your number');
    await expect.poll(() => printedJobs(shell).some((j) => j.includes(number) && j.includes('Appointment checked in')), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('body').innerText()).not.toMatch(/\d{17}[\dX]/);
    await page.getByTestId('appointment-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });
});
