// Over 300 lines: one Chromium session through binding, refusal, identification and deletion, each step building on the last.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { kioskPage, saveScreenshot } from '../../testing/chromium/chromium';
import type { RunningWebShell } from '../../testing/chromium/web-shell-process';
import { openKioskInChromium, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { emulatorControl } from '../../testing/chromium/web-shell-process';
import { embeddedHubDump } from './helpers/embedded-hub-admin';
import { elderModeShortfalls } from './helpers/accessibility';
import { liveFaceAnswers, prepareLiveFacePerson, showLiveFacePerson, type LiveFacePerson } from './helpers/live-face-actor';
import { clearSpoken, recordSpeech, spoken } from './helpers/speech-recorder';
import { REPO_ROOT } from '../../testing/repo-root';
import { HOLDER_MISMATCH, CHILD_NOT_BOUND } from '../../main/face/verification/messages';
import { FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import { FACE_DELETED_HERE } from '../../main/face/gallery/deletion-messages';
import { OUTBOX_DB_FILE } from '../../offline-queue/outbox-db';
import { LIGHT_PROMPTS } from '../../main/face/messages';

const FACES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'faces');
/** A face session on this busy 2-core machine: model loading, liveness, template frames, the hub's check. */
const FACE_SESSION_MS = 180_000;

/**
 * Journey 5 (刷脸办事) with 人证核验, the notice and the child rule. The resident sample card's
 * owner is id01 of ../shared/data/faces: the local hub's reference face for the card is img1.jpg
 * (computed by the kiosk's engine at the first binding). The camera shows a synthetic live person
 * made from one shared photo, who reads each liveness prompt on the screen and makes the asked
 * movement (tests/e2e/helpers/live-face-actor.ts): img10.jpg (id01 again, another picture) is the
 * owner; img8.jpg (id03) is someone else holding the owner's card. The kiosk has a hall key, so
 * the notice speaks of the hall's other terminals and a binding can be shared.
 */
describe('face binding and identification in Chromium with a live fake camera', () => {
  let kiosk: KioskInChromium;
  let shell: RunningWebShell;
  let page: Page;
  let owner: LiveFacePerson;
  let stranger: LiveFacePerson;
  const card = (message: object) => emulatorControl(shell, 'ttyIdCard', message);
  const hubItemKinds = async () => (await embeddedHubDump(shell)).items.map((i) => i.kind);
  const rows = (file: string, sql: string) => {
    const db = new Database(path.join(shell.dataDir, file), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };

  /**
   * Records every step and prompt the camera view shows: the result is on screen only for a
   * moment before the menu comes back, shorter than a polling interval on a busy machine.
   */
  const recordSteps = (on: Page) =>
    on.evaluate(() => {
      const w = window as unknown as { faceSteps: string[] };
      w.faceSteps = [];
      const note = () => {
        const s = document.querySelector('[data-testid="face-screen"]')?.getAttribute('data-step');
        const p = document.querySelector('[data-testid="face-prompt"]')?.textContent ?? '';
        if (s && w.faceSteps.at(-1) !== `${s}|${p}`) w.faceSteps.push(`${s}|${p}`);
      };
      note();
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['data-step'],
      });
    });
  const stepsSeen = (on: Page) => on.evaluate(() => (window as unknown as { faceSteps: string[] }).faceSteps.map((s) => s.split('|')[0]!));
  /** Waits for the face session's end and returns the prompt it ended with. */
  const sessionEnd = async (on: Page = page) => {
    await expect.poll(async () => (await stepsSeen(on)).some((s) => s === 'done' || s === 'failed'), { timeout: FACE_SESSION_MS, interval: 500 }).toBe(true);
    const all = await on.evaluate(() => (window as unknown as { faceSteps: string[] }).faceSteps);
    const end = all.find((s) => s.startsWith('done|') || s.startsWith('failed|'))!;
    return {
      step: end.split('|')[0],
      prompt: all
        .filter((s) => s.startsWith(end.split('|')[0]! + '|'))
        .at(-1)!
        .split('|')[1],
    };
  };
  /** Lays a card on the reader again (a card still lying there is not read twice) and waits for the menu. */
  const readCard = async (on: Page, id = 'resident') => {
    await card({ cmd: 'remove' });
    await expect.poll(async () => (await card({ cmd: 'place', card: id })) as { ok: boolean }, { timeout: 15_000 }).toMatchObject({ ok: true });
    await on.getByTestId('service-menu').waitFor({ timeout: 15_000 });
  };
  /** The notice's paragraphs as shown: element → text. */
  const noticeShown = (on: Page) =>
    on.getByTestId('privacy-notice').evaluate((el) => Object.fromEntries([...el.querySelectorAll('p')].map((p) => [p.dataset.element!, p.textContent ?? ''])));

  beforeAll(async () => {
    owner = await prepareLiveFacePerson(path.join(FACES, 'img10.jpg'));
    stranger = await prepareLiveFacePerson(path.join(FACES, 'img8.jpg'));
    kiosk = await openKioskInChromium({ hallKey: randomBytes(32) });
    ({ shell, page } = kiosk);
    await showLiveFacePerson(page, owner);
    await recordSpeech(page);
    await page.getByTestId('attract-screen').waitFor();
  }, 240_000);
  afterAll(async () => kiosk?.close());

  it('offers binding after the ID card, under the whole notice (English, spoken in full), which can be declined', async () => {
    await readCard(page);
    await page.getByTestId('lang-en').click();
    await clearSpoken(page);
    await page.getByTestId('face-bind-offer').click({ timeout: 15_000 });
    await page.getByTestId('consent-store').waitFor();
    await page.getByTestId('privacy-notice').waitFor();
    const notice = await noticeShown(page);
    expect(Object.keys(notice)).toEqual([
      'controller',
      'purpose',
      'whyFace',
      'alternative',
      'kept',
      'holderCheck',
      'retention',
      'sharing',
      'deletion',
      'rights',
    ]);
    expect(notice.controller).toMatch(/demo setting.*Citizen Service Centre.*12345/);
    expect(notice.retention).toMatch(/not used for 365 days/);
    expect(notice.kept).toMatch(/never a photo/);
    expect(notice.holderCheck).toMatch(/hall’s service platform/);
    expect(notice.sharing).toMatch(/other self-service terminals/);
    expect(await page.getByTestId('privacy-question').textContent()).toMatch(/\?$/);
    expect(await page.getByTestId('face-screen').count()).toBe(0);
    // Spoken in full: every paragraph, not only the title.
    await expect.poll(async () => (await spoken(page)).map((u) => u.text).join(' '), { timeout: 10_000 }).toContain(notice.rights);
    const said = (await spoken(page)).map((u) => u.text).join(' ');
    for (const text of Object.values(notice)) expect(said).toContain(text);
    await saveScreenshot(page, 'face-consent-en');
    await page.getByTestId('consent-decline').click();
    await page.getByTestId('service-menu').waitFor();
    await page.getByTestId('face-bind-offer').waitFor({ state: 'visible', timeout: 15_000 });
  });

  it(
    'refuses another person’s face with the owner’s card: a sentence, the card still works, nothing stored',
    async () => {
      // Someone else at the kiosk: another window takes the kiosk over (the first one's session ends).
      const other = await kioskPage(kiosk.browser);
      try {
        await other.goto(shell.launchUrl);
        await showLiveFacePerson(other, stranger);
        await other.getByTestId('attract-screen').waitFor();
        await readCard(other);
        await other.getByTestId('face-bind-offer').click({ timeout: 15_000 });
        await other.getByTestId('consent-store').waitFor();
        await other.getByTestId('consent-agree').click();
        await other.getByTestId('consent-share').waitFor();
        await other.getByTestId('consent-agree').click();
        await other.getByTestId('face-screen').waitFor();
        await recordSteps(other);
        await other.getByTestId('face-liveness').waitFor({ timeout: FACE_SESSION_MS });
        expect(await sessionEnd(other)).toEqual({ step: 'failed', prompt: HOLDER_MISMATCH['zh-CN'] });
        expect(await stepsSeen(other)).toEqual(expect.arrayContaining(['liveness', 'capture', 'failed']));
        expect((await liveFaceAnswers(other)).length).toBeGreaterThanOrEqual(2);
        await saveScreenshot(other, 'face-holder-mismatch');
        // The card still serves: back to the menu, its services and the offer as before.
        await other.getByTestId('face-use-card').click();
        await other.getByTestId('service-menu').waitFor();
        await other.getByTestId('service-C').waitFor();
        await other.getByTestId('face-bind-offer').waitFor({ state: 'visible', timeout: 15_000 });
      } finally {
        await other.context().close();
      }
      expect(rows(FACE_DB_FILE, 'SELECT subject FROM templates')).toEqual([]);
      expect(rows(FACE_DB_FILE, 'SELECT subject FROM consents')).toEqual([]);
      expect(rows(OUTBOX_DB_FILE, "SELECT key FROM outbox WHERE kind = 'face.bound'")).toEqual([]);
      expect(await hubItemKinds()).not.toContain('face.bound');
      // The hub decided from its reference for the card's owner, which this kiosk's engine computed once.
      expect((await embeddedHubDump(shell)).faceReferences).toBeGreaterThanOrEqual(4);
    },
    FACE_SESSION_MS + 120_000,
  );

  it(
    'binds the owner’s face in 长辈版: the notice, both consents, liveness as asked, the card check, bound',
    async () => {
      // This window takes the kiosk back.
      await page.reload();
      await page.getByTestId('attract-screen').waitFor();
      await readCard(page);
      await page.getByTestId('lang-zh-CN').click();
      await page.getByTestId('elder-toggle').click();
      await page.getByTestId('face-bind-offer').click({ timeout: 15_000 });
      await page.getByTestId('privacy-notice').waitFor();
      expect((await noticeShown(page)).retention).toMatch(/连续 365 天未使用/);
      expect(await elderModeShortfalls(page), '长辈版 on the face notice').toEqual([]);
      await saveScreenshot(page, 'face-consent-elder');
      await page.getByTestId('consent-agree').click();
      await page.getByTestId('consent-share').waitFor();
      expect(await elderModeShortfalls(page), '长辈版 on the sharing consent').toEqual([]);
      await page.getByTestId('consent-agree').click();
      await page.getByTestId('face-screen').waitFor();
      await recordSteps(page);
      await page.getByTestId('face-guide').waitFor({ state: 'visible', timeout: 15_000 });
      expect(await elderModeShortfalls(page), '长辈版 on the camera screen').toEqual([]);
      await page.getByTestId('face-liveness').waitFor({ timeout: FACE_SESSION_MS });
      await saveScreenshot(page, 'face-capture-elder');
      expect(await sessionEnd()).toEqual({ step: 'done', prompt: '人脸绑定成功，下次可直接刷脸办事' });
      expect(await stepsSeen(page)).toEqual(expect.arrayContaining(['liveness', 'capture', 'done']));
      // The core drew two or three challenges; the person answered each prompt it showed.
      expect((await liveFaceAnswers(page)).length).toBeGreaterThanOrEqual(2);
      await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('face-unbind').isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await elderModeShortfalls(page), '长辈版 on the menu with 删除我的人脸').toEqual([]);
      expect(rows(FACE_DB_FILE, 'SELECT subject FROM templates')).toHaveLength(1);
      // The citizen agreed to share: the binding goes to the hall (sealed, no template in clear).
      await expect.poll(hubItemKinds, { timeout: 60_000, interval: 2000 }).toContain('face.bound');
    },
    FACE_SESSION_MS + 120_000,
  );

  it(
    'shows the notice before 刷脸办事 opens the camera; the next citizen is identified by face alone and takes a ticket',
    async () => {
      await card({ cmd: 'remove' });
      await page.getByTestId('home').click();
      await page.getByTestId('attract-screen').waitFor();
      await page.getByTestId('lang-en').click();
      await clearSpoken(page);
      await page.getByTestId('prompt-face').click();
      await page.getByTestId('face-notice-screen').waitFor();
      await page.getByTestId('privacy-notice').waitFor();
      const notice = await noticeShown(page);
      expect(Object.keys(notice)).toEqual(['controller', 'purpose', 'whyFace', 'alternative', 'kept', 'retention', 'sharing', 'deletion', 'rights']);
      expect(notice.alternative).toMatch(/ID card for every service/);
      // No camera before the citizen has read the notice.
      expect(await page.getByTestId('face-screen').count()).toBe(0);
      await expect.poll(async () => (await spoken(page)).map((u) => u.text).join(' '), { timeout: 10_000 }).toContain(notice.rights);
      await saveScreenshot(page, 'face-notice-identify-en');
      await page.getByTestId('notice-continue').click();
      await page.getByTestId('face-screen').waitFor();
      await recordSteps(page);
      // Nothing is asked but to hold still: the screen lights the face with its drawn colours.
      await page.getByTestId('screen-light').waitFor({ timeout: FACE_SESSION_MS });
      expect(await page.getByTestId('face-prompt').textContent()).toBe(LIGHT_PROMPTS['look-at-screen'].en);
      await saveScreenshot(page, 'face-screen-light-en');
      expect(await sessionEnd()).toEqual({ step: 'done', prompt: 'You have been identified' });
      expect(await page.getByTestId('face-liveness').count()).toBe(0);
      expect(await stepsSeen(page)).toEqual(expect.arrayContaining(['liveness', 'capture', 'done']));
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
    },
    FACE_SESSION_MS + 120_000,
  );

  it(
    'lets the citizen with the ID card delete the face; face identification then fails and offers the card',
    async () => {
      await readCard(page);
      await page.getByTestId('face-unbind').click({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('face-notice').textContent(), { timeout: 15_000 }).toBe(FACE_DELETED_HERE['zh-CN']);
      await expect.poll(() => page.getByTestId('face-bind-offer').isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(hubItemKinds, { timeout: 60_000, interval: 2000 }).toContain('face.unbound');
      await card({ cmd: 'remove' });
      await page.getByTestId('home').click();
      await page.getByTestId('attract-screen').waitFor();

      await page.getByTestId('prompt-face').click();
      await page.getByTestId('notice-continue').click({ timeout: 15_000 });
      await page.getByTestId('face-screen').waitFor();
      await recordSteps(page);
      expect(await sessionEnd()).toEqual({ step: 'done', prompt: '未能确认您的身份，请使用身份证办理' });
      await page.getByTestId('face-use-card').click();
      await page.getByTestId('attract-screen').waitFor();
    },
    FACE_SESSION_MS + 120_000,
  );

  it('never offers binding for the card of a 12-year-old (demo panel), and says why', async () => {
    await card({ cmd: 'remove' });
    await page.getByTestId('demo-tab').click();
    await page.getByTestId('demo-panel').waitFor();
    expect(await page.getByTestId('demo-card-resident-child').textContent()).toMatch(/12/);
    await page.getByTestId('demo-card-resident-child').click();
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('face-bind-refused').textContent(), { timeout: 15_000 }).toBe(CHILD_NOT_BOUND['zh-CN']);
    expect(await page.getByTestId('face-bind-offer').count()).toBe(0);
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('face-bind-refused').textContent()).toBe(CHILD_NOT_BOUND.en);
    await saveScreenshot(page, 'face-child-refused');
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
  });

  it('says 证件信息无法识别 for the demo panel’s unreadable card (its number fails the check digit)', async () => {
    await card({ cmd: 'remove' });
    await page.getByTestId('lang-zh-CN').click();
    await page.getByTestId('demo-tab').click();
    await page.getByTestId('demo-card-unreadable').click();
    await expect.poll(() => page.getByTestId('card-unreadable').textContent(), { timeout: 15_000 }).toBe('证件信息无法识别，请到人工窗口');
    expect(await page.getByTestId('service-menu').count()).toBe(0);
    await card({ cmd: 'remove' });
  });

  it('asks to lift the card and lay it down again when its read broke off, then greets the citizen', async () => {
    await page.getByTestId('card-unreadable').click();
    expect(await card({ cmd: 'fault', name: 'lost-reply' })).toMatchObject({ ok: true });
    expect(await card({ cmd: 'place', card: 'resident' })).toMatchObject({ ok: true });
    await expect.poll(() => page.getByTestId('card-unreadable').textContent(), { timeout: 15_000 }).toBe('证件没有读完，请拿起身份证，再重新放到读卡区');
    expect(await page.getByTestId('service-menu').count()).toBe(0);
    await saveScreenshot(page, 'card-read-interrupted');
    await card({ cmd: 'remove' });
    await card({ cmd: 'place', card: 'resident' });
    await page.getByTestId('service-menu').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('card-unreadable').count()).toBe(0);
    await card({ cmd: 'remove' });
    await page.getByTestId('home').click();
    await page.getByTestId('attract-screen').waitFor();
  });
});
