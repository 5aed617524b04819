import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { kioskPage, launchChromium } from './chromium';
import { startWebShellProcess, type RunningWebShell } from './web-shell-process';
import { touchCorners } from './staff-gesture';
import { requestJsonLine } from '../../../devices/emulators/json-line-socket';

export interface KioskInChromium {
  shell: RunningWebShell;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** The web shell on a fresh data directory, and Debian's chromium showing its attract screen. */
export async function openKioskInChromium(options: { config?: Record<string, unknown>; chromiumArgs?: string[] } = {}): Promise<KioskInChromium> {
  const shell = await startWebShellProcess(options.config ?? {});
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

/** Scripts one of the running kiosk's device emulators through its control socket (run/DEVICE.ctl). */
export function emulatorControl(shell: RunningWebShell, device: 'ttyIdCard' | 'ttyPrinter' | 'ttyScanner', message: object): Promise<unknown> {
  return requestJsonLine(path.join(shell.dataDir, 'run', `${device}.ctl`), message);
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
