import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { embeddedHubDump, hubPayload } from './helpers/embedded-hub-admin';
import { addPrintableResult, cardSubject, TEST_HALL_KEY } from './helpers/citizen-results';

/** Journey: ID card → service menu → 取号 → the virtual printer prints the hub's number → the hub holds `ticket.issued`. */
describe('taking a queue ticket in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const control = (device: 'ttyIdCard' | 'ttyPrinter' | 'ttyScanner', message: object) => emulatorControl(shell, device, message);

  beforeAll(async () => {
    kiosk = await openKioskInChromium({ hallKey: TEST_HALL_KEY });
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('greets the citizen by masked name when the card is laid on the reader', async () => {
    await expect
      .poll(async () => (await control('ttyIdCard', { cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 })
      .toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('greeting').textContent()).toMatch(/^.\*+.?，您好$/);
    expect(await page.locator('body').innerText()).not.toMatch(/\d{17}[\dX]/);
    await control('ttyIdCard', { cmd: 'remove' });
  });

  it('takes a ticket: the screen and the printed slip show the number the hub holds', async () => {
    await page.getByTestId('service-C').click();
    await page.getByTestId('ticket-take').click();
    const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
    expect(number).toMatch(/^C\d{3}$/);
    expect(await page.getByTestId('ticket-printed').textContent()).toBe('请取走凭条，留意叫号');
    await expect.poll(() => printedJobs(shell).some((j) => j.includes(number) && j.includes('不动产登记')), { timeout: 15_000 }).toBe(true);
    expect((await embeddedHubDump(shell)).tickets.map((t) => t.display)).toContain(number);
    await saveScreenshot(page, 'ticket-taken');
    // The ticket is also a submission: `ticket.issued` reaches the hub through the outbox.
    await expect
      .poll(() => hubPayload(shell, 'ticket.issued', (p) => p.number === number), { timeout: 45_000, interval: 2000 })
      .toMatchObject({ number, serviceCode: 'C', source: 'online' });
    await page.getByTestId('ticket-done').click();
  });

  it('asks for a rating after the journey; a low one may say why; it reaches the hub', async () => {
    await page.getByTestId('rating-screen').waitFor();
    await page.getByTestId('rating-2').click();
    await page.getByTestId('reason-waiting-time').click();
    await saveScreenshot(page, 'rating');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-thanks').waitFor();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
    await expect
      .poll(() => hubPayload(shell, 'evaluation.created'), { timeout: 45_000, interval: 2000 })
      .toMatchObject({ rating: 2, reasons: ['waiting-time'], serviceCode: 'C' });
  });

  it('shows the citizen’s results from the hub and prints a ready one', async () => {
    // The hub's demo results for a subject may hold nothing printable: add a ready result of our own.
    const result = await addPrintableResult(shell, cardSubject(TEST_HALL_KEY));
    await control('ttyIdCard', { cmd: 'place', card: 'resident' });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await control('ttyIdCard', { cmd: 'remove' });
    await page.getByTestId('service-Q1').click();
    await page.getByTestId('result').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('results-screen').innerText()).toContain(result.title['zh-CN']);
    const jobsBefore = printedJobs(shell).length;
    await page.getByTestId(`result-print-${result.id}`).click();
    await expect.poll(() => page.getByTestId('results-notice').textContent(), { timeout: 20_000 }).toBe('已打印，请取走凭条');
    await expect.poll(() => printedJobs(shell).slice(jobsBefore).join('\n')).toContain(result.title['zh-CN']);
    expect(printedJobs(shell).slice(jobsBefore).join('\n')).toContain('已办结');
    await saveScreenshot(page, 'results');
    await page.getByTestId('results-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('tells the citizen before choosing that the ticket printer is out of paper', async () => {
    await control('ttyPrinter', { status: 'paper-end' });
    await page.getByTestId('start').click();
    await expect.poll(() => page.getByTestId('ticket-unavailable').textContent(), { timeout: 10_000 }).toBe('取号凭条打印机缺纸，请联系工作人员');
    await expect.poll(() => page.getByTestId('service-A').isDisabled()).toBe(true);
    await saveScreenshot(page, 'ticket-paper-end');
    await control('ttyPrinter', { status: 'ok' });
    await expect.poll(() => page.getByTestId('service-A').isDisabled(), { timeout: 10_000 }).toBe(false);
  });
});
