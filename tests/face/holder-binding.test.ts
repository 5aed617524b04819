import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { faceSession, prepareLiveFace, type LiveFaceFrames } from '../../testing/camera/live-face-session';
import { LoadedKeyProvider } from '../../main/security/hall-keys';
import { HOLDER_MISMATCH } from '../../main/face/verification/messages';
import { FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import { NOTICE_CHANGED_PATH } from '../../common/rpc/contract';
import type { KioskConfig } from '../../common/config/schema';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { call, type CoreCalls } from '../helpers/core-call';
import { faceFile } from './face-data';

type Language = 'zh-CN' | 'zh-HK' | 'en';

/** Rows of a query on a kiosk's face.db (read-only, beside the kiosk's own connection). */
function faceDbRows(kiosk: TestKiosk, sql: string): Record<string, unknown>[] {
  const db = new Database(path.join(kiosk.dir, FACE_DB_FILE), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** The notice in force as face.start is told of it: the language read and face.notice's hash. */
async function noticeRead(core: CoreCalls, language: Language = 'zh-CN') {
  return { language, factsHash: (await call(core, 'face.notice', {})).factsHash };
}

/** A configuration change as staff, the hub or kioskctl make it (the whole configuration, validated, applied). */
function changeConfig(kiosk: TestKiosk, change: (c: KioskConfig) => KioskConfig): void {
  kiosk.core.config.replace(change(kiosk.core.config.config));
}

/**
 * 人证核验 through the core with the real engine, the embedded reference hub and real files: the
 * resident sample card's owner is id01 of ../shared/data/faces (the hub's reference is img1.jpg);
 * the live face is a photo warped into the liveness poses by the shared camera emulator, answering
 * each prompt (testing/camera/live-face-session.ts). Another person's face binds nothing; the
 * owner's binds, and the consent record names the notice that was read.
 */
describe('a face is bound only when it is the card holder’s', () => {
  let kiosk: TestKiosk;
  let owner: LiveFaceFrames;
  let stranger: LiveFaceFrames;
  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input);
  const count = (sql: string) => (faceDbRows(kiosk, sql)[0] as { n: number }).n;
  const outboxKinds = () => (kiosk.queue.outbox.db.prepare('SELECT kind FROM outbox').all() as { kind: string }[]).map((r) => r.kind);
  const hubKinds = () => (kiosk.hub.embedded!.hub.store.dump().items as { kind: string }[]).map((i) => i.kind);
  const bind = async (language: Language = 'zh-CN') => ({
    mode: 'bind' as const,
    storeConsent: { textVersion: 'store-v' },
    shareConsent: { textVersion: 'share-v' },
    notice: await noticeRead(kiosk.core, language),
  });

  beforeAll(async () => {
    owner = await prepareLiveFace(faceFile('img10.jpg'));
    stranger = await prepareLiveFace(faceFile('img8.jpg'));
    // With the hall key a shared binding is queued for the hub as face.bound: its absence is what shows nothing was bound.
    kiosk = await bootTestKiosk('holder-binding', { hallKeys: { keys: new LoadedKeyProvider(randomBytes(32), 'test hall key'), shared: true, problem: null } });
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await identified;
  }, 180_000);
  afterAll(async () => kiosk?.stop());

  it('refuses another person’s face with the sentence, and stores nothing: no template, no consent, no face.bound', async () => {
    const outcome = await faceSession(invoke, stranger, await bind());
    expect(outcome.result).toEqual({ kind: 'failed', reason: 'holder-mismatch', fallback: 'id-card', text: HOLDER_MISMATCH });
    expect(count('SELECT COUNT(*) AS n FROM templates')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM consents')).toBe(0);
    expect(outboxKinds()).not.toContain('face.bound');
    expect(hubKinds()).not.toContain('face.bound');
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { identity: 'card', bound: false, binding: { allowed: true } } });
    // The hub now holds the sample citizens' references, computed once by this terminal's engine.
    expect(kiosk.hub.embedded!.hub.store.faceReferences.count()).toBeGreaterThanOrEqual(4);
  }, 240_000);

  it('refuses to open the camera on a notice whose facts are no longer those in force; the notice read again is accepted', async () => {
    const read = await bind();
    changeConfig(kiosk, (c) => ({ ...c, face: { ...c.face, templateRetentionDays: 30 } }));
    try {
      const refused = await invoke('face.start', read);
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: NOTICE_CHANGED_PATH }] } });
      const again = await bind();
      expect(again.notice.factsHash).not.toBe(read.notice.factsHash);
      const { sessionId } = await call(kiosk.core, 'face.start', again);
      await invoke('face.cancel', { sessionId });
    } finally {
      changeConfig(kiosk, (c) => ({ ...c, face: { ...c.face, templateRetentionDays: 365 } }));
    }
    // Binding names the notice read; 刷脸办事 may, and is held to it when it does.
    expect(await invoke('face.start', { mode: 'bind', storeConsent: { textVersion: 'store-v' }, shareConsent: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await invoke('face.start', { mode: 'identify', notice: { language: 'en', factsHash: '0'.repeat(24) } })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  }, 60_000);

  it('binds the card holder’s own face (another photo of them than the reference), shares it, and the consents name the notice read', async () => {
    const start = await bind('en');
    const outcome = await faceSession(invoke, owner, start);
    expect(outcome.result).toEqual({ kind: 'bound' });
    expect(count('SELECT COUNT(*) AS n FROM templates')).toBe(1);
    // Wording version, language and the facts' hash: which notice, exactly, was accepted.
    const consents = faceDbRows(kiosk, 'SELECT kind, text_version FROM consents ORDER BY kind');
    expect(consents).toEqual([
      { kind: 'share', text_version: `share-v|en|${start.notice.factsHash}` },
      { kind: 'store', text_version: `store-v|en|${start.notice.factsHash}` },
    ]);
    const given = faceDbRows(kiosk, "SELECT detail FROM processing_records WHERE event = 'consent-given'").map(
      (r) => JSON.parse(r.detail as string) as { textVersion: string },
    );
    expect(given.map((d) => d.textVersion).sort()).toEqual([`share-v|en|${start.notice.factsHash}`, `store-v|en|${start.notice.factsHash}`]);
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { bound: true } });
    await expect.poll(hubKinds, { timeout: 60_000, interval: 500 }).toContain('face.bound');
  }, 240_000);
});

/** A WLT decoder standing in for the vendor's library that can be held mid-decode: the test then acts while 正在核验. */
function holdableDecoder(photo: Uint8Array) {
  let gate: { reached: () => void; open: Promise<void> } | null = null;
  return {
    decoder: {
      decode: async () => {
        if (gate) {
          gate.reached();
          await gate.open;
        }
        return { mimeType: 'image/jpeg', data: Uint8Array.from(photo) };
      },
    },
    /** The next decodes wait: `reached` resolves when one started, `release()` lets them go on. */
    hold() {
      let reached!: () => void;
      let release!: () => void;
      const reachedP = new Promise<void>((r) => (reached = r));
      gate = { reached, open: new Promise<void>((r) => (release = r)) };
      return {
        reached: reachedP,
        release: () => {
          gate = null;
          release();
        },
      };
    },
  };
}

/**
 * With a WLT photo decoder configured (BootOptions.photoDecoder, a vendor library in a real kiosk),
 * the core checks against the card's photo and does not ask the hub: here the hub's verify endpoint
 * answers 503 throughout, and the owner's face still binds. A binding cancelled during the check,
 * and a face session after face was switched off, bind and look at nothing.
 */
describe('with a card photo decoder, 人证核验 against the card photo', () => {
  let kiosk: TestKiosk;
  let owner: LiveFaceFrames;
  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input);
  const decoder = holdableDecoder(readFileSync(faceFile('img1.jpg')));
  const count = (sql: string) => (faceDbRows(kiosk, sql)[0] as { n: number }).n;
  const bind = async () => ({ mode: 'bind' as const, storeConsent: { textVersion: 'store-v' }, shareConsent: null, notice: await noticeRead(kiosk.core) });

  beforeAll(async () => {
    owner = await prepareLiveFace(faceFile('img10.jpg'));
    kiosk = await bootTestKiosk('holder-card-photo', { photoDecoder: decoder.decoder });
    kiosk.hub.embedded!.hub.setFaults({ forced: [{ status: 503, path: 'v1/faces/verify' }] });
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await identified;
  }, 180_000);
  afterAll(async () => kiosk?.stop());

  it('binds nothing when the attempt is cancelled while the face is being checked against the card', async () => {
    const held = decoder.hold();
    let sessionId = '';
    const session = faceSession(invoke, owner, await bind(), (_view, id) => void (sessionId = id));
    try {
      // The check is under way (the card photo is being decoded): the citizen touches 取消.
      await held.reached;
      expect(await invoke('face.cancel', { sessionId })).toMatchObject({ ok: true });
    } finally {
      held.release();
    }
    await expect(session).rejects.toThrow(/face\.frame: conflict/);
    expect(count('SELECT COUNT(*) AS n FROM templates')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM consents')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM processing_records WHERE event = 'bound'")).toBe(0);
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { bound: false } });
  }, 240_000);

  it('says so in the notice, and binds the owner’s face with the hub unable to verify', async () => {
    expect(await invoke('face.notice', {})).toMatchObject({ ok: true, output: { holderCheck: 'card-photo' } });
    const outcome = await faceSession(invoke, owner, await bind());
    expect(outcome.result).toEqual({ kind: 'bound' });
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { bound: true } });
  }, 240_000);

  it('stops looking at frames when face is switched off mid-session, and logs that the templates remain', async () => {
    const frame = owner.frames.neutral.full;
    const startIdentify = async () => {
      const { sessionId } = await call(kiosk.core, 'face.start', { mode: 'identify' });
      expect(await invoke('face.frame', { sessionId, jpegBase64: frame })).toMatchObject({ ok: true });
      return sessionId;
    };
    const switchFace = (enabled: boolean) => changeConfig(kiosk, (c) => ({ ...c, face: { ...c.face, enabled } }));

    // Switched off (here as settings pushed by the hub or kioskctl would): the next frame is refused.
    let sessionId = await startIdentify();
    switchFace(false);
    try {
      expect(await invoke('face.frame', { sessionId, jpegBase64: frame })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(kiosk.core.recentLogs.recent().join('\n')).toMatch(/face switched off: 1 face templates remain on this terminal.*staff can delete them/);
    } finally {
      switchFace(true);
    }
    // Off and on again between two frames: the session was cancelled by the change itself.
    sessionId = await startIdentify();
    switchFace(false);
    switchFace(true);
    expect(await invoke('face.frame', { sessionId, jpegBase64: frame })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(count('SELECT COUNT(*) AS n FROM templates')).toBe(1);
  }, 120_000);
});
