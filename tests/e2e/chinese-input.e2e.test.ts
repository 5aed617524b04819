import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { emulatorControl, type RunningWebShell } from '../../testing/chromium/web-shell-process';
import { HAND_DRAWN } from '../chinese-input/hand-drawn-strokes';
import { typePinyinAndPick, writeAndPick, writeOnPad } from './helpers/chinese-input';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { drawSignature, typeOnScreenKeyboard } from './helpers/form-journey';
import { enterStaffModeFirstTime, openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';

interface HubItem {
  kind: string;
  payload?: { submissionNumber?: string; fields?: Record<string, string> };
}

/**
 * Issue #15: Chinese text entry in Chromium, the matcher in its Web Worker and the data chunks the
 * build makes. A residence registration takes its address by 拼音 and its contact's name by 手写
 * (strokes drawn by hand, replayed as pointer events), both reach the hub; staff enter a hall name.
 */
describe('Chinese text entry in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;

  beforeAll(async () => {
    kiosk = await openKioskInChromium();
    ({ shell, page } = kiosk);
  });
  afterAll(async () => kiosk?.close());

  it('fills the address by pinyin and the contact by handwriting, and the hub receives both', async () => {
    const control = (message: object) => emulatorControl(shell, 'ttyIdCard', message);
    await expect.poll(async () => (await control({ cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 }).toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await control({ cmd: 'remove' });
    await page.getByTestId('service-R1').click();
    await page.getByTestId('form-screen').waitFor({ timeout: 15_000 });

    await page.getByTestId('form-edit-phone').click();
    await typeOnScreenKeyboard(page, '13912345678');
    await page.getByTestId('keyboard-done').click();
    await page.getByTestId('form-option-district-haizhu').click();
    await page.getByTestId('form-option-housing-rented').click();

    // 拼音: word by word, the digits straight from the digit row.
    await page.getByTestId('form-edit-address').click();
    await page.getByTestId('keyboard-mode-pinyin').click();
    await typePinyinAndPick(page, 'haizhuqu', '海珠区');
    await typePinyinAndPick(page, 'jiedao', '街道');
    for (const d of '12') await page.getByTestId(`key-${d}`).click();
    await typePinyinAndPick(page, 'hao', '号');
    expect(await page.getByTestId('keyboard-input').inputValue()).toBe('海珠区街道12号');
    await saveScreenshot(page, 'chinese-input-pinyin');
    await page.getByTestId('keyboard-done').click();
    await expect.poll(() => page.getByTestId('form-value-address').textContent()).toBe('海珠区街道12号');

    // 手写: three characters, each written stroke by stroke and picked from the candidates.
    await page.getByTestId('form-edit-contact').click();
    await page.getByTestId('keyboard-mode-handwriting').click();
    await writeAndPick(page, HAND_DRAWN['王']!, '王');
    await writeAndPick(page, HAND_DRAWN['中']!, '中');
    await writeOnPad(page, HAND_DRAWN['山']!);
    await expect.poll(() => page.getByTestId('handwriting-pad').getAttribute('data-recognised')).toBe(String(HAND_DRAWN['山']!.length));
    await saveScreenshot(page, 'chinese-input-handwriting');
    await page.getByTestId('candidate-bar').getByText('山', { exact: true }).click();
    expect(await page.getByTestId('keyboard-input').inputValue()).toBe('王中山');
    await page.getByTestId('keyboard-done').click();
    await expect.poll(() => page.getByTestId('form-value-contact').textContent()).toBe('王中山');

    await page.getByTestId('form-edit-signature').click();
    await page.getByTestId('signature-pad').waitFor();
    await drawSignature(page);
    await page.getByTestId('signature-done').click();
    await page.getByTestId('form-next').click();
    await page.getByTestId('form-review').waitFor({ timeout: 10_000 });
    const review = await page.getByTestId('form-review').innerText();
    expect(review).toContain('海珠区街道12号');
    expect(review).toContain('王中山');
    await page.getByTestId('form-submit').click();
    const number = (await page.getByTestId('form-submission-number').textContent({ timeout: 20_000 }))!;

    await expect
      .poll(
        async () =>
          ((await embeddedHubDump(shell)).items as unknown as HubItem[]).find((i) => i.kind === 'submission.created' && i.payload?.submissionNumber === number)
            ?.payload?.fields,
        { timeout: 45_000, interval: 2000 },
      )
      .toMatchObject({ address: '海珠区街道12号', contact: '王中山', phone: '13912345678', district: 'haizhu' });

    await page.getByTestId('form-done').click();
    await page.getByTestId('rating-screen').waitFor();
    await page.getByTestId('rating-5').click();
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });

  it('lets staff enter a Chinese hall name, 简体 and 繁體, which the screen then shows', async () => {
    await enterStaffModeFirstTime(page, '246810');
    await page.getByTestId('section-terminal').click();
    for (const [field, words] of [
      ['terminal.hallName.zh-CN', ['天河', '政务', '服务', '中心']],
      ['terminal.hallName.zh-HK', ['天河', '政務', '服務', '中心']],
    ] as const) {
      await page.getByTestId(`field-${field}`).click();
      await page.getByTestId('key-clear').click();
      await page.getByTestId('keyboard-mode-pinyin').click();
      for (const [letters, word] of [['tianhe'], ['zhengwu'], ['fuwu'], ['zhongxin']].map(([l], i) => [l!, words[i]!] as const))
        await typePinyinAndPick(page, letters, word);
      expect(await page.getByTestId('keyboard-input').inputValue()).toBe(words.join(''));
      await page.getByTestId('keyboard-done').click();
    }
    await saveScreenshot(page, 'chinese-input-staff-hall-name');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toContain('已保存 2 项更改');
    const config = JSON.parse(readFileSync(path.join(shell.dataDir, 'config.json'), 'utf8'));
    expect(config.terminal.hallName).toMatchObject({ 'zh-CN': '天河政务服务中心', 'zh-HK': '天河政務服務中心' });
    await page.getByTestId('staff-exit').click();
    await page.getByTestId('attract-screen').waitFor();
    await expect.poll(() => page.getByTestId('hall-name').textContent()).toBe('天河政务服务中心');
    await page.getByTestId('lang-zh-HK').click();
    await expect.poll(() => page.getByTestId('hall-name').textContent()).toBe('天河政務服務中心');
  });
});
