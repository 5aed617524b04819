import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseCardSpecs, SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { gb11643CheckChar } from '../../devices/id-card/id-number';
import { hallLogDay } from '../../main/logging/daily-log-file';
import { LoadedKeyProvider } from '../../main/security/hall-keys';
import { CHILD_NOT_BOUND } from '../../main/face/verification/messages';
import { faceNotice } from '../../renderer/src/i18n/strings/face-notice';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { call, callResult } from '../helpers/core-call';

/**
 * The one clock of this test and its kiosk: noon in the hall (UTC+8) of a fixed day, running with
 * real time, so that "today" is the same day for both however long the run takes. (The embedded
 * hub keeps real time and refuses this kiosk's requests; nothing here needs it.)
 */
const HALL_NOON = Date.parse('2026-03-10T12:00:00+08:00');
const startedAt = performance.now();
const clock = { now: () => HALL_NOON + Math.floor(performance.now() - startedAt) };

/** A resident card (valid check digit) of someone born on `birthDate`. */
function cardBornOn(id: string, birthDate: string) {
  const first17 = `110101${birthDate.replaceAll('-', '')}003`;
  return parseCardSpecs([
    { ...SAMPLE_CARDS[0]!, id, birthDate, validFrom: birthDate, validTo: 'long-term', idNumber: first17 + gb11643CheckChar(first17) },
  ])[0]!;
}

/** `years` years before the hall's day `day` (YYYY-MM-DD), shifted by `days`. */
function yearsBefore(day: string, years: number, days = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The rules around binding as the core applies them: no binding for a card of someone under 14 on
 * the hall's calendar (face.status says why, face.start refuses), and the notice's facts from the
 * configuration and the hall key.
 */
describe('face binding rules in the core', () => {
  let kiosk: TestKiosk;
  let shared: TestKiosk;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('face-rules', { clock, config: { face: { templateRetentionDays: 90 }, privacy: { contact: 'privacy@hall.example' } } });
    shared = await bootTestKiosk('face-rules-shared', {
      hallKeys: { keys: new LoadedKeyProvider(randomBytes(32), 'test hall key'), shared: true, problem: null },
    });
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    await shared?.stop();
  });

  /** Lays a card on the emulated reader and waits until it is the session's identity. */
  async function read(k: TestKiosk, card: ReturnType<typeof cardBornOn> | string): Promise<void> {
    const emulator = k.embedded.idCardEmulator!.emulator;
    const id = typeof card === 'string' ? card : card.id;
    if (typeof card !== 'string') emulator.addCard(card);
    const identified = nextEvent(k.core, 'identity.changed', (p) => p.kind === 'identified');
    emulator.place(id);
    await identified;
  }
  async function leave(k: TestKiosk): Promise<void> {
    k.embedded.idCardEmulator!.emulator.remove();
    await callResult(k.core, 'session.reset', { reason: 'citizen' });
  }
  const bindStart = async (k: TestKiosk) => {
    const facts = await call(k.core, 'face.notice', {});
    return callResult(k.core, 'face.start', {
      mode: 'bind',
      storeConsent: { textVersion: 'v' },
      shareConsent: null,
      notice: { language: 'zh-CN', factsHash: facts.factsHash },
    });
  };

  it('refuses binding on the 14th birthday (hall day) and allows it the day after', async () => {
    const today = hallLogDay(clock.now());
    await read(kiosk, cardBornOn('fourteen-today', yearsBefore(today, 14)));
    expect(await call(kiosk.core, 'face.status', {})).toMatchObject({
      identity: 'card',
      bound: false,
      binding: { allowed: false, refusal: 'under-14', text: CHILD_NOT_BOUND },
    });
    const refused = await bindStart(kiosk);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: CHILD_NOT_BOUND } });
    await leave(kiosk);

    await read(kiosk, cardBornOn('fourteen-yesterday', yearsBefore(today, 14, -1)));
    expect(await call(kiosk.core, 'face.status', {})).toMatchObject({ binding: { allowed: true, refusal: null, text: null } });
    const started = await bindStart(kiosk);
    expect(started).toMatchObject({ ok: true });
    await callResult(kiosk.core, 'face.cancel', { sessionId: started.ok ? started.output.sessionId : '' });
    await leave(kiosk);
  });

  it('never offers binding for the demo panel’s 12-year-old', async () => {
    await read(kiosk, 'resident-child');
    expect(await call(kiosk.core, 'face.status', {})).toMatchObject({ binding: { allowed: false, refusal: 'under-14' } });
    expect(await bindStart(kiosk)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await leave(kiosk);
    expect(await call(kiosk.core, 'face.status', {})).toMatchObject({ identity: 'none', binding: null });
  });

  it('gives the notice the configured retention and contact; sharing only where the hall key is in force', async () => {
    const plain = await call(kiosk.core, 'face.notice', {});
    expect(plain).toMatchObject({ retentionDays: 90, contact: 'privacy@hall.example', sharedAcrossHall: false, holderCheck: 'hub' });
    expect(plain.operator['zh-CN']).toMatch(/管理局/);
    expect(plain.hallName.en).toMatch(/Hall/);
    expect(await call(kiosk.core, 'face.status', {})).toMatchObject({ sharingOffered: false });
    expect(
      faceNotice(plain, 'zh-CN', 'bind')
        .paragraphs.map((p) => p.text)
        .join(''),
    ).toMatch(/连续 90 天未使用/);
    expect(faceNotice(plain, 'en', 'bind').paragraphs.map((p) => p.element)).not.toContain('sharing');

    const withKey = await call(shared.core, 'face.notice', {});
    expect(withKey).toMatchObject({ retentionDays: 365, sharedAcrossHall: true });
    expect(await call(shared.core, 'face.status', {})).toMatchObject({ sharingOffered: true });
    expect(faceNotice(withKey, 'en', 'identify').paragraphs.map((p) => p.element)).toContain('sharing');
  });
});
