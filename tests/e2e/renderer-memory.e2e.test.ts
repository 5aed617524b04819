import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sampleCards } from '../../devices/emulators/id-card/card-spec';
import { maskIdNumber, maskName } from '../../common/privacy/mask';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { heapStringsHolding } from './helpers/renderer-heap';

/** Session hygiene in renderer memory: after the session ends, the heap holds nothing of the citizen's card. */
describe('the renderer forgets the citizen when the session ends', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const card = sampleCards().find((c) => c.id === 'resident')!;
  const traces = [card.name, card.idNumber, maskName(card.name), maskIdNumber(card.idNumber), card.address].filter((s): s is string => Boolean(s));

  beforeAll(async () => {
    kiosk = await openKioskInChromium({ config: { ui: { idleTimeoutS: 300 } } });
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('holds the masked name while the citizen is served, and none of the card after the journey ends', async () => {
    await expect
      .poll(async () => (await emulatorControl(shell, 'ttyIdCard', { cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 })
      .toMatchObject({ ok: true });
    await page.getByTestId('greeting').waitFor({ timeout: 15_000 });
    await emulatorControl(shell, 'ttyIdCard', { cmd: 'remove' });
    // The probe can see what it looks for: the masked name is on screen, so in the heap.
    expect(await heapStringsHolding(page, [maskName(card.name)])).toEqual([maskName(card.name)]);

    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
    await expect.poll(() => heapStringsHolding(page, traces), { timeout: 20_000, interval: 1000 }).toEqual([]);
  });
});
