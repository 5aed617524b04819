import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, printedJobs, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { drawSignature, typeOnScreenKeyboard } from './helpers/form-journey';
import { elderModeShortfalls } from './helpers/accessibility';
import { recordSpeech, spoken } from './helpers/speech-recorder';

const NAME = '测试一';
const ID_NUMBER = '110101199003070011';

interface HubItem {
  kind: string;
  payload?: {
    submissionNumber?: string;
    serviceCode?: string;
    rating?: number;
    fields?: Record<string, string>;
    signatures?: Record<string, { path: string }>;
  };
}

/** Journey (issue 7, test 4): card → 居住登记 form → keyboard, a validation error, signature → receipt → rating. */
describe('a self-service form in Chromium', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  const numbers: string[] = [];
  const control = (message: object) => emulatorControl(shell, 'ttyIdCard', message);
  const hubItems = async () => (await embeddedHubDump(shell)).items as unknown as HubItem[];

  /** Lays the sample card on the reader and opens R1 from the menu it brings up. */
  const openForm = async () => {
    await expect.poll(async () => (await control({ cmd: 'place', card: 'resident' })) as { ok: boolean }, { timeout: 15_000 }).toMatchObject({ ok: true });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await control({ cmd: 'remove' });
    await page.getByTestId('service-R1').click();
    await page.getByTestId('form-screen').waitFor({ timeout: 15_000 });
  };
  const enterPhone = async (digits: string) => {
    await page.getByTestId('form-edit-phone').click();
    await page.getByTestId('key-clear').click();
    await typeOnScreenKeyboard(page, digits);
    await page.getByTestId('keyboard-done').click();
  };
  const sign = async (screenshot?: string) => {
    await page.getByTestId('form-edit-signature').click();
    await page.getByTestId('signature-pad').waitFor();
    await drawSignature(page);
    if (screenshot) await saveScreenshot(page, screenshot);
    await page.getByTestId('signature-done').click();
    await page.getByTestId('form-field-signature').getByTestId('signature-preview').waitFor();
  };

  /** Each step says its prompt (voice is on by default): waits until `text` has been said. */
  const said = (text: string | RegExp) =>
    expect.poll(async () => (await spoken(page)).some((u) => (typeof text === 'string' ? u.text === text : text.test(u.text))), { timeout: 10_000 }).toBe(true);

  beforeAll(async () => {
    kiosk = await openKioskInChromium();
    ({ shell, page } = kiosk);
    await recordSpeech(page);
    await page.getByTestId('attract-screen').waitFor();
  });
  afterAll(async () => kiosk?.close());

  it('shows the card’s name and ID number filled in, masked and marked as from the card', async () => {
    await openForm();
    expect(await page.getByTestId('form-value-name').textContent()).toContain('测*一');
    expect(await page.getByTestId('form-value-idNumber').textContent()).toContain('1101**********0011');
    expect(await page.getByTestId('form-from-card-name').textContent()).toBe('来自身份证');
    expect(await page.getByTestId('form-edit-name').count()).toBe(0); // locked: nothing to tap
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(NAME);
    expect(body).not.toContain(ID_NUMBER);
    await said('请核对身份证信息，并填写其余各项');
    await saveScreenshot(page, 'form-filled-from-card');
  });

  it('says why a wrong mobile number is refused, at the field, and takes a right one', async () => {
    await enterPhone('12345678901');
    await said('请输入手机号码');
    await expect.poll(() => page.getByTestId('form-error-phone').textContent(), { timeout: 10_000 }).toBe('请填写正确的 11 位手机号码');
    await said('请填写正确的 11 位手机号码');
    await saveScreenshot(page, 'form-phone-refused');
    await enterPhone('13912345678');
    await expect.poll(() => page.getByTestId('form-error-phone').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('form-value-phone').textContent()).toBe('13912345678');
  });

  it('stops the pad at the stroke limit the core keeps, and says so, rather than refusing the signature at submit', async () => {
    await page.getByTestId('form-edit-signature').click();
    const canvas = page.getByTestId('signature-canvas');
    const box = (await canvas.boundingBox())!;
    // 201 taps, each a stroke (a dot): the 201st is not taken.
    for (let i = 0; i < 201; i++)
      await page.mouse.click(box.x + 12 + ((i % 40) * (box.width - 24)) / 40, box.y + 12 + (Math.floor(i / 40) * (box.height - 24)) / 5);
    await page.getByTestId('signature-full').waitFor({ timeout: 10_000 });
    expect(await canvas.getAttribute('data-strokes')).toBe('200');
    expect(await page.getByTestId('signature-full').textContent()).toBe('签名框已写满，如需重写请点击“清除重写”，写好请点击“完成”');
    await said('签名框已写满，如需重写请点击“清除重写”，写好请点击“完成”');
    await saveScreenshot(page, 'form-signature-full');
    await page.getByTestId('signature-clear').click();
    expect(await page.getByTestId('signature-full').count()).toBe(0);
    expect(await canvas.getAttribute('data-strokes')).toBe('0');
    await page.getByTestId('signature-cancel').click();
    await page.getByTestId('signature-pad').waitFor({ state: 'detached' });
  });

  it('asks for what is missing before the review, then takes choices and a signature drawn on the pad', async () => {
    await page.getByTestId('form-next').click();
    await expect.poll(() => page.getByTestId('form-error-housing').textContent(), { timeout: 10_000 }).toBe('此项必须填写');
    expect(await page.getByTestId('form-error-signature').textContent()).toBe('请在签名框内签名');
    await page.getByTestId('form-option-district-haizhu').click();
    await page.getByTestId('form-option-housing-rented').click();
    expect(await page.getByTestId('form-option-district-haizhu').getAttribute('aria-checked')).toBe('true');
    await sign('form-signature-pad');
    await expect.poll(() => page.locator('[data-testid^="form-error-"]').count(), { timeout: 10_000 }).toBe(0);
    await saveScreenshot(page, 'form-complete');
  });

  it('reviews everything, submits, shows the submission number and prints it on the receipt', async () => {
    await page.getByTestId('form-next').click();
    await page.getByTestId('form-review').waitFor({ timeout: 10_000 });
    const review = await page.getByTestId('form-review').innerText();
    for (const shown of ['测*一', '1101**********0011', '13912345678', '海珠区', '租赁房屋']) expect(review).toContain(shown);
    expect(review).not.toContain(NAME);
    expect(await page.getByTestId('form-review-signature').getByTestId('signature-preview').count()).toBe(1);
    await said('请核对填写的内容，确认无误后点击提交');
    await saveScreenshot(page, 'form-review');

    await page.getByTestId('form-submit').click();
    const number = (await page.getByTestId('form-submission-number').textContent({ timeout: 20_000 }))!;
    expect(number).toMatch(/^R1-T-0001-\d{8}-0001$/);
    numbers.push(number);
    await said(`受理编号 ${number}，请取走回执，凭受理编号查询办理进度`);
    expect(await page.getByTestId('form-receipt-printed').textContent()).toBe('请取走回执，凭受理编号查询办理进度');
    await expect
      .poll(() => printedJobs(shell).some((j) => j.includes(number) && j.includes('受理回执') && j.includes('测*一')), { timeout: 15_000 })
      .toBe(true);
    expect(printedJobs(shell).some((j) => j.includes(NAME))).toBe(false);
    await saveScreenshot(page, 'form-receipt');

    await page.getByTestId('form-done').click();
    await page.getByTestId('rating-screen').waitFor();
    await page.getByTestId('rating-5').click();
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
    expect(await page.locator('body').innerText()).not.toMatch(/测\*一|13912345678/);

    // The hub holds the submission with the card's values, filled by the core, and the rating.
    await expect
      .poll(async () => (await hubItems()).find((i) => i.kind === 'submission.created' && i.payload?.submissionNumber === number)?.payload, {
        timeout: 45_000,
        interval: 2000,
      })
      .toMatchObject({
        serviceCode: 'R1',
        fields: { name: NAME, idNumber: ID_NUMBER, phone: '13912345678', district: 'haizhu', housing: 'rented' },
        signatures: { signature: { path: expect.stringMatching(/^M[\d. ]+L/) } },
      });
    await expect
      .poll(async () => (await hubItems()).find((i) => i.kind === 'evaluation.created' && i.payload?.serviceCode === 'R1')?.payload, {
        timeout: 45_000,
        interval: 2000,
      })
      .toMatchObject({ rating: 5 });
  });

  it('works in 长辈版: large text and targets on the form, same journey', async () => {
    await page.getByTestId('elder-toggle').click();
    await expect.poll(() => page.getByTestId('app').getAttribute('class')).toContain('elder');
    await openForm();
    expect(await elderModeShortfalls(page), '长辈版 on the form').toEqual([]);
    await saveScreenshot(page, 'form-elder');
    await enterPhone('13812345678');
    await page.getByTestId('form-option-district-tianhe').click();
    await page.getByTestId('form-option-housing-owned').click();
    await sign();
    await page.getByTestId('form-next').click();
    await page.getByTestId('form-review').waitFor({ timeout: 10_000 });
    await saveScreenshot(page, 'form-elder-review');
    await page.getByTestId('form-submit').click();
    numbers.push((await page.getByTestId('form-submission-number').textContent({ timeout: 20_000 }))!);
    await saveScreenshot(page, 'form-elder-receipt');
    await page.getByTestId('form-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });

  it('works in English, reasons included', async () => {
    await page.getByTestId('lang-en').click();
    await openForm();
    expect(await page.getByTestId('form-from-card-name').textContent()).toBe('From your ID card');
    await said('Check the details from your ID card and fill in the rest');
    await enterPhone('1381234');
    await expect.poll(() => page.getByTestId('form-error-phone').textContent(), { timeout: 10_000 }).toBe('Enter a valid 11-digit mobile number');
    await saveScreenshot(page, 'form-en');
    await enterPhone('13712345678');
    await page.getByTestId('form-option-district-yuexiu').click();
    await page.getByTestId('form-option-housing-employer').click();
    await sign();
    await page.getByTestId('form-next').click();
    await page.getByTestId('form-review').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('form-review').innerText()).toContain('Employer dormitory');
    await saveScreenshot(page, 'form-en-review');
    await page.getByTestId('form-submit').click();
    numbers.push((await page.getByTestId('form-submission-number').textContent({ timeout: 20_000 }))!);
    // Each submission its own number (the sequence restarts only with the hall's day).
    expect(numbers).toHaveLength(3);
    for (const n of numbers) expect(n).toMatch(/^R1-T-0001-\d{8}-\d{4}$/);
    expect(new Set(numbers).size).toBe(3);
    expect(await page.getByTestId('form-receipt-printed').textContent()).toBe(
      'Please take your receipt. Quote the submission number to follow your application.',
    );
    await saveScreenshot(page, 'form-en-receipt');
    await page.getByTestId('form-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });

  it('asks for the ID card when the form is chosen without one', async () => {
    await page.getByTestId('start').click();
    await page.getByTestId('service-R1').click();
    await expect.poll(() => page.getByTestId('form-start-problem').textContent(), { timeout: 10_000 }).toBe('办理此业务请先放置身份证');
    await said('办理此业务请先放置身份证');
    await page.getByTestId('form-back').click();
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('says at the start that the receipt printer is out of paper, and takes no submission until it prints again', async () => {
    await emulatorControl(shell, 'ttyPrinter', { status: 'paper-end' });
    await openForm();
    await expect.poll(() => page.getByTestId('form-printer-problem').textContent(), { timeout: 10_000 }).toBe('凭条打印机缺纸，请联系工作人员');
    await enterPhone('13612345678');
    await page.getByTestId('form-option-district-baiyun').click();
    await page.getByTestId('form-option-housing-rented').click();
    await sign();
    await page.getByTestId('form-next').click();
    await page.getByTestId('form-submit').click();
    await expect.poll(() => page.getByTestId('form-problem').textContent(), { timeout: 15_000 }).toBe('凭条打印机缺纸，请联系工作人员');
    await saveScreenshot(page, 'form-printer-paper-end');
    await emulatorControl(shell, 'ttyPrinter', { status: 'ok' });
    // The citizen taps submit again until the printer, back in order, has printed the receipt.
    const receipt = page.getByTestId('form-receipt');
    await expect
      .poll(
        async () => {
          if ((await receipt.count()) > 0) return true;
          const submit = page.getByTestId('form-submit');
          if ((await submit.count()) > 0 && (await submit.isEnabled())) await submit.click({ timeout: 5000 }).catch(() => undefined);
          await receipt.waitFor({ timeout: 3000 }).catch(() => undefined);
          return (await receipt.count()) > 0;
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    const number = (await page.getByTestId('form-submission-number').textContent())!;
    // The refused attempts took no number: this one follows the last one given.
    const seq = (n: string) => Number(n.slice(-4));
    expect(numbers.every((n) => n !== number)).toBe(true);
    // Unless the hall's day turned in between: then it is that day's first.
    expect(seq(number)).toBe(number.slice(-13, -5) === numbers[2]!.slice(-13, -5) ? seq(numbers[2]!) + 1 : 1);
    await page.getByTestId('form-done').click();
    await page.getByTestId('rating-skip').click();
    await page.getByTestId('attract-screen').waitFor({ timeout: 10_000 });
  });
});
