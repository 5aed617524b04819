import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { kioskPage, launchChromium, saveScreenshot } from '../../testing/chromium/chromium';
import { readCardToMenu } from './helpers/kiosk-in-chromium';
import { startWebShellProcess, type RunningWebShell } from '../../testing/chromium/web-shell-process';
import { SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { maskName } from '../../common/privacy/mask';
import { elderModeShortfalls } from './helpers/accessibility';

const GREETING = `${maskName(SAMPLE_CARDS.find((c) => c.id === 'resident')!.name!)}，您好`;
/** The shortest idle times the configuration allows, and a 长辈版 idle time well past the normal limit. */
const UI = { idleTimeoutS: 15, countdownS: 5, elderIdleTimeoutS: 40 };

/**
 * Where the screen and the core must agree on when a citizen's session ends (issue 12 review,
 * points 1 and 3): the core never ends a 长辈版 session at the normal idle time, and a screen
 * whose connection to the core dropped (the core ended the session then) stops showing the citizen.
 *
 * The page's WebSocket runs through Playwright's WebSocket routing, connected to the real web
 * shell: the test can cut one connection as a network fault would, and the page reconnects by itself.
 */
describe('when a session ends, in Chromium', () => {
  let shell: RunningWebShell;
  let browser: Browser;
  let page: Page;
  const connections: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  const greetingShown = async () => (await page.getByTestId('greeting').count()) > 0 && (await page.getByTestId('greeting').textContent()) === GREETING;

  beforeAll(async () => {
    shell = await startWebShellProcess({ ui: UI });
    browser = await launchChromium();
    page = await kioskPage(browser);
    await page.routeWebSocket(/\/rpc\?/, (ws) => {
      connections.push({ page: ws, server: ws.connectToServer() });
    });
    await page.goto(shell.launchUrl);
    await page.getByTestId('attract-screen').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  it('leaves the citizen’s screens when the connection to the core drops and comes back', async () => {
    await readCardToMenu(shell, page);
    await expect.poll(greetingShown).toBe(true);
    const before = connections.length;
    // A key press counts as a touch: the screen's own idle time (15 s) starts again from here.
    await page.keyboard.press('Shift');

    // The core's side of the connection goes: the web shell ends the session. The screen must
    // leave the citizen's screens then, not when its own idle countdown would have.
    await connections.at(-1)!.server.close();
    await page.locator('[data-testid="idle-countdown"], [data-testid="attract-screen"]').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    expect(await page.getByTestId('attract-screen').count()).toBe(1);
    expect(connections.length).toBeGreaterThan(before);
    expect(await page.getByTestId('greeting').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(GREETING);
    await saveScreenshot(page, 'session-ends-reconnected');
  });

  it('keeps a 长辈版 session past the normal idle limit and ends it at the elder one', async () => {
    await readCardToMenu(shell, page);
    await expect.poll(greetingShown).toBe(true);
    await page.getByTestId('elder-toggle').click();
    await expect.poll(() => page.getByTestId('elder-toggle').getAttribute('aria-pressed')).toBe('true');

    // No touch from here. The normal limit (15 s + 5 s countdown) passes long before the screen's
    // 长辈版 countdown starts (40 s); whichever comes first, the countdown or the attract screen, tells.
    await page.locator('[data-testid="idle-countdown"], [data-testid="attract-screen"]').first().waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('attract-screen').count()).toBe(0);
    expect(await page.getByTestId('idle-countdown').count()).toBe(1);
    expect(await elderModeShortfalls(page), '长辈版 on the idle countdown').toEqual([]);
    expect(await greetingShown()).toBe(true);

    // The elder limit: the countdown runs out and the session ends, screen and core.
    await page.getByTestId('attract-screen').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('greeting').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(GREETING);
  }, 240_000);
});
