import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { enterStaffModeFirstTime, openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';

/** Issue 12, point 6: a production terminal without hub.url runs no hub and says so on the technician screen. */
describe('technician screen of a production terminal without hub.url', () => {
  let kiosk: KioskInChromium;
  beforeAll(async () => {
    kiosk = await openKioskInChromium({ config: { production: true } });
    await enterStaffModeFirstTime(kiosk.page, '135790');
    await kiosk.page.getByTestId('open-technician').click();
    await kiosk.page.getByTestId('technician-screen').waitFor();
  });
  afterAll(async () => kiosk?.close());

  it('shows "hub not configured" naming hub.url, and no local hub was started', async () => {
    const { page } = kiosk;
    await expect.poll(() => page.getByTestId('hub-state').textContent(), { timeout: 15_000 }).toMatch(/^未配置中心平台：set hub\.url/);
    await page.getByTestId('hub-check').click();
    await expect.poll(() => page.getByTestId('tech-result').textContent()).toMatch(/中心不可达：hub not configured/);
    expect(existsSync(path.join(kiosk.shell.dataDir, 'hub'))).toBe(false);
    await saveScreenshot(page, 'technician-hub-not-configured');
  });
});
