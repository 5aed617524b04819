import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { recordSpeech, spoken } from './helpers/speech-recorder';
import { SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { maskIdNumber, maskName } from '../../common/privacy/mask';

const card = SAMPLE_CARDS.find((c) => c.id === 'resident')!;
const NAME = card.name!;
const ID_NUMBER = card.idNumber!;
/** Every form of the citizen's name and ID number that must not outlive the session. */
const TRACES = [NAME, maskName(NAME), ID_NUMBER, maskIdNumber(ID_NUMBER), ID_NUMBER.slice(0, 6), ID_NUMBER.slice(-4)];

type ReaderStatus = { ok: boolean; status: { commandCounts: Record<string, number>; placedCard: string | null } };

/** Session hygiene (issue test 6): the idle countdown, then nothing of the citizen in the page; the card must leave before the next session reads. */
describe('idle reset in Chromium', () => {
  let kiosk: KioskInChromium;
  let page: Page;
  const reader = (message: object) => emulatorControl(kiosk.shell, 'ttyIdCard', message) as Promise<ReaderStatus>;
  const readerCommands = async () => Object.values((await reader({ cmd: 'status' })).status.commandCounts).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    // The shortest idle the configuration allows (15 s, then a 5 s countdown).
    kiosk = await openKioskInChromium({ config: { ui: { idleTimeoutS: 15, countdownS: 5 } } });
    page = kiosk.page;
    await recordSpeech(page);
    await page.getByTestId('attract-screen').waitFor();
  });
  afterAll(async () => kiosk?.close());

  it('greets the citizen by masked name, counts down (shown and said), and returns to the attract screen', async () => {
    expect(await reader({ cmd: 'place', card: 'resident' })).toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('greeting').textContent(), { timeout: 15_000 }).toBe(`${maskName(NAME)}，您好`);

    await page.getByTestId('idle-countdown').waitFor({ timeout: 40_000 });
    expect(Number(await page.getByTestId('idle-seconds').textContent())).toBeGreaterThan(0);
    await expect
      .poll(async () => (await spoken(page)).map((u) => u.text).find((t) => t.startsWith('您还在吗？')), { timeout: 10_000 })
      .toMatch(/^您还在吗？\d+秒后将返回首页，并清除您的信息。要继续办理，请点一下屏幕$/);
    await page.getByTestId('attract-screen').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'idle-reset');
  });

  it('leaves no name and no ID digits in the page', async () => {
    const html = await page.content();
    const text = await page.locator('body').innerText();
    for (const trace of TRACES) {
      expect(html, trace).not.toContain(trace);
      expect(text, trace).not.toContain(trace);
    }
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(await page.getByTestId('greeting').count()).toBe(0);
  });

  it('does not start a new session while the card still lies on the reader', async () => {
    expect((await reader({ cmd: 'status' })).status.placedCard).toBe('resident');
    // The reader keeps polling the card that lies there (several rounds of commands), and reads nothing new.
    const before = await readerCommands();
    await expect.poll(readerCommands, { timeout: 20_000, interval: 250 }).toBeGreaterThan(before + 12);
    expect(await page.getByTestId('attract-screen').count()).toBe(1);
    expect(await page.getByTestId('service-menu').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(maskName(NAME));
  });

  it('reads the card as a new session once it is taken away and laid down again', async () => {
    await reader({ cmd: 'remove' });
    // The reader must see the empty slot before the card comes back.
    const before = await readerCommands();
    await expect.poll(readerCommands, { timeout: 20_000, interval: 250 }).toBeGreaterThan(before + 3);
    expect(await reader({ cmd: 'place', card: 'resident' })).toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('greeting').textContent(), { timeout: 15_000 }).toBe(`${maskName(NAME)}，您好`);
    await reader({ cmd: 'remove' });
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('kept the name and the ID number out of the web shell’s output and logs', () => {
    const logDir = path.join(kiosk.shell.dataDir, 'logs');
    const logs = readdirSync(logDir).map((f) => readFileSync(path.join(logDir, f), 'utf8'));
    expect(logs.join('').length).toBeGreaterThan(0);
    for (const text of [kiosk.shell.output(), ...logs]) {
      expect(text).not.toContain(NAME);
      expect(text).not.toContain(ID_NUMBER);
    }
  });
});
