import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './helpers/chromium';
import type { RunningWebShell } from './helpers/web-shell-process';
import { emulatorControl, openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { liveFaceY4m } from './helpers/live-face-y4m';
import { REPO_ROOT } from '../helpers/kioskctl';

const FACES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'faces');
/** A face session on this busy 2-core machine: model loading, liveness, template frames. */
const FACE_SESSION_MS = 180_000;

/**
 * Journey 5 (刷脸办事): bind with consent → reset → identify by face → ticket → unbind → face
 * refused. The fake camera plays a synthetic live loop made from one shared photo (head turns, an
 * open mouth, a blink: tests/e2e/helpers/live-face-y4m.ts), so binding and identification see the
 * same photo: enough to drive the screens and the core, not a measure of recognition accuracy.
 */
describe('face binding and identification in Chromium with a live fake camera', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const card = (message: object) => emulatorControl(shell, 'ttyIdCard', message);
  const hubItemKinds = async () => (await embeddedHubDump(shell)).items.map((i) => i.kind);

  /**
   * Records every step and prompt the camera view shows: the result is on screen only for a
   * moment before the menu comes back, shorter than a polling interval on a busy machine.
   */
  const recordSteps = () =>
    page.evaluate(() => {
      const w = window as unknown as { faceSteps: string[] };
      w.faceSteps = [];
      const note = () => {
        const s = document.querySelector('[data-testid="face-screen"]')?.getAttribute('data-step');
        const p = document.querySelector('[data-testid="face-prompt"]')?.textContent ?? '';
        if (s && w.faceSteps.at(-1) !== `${s}|${p}`) w.faceSteps.push(`${s}|${p}`);
      };
      note();
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-step'] });
    });
  const stepsSeen = () => page.evaluate(() => (window as unknown as { faceSteps: string[] }).faceSteps.map((s) => s.split('|')[0]!));
  /** Waits for the face session's end and returns the prompt it ended with. */
  const sessionEnd = async () => {
    await expect
      .poll(async () => (await stepsSeen()).some((s) => s === 'done' || s === 'failed'), { timeout: FACE_SESSION_MS, interval: 500 })
      .toBe(true);
    const all = await page.evaluate(() => (window as unknown as { faceSteps: string[] }).faceSteps);
    const end = all.find((s) => s.startsWith('done|') || s.startsWith('failed|'))!;
    return { step: end.split('|')[0], prompt: all.filter((s) => s.startsWith(end.split('|')[0]! + '|')).at(-1)!.split('|')[1] };
  };

  beforeAll(async () => {
    const y4m = await liveFaceY4m(path.join(FACES, 'img10.jpg'));
    kiosk = await openKioskInChromium({ chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`] });
    ({ shell, page } = kiosk);
  }, 240_000);
  afterAll(async () => kiosk?.close());

  it('offers binding after the ID card; the consent screen in English can be declined', async () => {
    await expect.poll(async () => (await card({ cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 }).toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await page.getByTestId('lang-en').click();
    await page.getByTestId('face-bind-offer').click({ timeout: 15_000 });
    await page.getByTestId('consent-store').waitFor();
    expect(await page.getByTestId('consent-agree').textContent()).toMatch(/[A-Za-z]/);
    await saveScreenshot(page, 'face-consent-en');
    await page.getByTestId('consent-decline').click();
    await page.getByTestId('service-menu').waitFor();
    // The offer appears once the menu has asked the core about the citizen's binding.
    await page.getByTestId('face-bind-offer').waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('binds the face in 长辈版: both consents, the face guide, liveness, the template frames, bound', async () => {
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('elder-toggle').click();
    await page.getByTestId('face-bind-offer').click();
    await page.getByTestId('consent-store').waitFor();
    await saveScreenshot(page, 'face-consent-elder');
    await page.getByTestId('consent-agree').click();
    await page.getByTestId('consent-share').waitFor();
    await page.getByTestId('consent-agree').click();
    await page.getByTestId('face-screen').waitFor();
    await recordSteps();
    await page.getByTestId('face-guide').waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByTestId('face-liveness').waitFor({ timeout: FACE_SESSION_MS });
    await saveScreenshot(page, 'face-capture-elder');
    expect(await sessionEnd()).toEqual({ step: 'done', prompt: '人脸绑定成功，下次可直接刷脸办事' });
    expect(await stepsSeen()).toEqual(expect.arrayContaining(['liveness', 'capture', 'done']));
    // Back on the menu: the binding is there, the citizen may delete it.
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('face-unbind').isVisible(), { timeout: 15_000 }).toBe(true);
    // The citizen agreed to share: the binding goes to the hall (sealed, no template in clear).
    await expect.poll(hubItemKinds, { timeout: 60_000, interval: 2000 }).toContain('face.bound');
  }, FACE_SESSION_MS + 120_000);

  it('ends the session; the next citizen is identified by face alone and takes a ticket', async () => {
    await card({ cmd: 'remove' });
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('prompt-face').click();
    await page.getByTestId('face-screen').waitFor();
    await recordSteps();
    await page.getByTestId('face-liveness').waitFor({ timeout: FACE_SESSION_MS });
    await saveScreenshot(page, 'face-capture-en');
    expect(await sessionEnd()).toEqual({ step: 'done', prompt: 'You have been identified' });
    expect(await stepsSeen()).toEqual(expect.arrayContaining(['liveness', 'capture', 'done']));
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('greeting').textContent()).toBe('Hello, you have been identified by face');
    expect(await page.locator('body').innerText()).not.toMatch(/\d{17}[\dX]/);

    await page.getByTestId('service-C').click();
    await page.getByTestId('ticket-take').click();
    const number = (await page.getByTestId('ticket-number').textContent({ timeout: 20_000 }))!;
    expect(number).toMatch(/^C\d{3}$/);
    await page.getByTestId('ticket-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
  }, FACE_SESSION_MS + 120_000);

  it('lets the citizen with the ID card delete the face; face identification then fails and offers the card', async () => {
    await card({ cmd: 'place', card: 'resident' });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await page.getByTestId('face-unbind').click({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('face-notice').textContent(), { timeout: 15_000 }).toBe('您的人脸信息已删除');
    await expect.poll(() => page.getByTestId('face-bind-offer').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(hubItemKinds, { timeout: 60_000, interval: 2000 }).toContain('face.unbound');
    await card({ cmd: 'remove' });
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();

    await page.getByTestId('prompt-face').click();
    await page.getByTestId('face-screen').waitFor();
    await recordSteps();
    expect(await sessionEnd()).toEqual({ step: 'done', prompt: '未能确认您的身份，请使用身份证办理' });
    await page.getByTestId('face-use-card').click();
    await page.getByTestId('attract-screen').waitFor();
  }, FACE_SESSION_MS + 120_000);
});
