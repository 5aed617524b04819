import { expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { kioskPage, launchChromium } from '../../../testing/chromium/chromium';
import { emulatorControl, startWebShellProcess, type RunningWebShell } from '../../../testing/chromium/web-shell-process';
import { touchCorners } from './staff-gesture';
import { HALL_KEY_FILE_NAME } from '../../../main/security/key-provider';

export interface KioskInChromium {
  shell: RunningWebShell;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * The web shell on a fresh data directory, and Debian's chromium showing its attract screen.
 * `hallKey` is placed in the data directory as the hall's IT would (hall.key), so that a test can
 * know a card's pseudonymous subject id (helpers/citizen-results.ts).
 */
export async function openKioskInChromium(
  options: { config?: Record<string, unknown>; chromiumArgs?: string[]; hallKey?: Buffer } = {},
): Promise<KioskInChromium> {
  let dataDir: string | undefined;
  if (options.hallKey) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
    writeFileSync(path.join(dataDir, HALL_KEY_FILE_NAME), options.hallKey.toString('base64') + '\n', { mode: 0o600 });
  }
  const shell = await startWebShellProcess(options.config ?? {}, dataDir ? { dataDir } : {});
  const browser = await launchChromium(options.chromiumArgs ?? []);
  const page = await kioskPage(browser);
  await page.goto(shell.launchUrl);
  await page.getByTestId('attract-screen').waitFor();
  return {
    shell,
    browser,
    page,
    async close() {
      await browser.close();
      await shell.stop();
    },
  };
}

/** Opens staff mode on a terminal's first start: the corner gesture, then the new PIN twice. */
export async function enterStaffModeFirstTime(page: Page, pin: string): Promise<void> {
  await touchCorners(page);
  for (const round of [1, 2]) {
    for (const d of pin) await page.getByTestId(`pin-${d}`).click();
    await page.getByTestId('pin-submit').click();
    if (round === 1) await page.getByText('请再次输入管理密码').waitFor();
  }
  await page.getByTestId('settings-screen').waitFor();
}

/** The text of every job the running kiosk's virtual printer printed (DATA/printed/*.txt), oldest first. */
export function printedJobs(shell: RunningWebShell): string[] {
  const dir = path.join(shell.dataDir, 'printed');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/**
 * Lays a sample card on the kiosk's emulated reader (asking again until the emulator answers, as
 * it may still be starting), waits for the service menu it opens, then lifts the card.
 */
export async function readCardToMenu(shell: RunningWebShell, page: Page, card = 'resident'): Promise<void> {
  await expect
    .poll(async () => (await emulatorControl(shell, 'ttyIdCard', { cmd: 'place', card })) as { ok: boolean }, { timeout: 15_000 })
    .toMatchObject({ ok: true });
  await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
  await emulatorControl(shell, 'ttyIdCard', { cmd: 'remove' });
}

/** The ticket journey up to the number: card → menu → a service → 取号; returns the number shown. */
export async function takeTicketWithCard(kiosk: Pick<KioskInChromium, 'shell' | 'page'>, serviceCode = 'C', numberTimeoutMs = 30_000): Promise<string> {
  await readCardToMenu(kiosk.shell, kiosk.page);
  await kiosk.page.getByTestId(`service-${serviceCode}`).click();
  await kiosk.page.getByTestId('ticket-take').click();
  return (await kiosk.page.getByTestId('ticket-number').textContent({ timeout: numberTimeoutMs }))!;
}
