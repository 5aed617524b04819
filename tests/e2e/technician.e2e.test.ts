import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { enterStaffModeFirstTime, openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';

describe('technician screen in Chromium, with the embedded emulators', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const control = (device: 'ttyIdCard' | 'ttyPrinter' | 'ttyScanner', message: object) => emulatorControl(shell, device, message);
  const stateOf = (device: string) => page.getByTestId(`device-${device}`).getAttribute('data-state');
  /**
   * How long after `sent` the technician screen first showed `device` in `state`, timed in the page
   * by a MutationObserver: the screen's own latency, not the test's polling on a busy machine.
   */
  const stateShownAfter = async (device: string, state: string, send: () => Promise<unknown>): Promise<number> => {
    const key = `${device}=${state}`;
    await page.evaluate(
      ([testId, want, k]) => {
        const w = window as unknown as { stateShownAt?: Record<string, number> };
        w.stateShownAt = { ...w.stateShownAt };
        delete w.stateShownAt[k];
        const seen = () => document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('data-state') === want;
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          w.stateShownAt![k] = Date.now();
          observer.disconnect();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
      },
      [`device-${device}`, state, key] as const,
    );
    const sent = Date.now();
    await send();
    const shownAt = await page.waitForFunction((k) => (window as unknown as { stateShownAt: Record<string, number> }).stateShownAt[k], key, {
      timeout: 20_000,
      polling: 100,
    });
    return ((await shownAt.jsonValue()) as number) - sent;
  };

  beforeAll(async () => {
    kiosk = await openKioskInChromium();
    ({ shell, page } = kiosk);
    await enterStaffModeFirstTime(page, '135790');
    await page.getByTestId('open-technician').click();
    await page.getByTestId('technician-screen').waitFor();
  });
  afterAll(async () => kiosk?.close());

  it('shows every device ready on its emulator port', async () => {
    for (const device of ['idCard', 'printer', 'scanner']) await expect.poll(() => stateOf(device), { timeout: 15_000 }).toBe('ready');
    expect(await page.getByTestId('device-idCard').textContent()).toContain(path.join(shell.dataDir, 'run', 'ttyIdCard'));
    await saveScreenshot(page, 'technician-ready');
  });

  it('shows the printer out of paper promptly after the printer reporting it', async () => {
    expect(
      await stateShownAfter('printer', 'paper-end', async () => expect(await control('ttyPrinter', { status: 'paper-end' })).toMatchObject({ ok: true })),
    ).toBeLessThanOrEqual(10_000);
    expect(await stateOf('printer')).toBe('paper-end');
    await page.getByTestId('tech-test-page').click();
    await expect.poll(() => page.getByTestId('tech-result').textContent()).toContain('paper-end');
    await saveScreenshot(page, 'technician-paper-end');
    await control('ttyPrinter', { status: 'ok' });
    await expect.poll(() => stateOf('printer'), { timeout: 10_000 }).toBe('ready');
  });

  it('shows an unplugged reader promptly, with the last error kept after it comes back', async () => {
    expect(
      await stateShownAfter('idCard', 'disconnected', async () => expect(await control('ttyIdCard', { cmd: 'unplug' })).toMatchObject({ ok: true })),
    ).toBeLessThanOrEqual(10_000);
    await saveScreenshot(page, 'technician-reader-unplugged');
    await control('ttyIdCard', { cmd: 'replug' });
    await expect.poll(() => stateOf('idCard'), { timeout: 10_000 }).toBe('ready');
    // The last error stays visible, with when it happened on the hall clock, after the reader recovered.
    expect(await page.getByTestId('device-idCard-last-error').textContent()).toMatch(/\S.* · \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(await page.getByTestId('device-idCard-state').textContent()).toBe('就绪');
  });

  it('reads a card on request and shows it masked with the time taken', async () => {
    await page.getByTestId('tech-read-card').click();
    // The core waits for the next read once asked: lay the card only when the request is on its way
    // (the screen disables its actions while one runs).
    await expect.poll(() => page.getByTestId('tech-read-card').isDisabled()).toBe(true);
    expect(await page.getByTestId('tech-result').textContent()).toBe('正在执行…');
    await control('ttyIdCard', { cmd: 'place', card: 'resident' });
    await expect.poll(() => page.getByTestId('tech-result').textContent(), { timeout: 15_000 }).toMatch(/读卡成功：.*\*{10}.*用时 \d+ 毫秒/);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\d{17}[\dX]/);
    await control('ttyIdCard', { cmd: 'remove' });
  });

  it('shows the queue and the hub, checks the hub, and exports a diagnostics bundle', async () => {
    await expect.poll(() => page.getByTestId('hub-state').textContent(), { timeout: 15_000 }).toMatch(/http:\/\/127\.0\.0\.1:\d+\/ · 最近连通/);
    expect(await page.getByTestId('queue-dead').textContent()).toBe('0');
    await page.getByTestId('hub-check').click();
    await expect.poll(() => page.getByTestId('tech-result').textContent()).toMatch(/中心可达，往返 \d+ 毫秒，时钟偏差 -?\d+ 秒/);
    await page.getByTestId('tech-bundle').click();
    await expect
      .poll(() => page.getByTestId('tech-result').textContent(), { timeout: 20_000 })
      .toContain(path.join(shell.dataDir, 'diagnostics', 'bundle-T-0001-'));
    await saveScreenshot(page, 'technician-queue');
  });

  it('names the voice that says each language: the core’s espeak-ng voices, as headless Chromium has none', async () => {
    await expect.poll(() => page.getByTestId('tech-voice-zh-CN').getAttribute('data-speaker'), { timeout: 15_000 }).toBe('core');
    expect(await page.getByTestId('tech-voice-zh-CN').textContent()).toContain('espeak-ng：cmn-latn-pinyin（Chinese (Mandarin, latin as Pinyin)）');
    expect(await page.getByTestId('tech-voice-zh-HK').textContent()).toContain('espeak-ng：yue（Chinese (Cantonese)）');
    expect(await page.getByTestId('tech-voice-en').getAttribute('data-speaker')).toBe('core');
  });

  it('prints the test page on the virtual printer', async () => {
    await page.getByTestId('tech-test-page').click();
    await expect.poll(() => page.getByTestId('tech-result').textContent(), { timeout: 20_000 }).toMatch(/测试页已打印（\d+ 字节）/);
  });
});
