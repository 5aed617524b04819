import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { touchCorners } from './helpers/staff-gesture';

async function staffGesture(page: Page) {
  await touchCorners(page);
}

async function typePin(page: Page, pin: string) {
  for (const d of pin) await page.getByTestId(`pin-${d}`).click();
  await page.getByTestId('pin-submit').click();
}

async function editField(page: Page, fieldPath: string, value: string) {
  await page.getByTestId(`field-${fieldPath}`).click();
  await page.getByTestId('keyboard-input').fill(value);
  await page.getByTestId('keyboard-done').click();
}

describe('staff mode in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const configFile = () => JSON.parse(readFileSync(path.join(shell.dataDir, 'config.json'), 'utf8'));

  beforeAll(async () => {
    kiosk = await openKioskInChromium();
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('opens only with the full corner gesture, and forces a PIN on the first start', async () => {
    // A touch on the 长辈版 switch (in the top-right corner zone) still reaches the switch.
    await page.getByTestId('elder-toggle').click();
    expect(await page.getByTestId('app').getAttribute('class')).toContain('elder');
    await page.getByTestId('elder-toggle').click();
    await touchCorners(page, ['tl', 'tr', 'bl']);
    expect(await page.getByTestId('staff-entry').count()).toBe(0);
    await staffGesture(page);
    await page.getByText('首次使用：请设置管理密码').waitFor();
    await typePin(page, '1234'); // too short
    await expect.poll(() => page.getByTestId('staff-message').textContent()).toContain('6 至 12 位数字');
    await page.getByTestId('pin-clear').click();
    await typePin(page, '246810');
    await expect.poll(() => page.locator('body').innerText()).toContain('请再次输入管理密码');
    await typePin(page, '246810');
    await page.getByTestId('settings-screen').waitFor();
    expect(readFileSync(path.join(shell.dataDir, 'staff.json'), 'utf8')).not.toContain('246810');
    await saveScreenshot(page, 'staff-settings');
  });

  it('refuses an invalid hub address, an out-of-range timeout and an unknown time zone with their reasons in the staff language; the old values stay', async () => {
    const before = readFileSync(path.join(shell.dataDir, 'config.json'), 'utf8');
    await page.getByTestId('section-hub').click();
    await editField(page, 'hub.url', 'hub.example');
    await page.getByTestId('section-ui').click();
    await editField(page, 'ui.idleTimeoutS', '5');
    await page.getByTestId('section-terminal').click();
    await editField(page, 'terminal.timeZone', 'Mars/Olympus');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('error-terminal.timeZone').textContent()).toBe('时区 "Mars/Olympus" 不是有效的时区名称（例如 Asia/Shanghai）');
    await page.getByTestId('section-ui').click();
    expect(await page.getByTestId('error-ui.idleTimeoutS').textContent()).toBe('无操作超时（秒）不能小于 15');
    await page.getByTestId('section-hub').click();
    expect(await page.getByTestId('error-hub.url').textContent()).toBe(
      '中心平台地址 "hub.example" 不是有效的网址：须以 http:// 或 https:// 开头（例如 https://hub.example/）',
    );
    expect(await page.getByTestId('settings-notice').textContent()).toContain('原设置保持不变');
    await saveScreenshot(page, 'staff-settings-refused');
    expect(readFileSync(path.join(shell.dataDir, 'config.json'), 'utf8')).toBe(before);
  });

  it('applies valid changes without a restart', async () => {
    await editField(page, 'hub.url', 'http://127.0.0.1:9/');
    await page.getByTestId('section-ui').click();
    await editField(page, 'ui.idleTimeoutS', '90');
    await page.getByTestId('section-terminal').click();
    // The refused zone is still in the form: back to the one in force, so it is no change.
    await editField(page, 'terminal.timeZone', 'Asia/Shanghai');
    await editField(page, 'terminal.hallName.en', 'Riverside Hall 7');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('已保存 3 项更改');
    const config = configFile();
    expect(config.hub.url).toBe('http://127.0.0.1:9/');
    expect(config.ui.idleTimeoutS).toBe(90);
    await page.getByTestId('staff-exit').click();
    await page.getByTestId('attract-screen').waitFor();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('hall-name').textContent()).toBe('Riverside Hall 7');
    await page.getByTestId('lang-zh-CN').click();
  });

  it('locks staff mode after 5 wrong PINs and shows for how long', async () => {
    await staffGesture(page);
    await page.getByTestId('staff-entry').waitFor();
    for (let i = 1; i <= 4; i++) {
      await typePin(page, '111111');
      await expect.poll(() => page.getByTestId('staff-message').textContent()).toContain(`还可尝试 ${5 - i} 次`);
    }
    await typePin(page, '111111');
    await expect.poll(() => page.getByTestId('staff-locked').textContent()).toMatch(/已锁定，请 (5 分 00|4 分 5\d) 秒后再试/);
    await expect.poll(() => page.getByTestId('pin-submit').isDisabled()).toBe(true);
    await saveScreenshot(page, 'staff-locked');
  });
});
