import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { faceSession, prepareLiveFace, type LiveFaceFrames } from '../../testing/camera/live-face-session';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { LoadedKeyProvider, type HallKeys } from '../../main/security/hall-keys';
import { HOLDER_MISMATCH } from '../../main/face/verification/messages';
import { HOLDER_LOCKED, HOLDER_LOCK_MS, bindingLockedUntil } from '../../main/face/verification/holder-mismatches';
import { FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import { call } from '../helpers/core-call';
import { nextEvent } from '../helpers/next-event';
import { faceFile } from './face-data';

/** The sample card whose owner (id02) the stranger (img8.jpg, id03) is not. */
const CARD = 'hk-mo-tw-permit';

/**
 * Someone holding another person's card cannot try face after face: two 人证核验 mismatches refuse
 * binding for that card for a day, with a sentence, in every later session and after a restart
 * (the holder-check records in face.db, which say how and what came out, and nothing of the face).
 * The real engine, the embedded reference hub, a hall key, real files.
 */
describe('repeated holder mismatches refuse binding for the card', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-holder-limit-'));
  const hallKeys: HallKeys = { keys: new LoadedKeyProvider(randomBytes(32), 'test hall key'), shared: true, problem: null };
  let kiosk: BootedKiosk;
  let stranger: LiveFaceFrames;
  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input);
  const records = () => {
    const db = new Database(path.join(dir, FACE_DB_FILE), { readonly: true });
    try {
      return db.prepare("SELECT subject, detail FROM processing_records WHERE event = 'holder-checked' ORDER BY at").all() as {
        subject: string;
        detail: string;
      }[];
    } finally {
      db.close();
    }
  };
  const bind = async () => {
    const facts = await call(kiosk.core, 'face.notice', {});
    return { mode: 'bind' as const, storeConsent: { textVersion: 'store-v' }, shareConsent: null, notice: { language: 'zh-CN', factsHash: facts.factsHash } };
  };
  /** A new session with the card on the reader. */
  const readCard = async () => {
    const emulator = kiosk.embedded.idCardEmulator!.emulator;
    emulator.remove();
    await invoke('session.reset', { reason: 'citizen' });
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    emulator.place(CARD);
    await identified;
  };
  const boot = async () => {
    kiosk = await bootKiosk({ dataDir: dir, shell: 'headless', hallKeys });
  };

  beforeAll(async () => {
    stranger = await prepareLiveFace(faceFile('img8.jpg'));
    await boot();
  }, 180_000);
  afterAll(async () => {
    await kiosk?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses binding after two mismatches, in later sessions too, with a sentence; the records hold no face data', async () => {
    await readCard();
    expect((await faceSession(invoke, stranger, await bind())).result).toMatchObject({ reason: 'holder-mismatch', text: HOLDER_MISMATCH });
    // One mismatch: the citizen may have moved; binding is still offered.
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { binding: { allowed: true, refusal: null } } });
    expect((await faceSession(invoke, stranger, await bind())).result).toMatchObject({ reason: 'holder-mismatch' });

    const refusedNow = { ok: true, output: { bound: false, binding: { allowed: false, refusal: 'holder-mismatch', text: HOLDER_LOCKED } } };
    expect(await invoke('face.status', {})).toMatchObject(refusedNow);
    expect(await invoke('face.start', await bind())).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: HOLDER_LOCKED } });
    // The card itself still serves: identification by face is not what was refused.
    expect(await invoke('face.start', { mode: 'identify' })).toMatchObject({ ok: true });

    // The next session with the same card: still refused (the count is the card's, not the session's).
    await readCard();
    expect(await invoke('face.status', {})).toMatchObject(refusedNow);
    expect(await invoke('face.start', await bind())).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: HOLDER_LOCKED } });

    const checks = records();
    expect(checks).toHaveLength(2);
    for (const r of checks) expect(JSON.parse(r.detail)).toEqual({ method: 'hub', result: 'no-match' });
    expect(new Set(checks.map((r) => r.subject)).size).toBe(1);
    for (const text of Object.values(HOLDER_LOCKED)) expect(text).toMatch(/24/);
  }, 480_000);

  it('keeps refusing after a restart of the kiosk', async () => {
    await kiosk.stop();
    await boot();
    await readCard();
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { binding: { allowed: false, refusal: 'holder-mismatch' } } });
    expect(await invoke('face.start', await bind())).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: HOLDER_LOCKED } });
  }, 180_000);
});

describe('bindingLockedUntil', () => {
  const t0 = Date.parse('2026-03-10T04:00:00Z');
  const HOUR = 3600_000;
  it('refuses from the second mismatch within a day until a day after the last one', () => {
    expect(bindingLockedUntil([], t0)).toBeNull();
    expect(bindingLockedUntil([t0], t0 + 1)).toBeNull();
    expect(bindingLockedUntil([t0, t0 + 2 * HOUR], t0 + 3 * HOUR)).toBe(t0 + 2 * HOUR + HOLDER_LOCK_MS);
    expect(bindingLockedUntil([t0 + 2 * HOUR, t0], t0 + 2 * HOUR + HOLDER_LOCK_MS - 1)).toBe(t0 + 2 * HOUR + HOLDER_LOCK_MS);
    expect(bindingLockedUntil([t0, t0 + 2 * HOUR], t0 + 2 * HOUR + HOLDER_LOCK_MS)).toBeNull();
    // Two mismatches more than a day apart are not a series.
    expect(bindingLockedUntil([t0, t0 + HOLDER_LOCK_MS + HOUR], t0 + HOLDER_LOCK_MS + 2 * HOUR)).toBeNull();
  });
});
