import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { enterStaffModeFirstTime, openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { photoToY4m } from '../../testing/camera/y4m';
import { REPO_ROOT } from '../../testing/repo-root';
import { FACE_USE_OVER, LIGHT_PROMPTS } from '../../main/face/messages';
import { LIGHT_COLOURS } from '../../main/face/screen-light';

const FACES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'faces');
/** The screen-light check's colours as the browser computes them. */
const SCREEN_COLOURS = Object.values(LIGHT_COLOURS).map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`);

/** 刷脸办事 with Chromium's fake camera showing a printed photo (held still). */
describe('face identification in Chromium with a fake camera', () => {
  let kiosk: KioskInChromium;
  let page: Page;

  beforeAll(async () => {
    const y4m = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosk-cam-')), 'photo.y4m');
    photoToY4m(path.join(FACES, 'img10.jpg'), y4m);
    kiosk = await openKioskInChromium({
      chromiumArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`],
    });
    ({ page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('shows the camera with the face guide, finds the face, and lights it with the screen’s colours', async () => {
    await page.getByTestId('prompt-face').click();
    // The notice comes before the camera opens (issue 13).
    await page.getByTestId('notice-continue').click();
    await page.getByTestId('face-screen').waitFor();
    await page.getByTestId('face-guide').waitFor({ state: 'visible', timeout: 15_000 });
    await expect.poll(() => page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 15_000 }).toBeGreaterThan(0);
    // The face engine loads its models on the first frame; then the face box follows the face.
    await page.getByTestId('face-box').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('face-screen').getAttribute('data-step'), { timeout: 60_000 }).toBe('liveness');
    expect(await page.getByTestId('face-prompt').textContent()).toBe(LIGHT_PROMPTS['look-at-screen']['zh-CN']);
    // The whole window takes the drawn colour, the prompt stays readable on paper.
    await page.getByTestId('screen-light').waitFor({ timeout: 30_000 });
    expect(SCREEN_COLOURS).toContain(await page.getByTestId('screen-light').evaluate((e) => getComputedStyle(e).backgroundColor));
    expect(await page.getByTestId('face-prompt').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(255, 255, 255)');
    await saveScreenshot(page, 'face-screen-light');
  });

  it('refuses the photo held still (it takes none of the colours), and offers the ID card instead', async () => {
    await expect.poll(() => page.getByTestId('face-screen').getAttribute('data-step'), { timeout: 60_000 }).toBe('failed');
    expect(await page.getByTestId('face-screen').getAttribute('data-result')).toBe('light-not-taken');
    expect(await page.getByTestId('face-prompt').textContent()).toBe(LIGHT_PROMPTS.failed['zh-CN']);
    expect(await page.getByTestId('face-use-card').textContent()).toBe('请使用身份证办理');
    await saveScreenshot(page, 'face-photo-refused');
    await page.getByTestId('face-use-card').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('after three failed checks in a row, says in a sentence that face use is over this time and offers the ID card, without opening the camera', async () => {
    // The first failed check was the test above; two more, in the same session.
    for (const attempt of [2, 3]) {
      await page.getByTestId('prompt-face').click();
      await page.getByTestId('notice-continue').click();
      await expect.poll(() => page.getByTestId('face-screen').getAttribute('data-step'), { timeout: 90_000 }).toBe('failed');
      const expected = attempt === 3 ? FACE_USE_OVER['zh-CN'] : LIGHT_PROMPTS.failed['zh-CN'];
      await expect.poll(() => page.getByTestId('face-prompt').textContent()).toBe(expected);
      await page.getByTestId('face-use-card').click();
      await page.getByTestId('attract-screen').waitFor();
    }
    await page.getByTestId('lang-en').click();
    await page.getByTestId('prompt-face').click();
    // The notice comes before the camera opens (issue 13).
    await page.getByTestId('notice-continue').click();
    await expect.poll(() => page.getByTestId('face-prompt').textContent()).toBe(FACE_USE_OVER.en);
    expect(await page.getByTestId('face-use-card').isVisible()).toBe(true);
    expect(await page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => v.srcObject === null)).toBe(true);
    await saveScreenshot(page, 'face-use-over-en');
    await page.getByTestId('face-use-card').click();
    await page.getByTestId('attract-screen').waitFor();
    await page.getByTestId('lang-zh-CN').click();
  }, 300_000);

  it('shows technicians the camera with detection boxes, the face backend and the time per frame', async () => {
    await enterStaffModeFirstTime(page, '246810');
    await page.getByTestId('open-technician').click();
    await page.getByTestId('camera-start').click();
    await page.getByTestId('detection-box').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('camera-stats').textContent()).toMatch(/后端 (wasm|tensorflow|cpu) · 每帧 \d+ 毫秒 · 检测到 1 张脸/);
    await saveScreenshot(page, 'technician-camera');
  });
});
