import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { faceSession, prepareLiveFace, type LiveFaceFrames } from '../../bench/soak/live-face';
import { LoadedKeyProvider } from '../../main/security/hall-keys';
import { HOLDER_MISMATCH } from '../../main/face/verification/messages';
import { FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import type { RpcResult } from '../../common/rpc/contract';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { faceFile } from './face-data';

const BIND = { mode: 'bind' as const, storeConsent: { textVersion: 'store-v' }, shareConsent: { textVersion: 'share-v' } };

/**
 * 人证核验 through the core with the real engine, the embedded reference hub and real files: the
 * resident sample card's owner is id01 of ../shared/data/faces (the hub's reference is img1.jpg);
 * the live face is a photo warped into the liveness poses, answering each prompt
 * (bench/soak/live-face.ts). Another person's face binds nothing; the owner's binds.
 */
describe('a face is bound only when it is the card holder’s', () => {
  let kiosk: TestKiosk;
  let owner: LiveFaceFrames;
  let stranger: LiveFaceFrames;
  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input) as Promise<RpcResult>;
  const faceDb = () => new Database(path.join(kiosk.dir, FACE_DB_FILE), { readonly: true });
  const count = (sql: string) => {
    const db = faceDb();
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const outboxKinds = () => (kiosk.queue.outbox.db.prepare('SELECT kind FROM outbox').all() as { kind: string }[]).map((r) => r.kind);
  const hubKinds = () => (kiosk.hub.embedded!.hub.store.dump().items as { kind: string }[]).map((i) => i.kind);

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
    const outcome = await faceSession(invoke, stranger, BIND);
    expect(outcome.result).toEqual({ kind: 'failed', reason: 'holder-mismatch', fallback: 'id-card', text: HOLDER_MISMATCH });
    expect(count('SELECT COUNT(*) AS n FROM templates')).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM consents')).toBe(0);
    expect(outboxKinds()).not.toContain('face.bound');
    expect(hubKinds()).not.toContain('face.bound');
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { identity: 'card', bound: false } });
    // The hub now holds the sample citizens' references, computed once by this terminal's engine.
    expect(kiosk.hub.embedded!.hub.store.faceReferences.count()).toBeGreaterThanOrEqual(4);
  }, 240_000);

  it('binds the card holder’s own face (another photo of them than the reference) and shares it', async () => {
    const outcome = await faceSession(invoke, owner, BIND);
    expect(outcome.result).toEqual({ kind: 'bound' });
    expect(count('SELECT COUNT(*) AS n FROM templates')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM consents')).toBe(2);
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { bound: true } });
    await expect.poll(hubKinds, { timeout: 60_000, interval: 500 }).toContain('face.bound');
  }, 240_000);
});

/**
 * With a WLT photo decoder configured (BootOptions.photoDecoder, a vendor library in a real kiosk),
 * the core checks against the card's photo and does not ask the hub: here the hub's verify endpoint
 * answers 503 throughout, and the owner's face still binds.
 */
describe('with a card photo decoder, 人证核验 against the card photo', () => {
  let kiosk: TestKiosk;
  let owner: LiveFaceFrames;
  const invoke = (method: string, input: unknown) => kiosk.core.invoke(method, input) as Promise<RpcResult>;
  const cardPhoto = readFileSync(faceFile('img1.jpg'));

  beforeAll(async () => {
    owner = await prepareLiveFace(faceFile('img10.jpg'));
    kiosk = await bootTestKiosk('holder-card-photo', { photoDecoder: { decode: async () => ({ mimeType: 'image/jpeg', data: Uint8Array.from(cardPhoto) }) } });
    kiosk.hub.embedded!.hub.setFaults({ forced: [{ status: 503, path: 'v1/faces/verify' }] });
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await identified;
  }, 180_000);
  afterAll(async () => kiosk?.stop());

  it('says so in the notice, and binds the owner’s face with the hub unable to verify', async () => {
    expect(await invoke('face.notice', {})).toMatchObject({ ok: true, output: { holderCheck: 'card-photo' } });
    const outcome = await faceSession(invoke, owner, { ...BIND, shareConsent: null });
    expect(outcome.result).toEqual({ kind: 'bound' });
    expect(await invoke('face.status', {})).toMatchObject({ ok: true, output: { bound: true } });
  }, 240_000);
});
