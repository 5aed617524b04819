import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IDENTIFY_POLICY } from '../../common/face/decision-policy';
import { l2Normalize } from '../../common/face/matching';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { startHall, type FaceTerminal } from './face-terminal';
import { call } from '../helpers/core-call';

const DAY = 86_400_000;
const shared = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: { textVersion: 'face-share-v2' } };
const local = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: null };
const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const hall = () => startHall(['T-A', 'T-B'], cleanups);

function switchFace(t: FaceTerminal, enabled: boolean): void {
  const config = t.core.config.config;
  t.core.config.replace({ ...config, face: { ...config.face, enabled } });
}

const queued = (t: FaceTerminal, kind: string) =>
  (t.queue.outbox.db.prepare('SELECT key FROM outbox WHERE kind = ? ORDER BY seq').all(kind) as { key: string }[]).map(
    (r) => t.queue.outbox.get(r.key)!.payload,
  );

/** The processing records the terminal keeps (face.db) for a subject. */
const recordsOf = (t: FaceTerminal, subject: string) => t.gallery().processingRecordsOf(subject);

describe('face switched off (face.enabled = false)', () => {
  it('still lets a citizen see and delete their face, and the hall is told', async () => {
    const rng = seededRandom(testSeed('FACE_OFF_SEED'));
    const { terminal } = await hall();
    const a = await terminal('T-A');
    const subject = a.subjectOf('resident');
    a.gallery().bind({ subject, template: randomTemplate(rng), ...shared });
    switchFace(a, false);
    expect(await a.core.invoke('face.start', { mode: 'identify' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    await a.placeCard('resident');
    expect(await a.core.invoke('face.status', {})).toMatchObject({ ok: true, output: { enabled: false, bound: true } });
    expect(await a.core.invoke('face.unbind', {})).toMatchObject({ ok: true, output: { removed: true, hallNotified: true } });
    expect(await a.core.invoke('face.status', {})).toMatchObject({ ok: true, output: { enabled: false, bound: false } });
    a.removeCard();
    expect(a.gallery().has(subject)).toBe(false);
    expect(queued(a, 'face.unbound')).toEqual([{ subject }]);
    expect(recordsOf(a, subject).map((r) => r.event)).toEqual([
      'consent-given',
      'consent-given',
      'bound',
      'shared',
      'consent-withdrawn',
      'consent-withdrawn',
      'deleted',
    ]);
  }, 60_000);

  it('runs the retention purge: at start and daily, with face off from the start', async () => {
    const rng = seededRandom(testSeed('FACE_OFF_SEED'));
    const { terminal } = await hall();
    let now = Date.now();
    const clock = { now: () => now };
    const first = await terminal('T-A', { clock });
    const old = first.subjectOf('resident');
    const recent = first.subjectOf('hk-mo-tw-permit');
    first.gallery().bind({ subject: old, template: randomTemplate(rng), ...local });
    await first.stop();

    now += 300 * DAY;
    const second = await terminal('T-A', { clock, faceEnabled: false }, first);
    expect(second.gallery().has(old)).toBe(true); // not yet past its 365 days
    // A face bound while face was on, kept through a later switch-off.
    switchFace(second, true);
    second.gallery().bind({ subject: recent, template: randomTemplate(rng), ...local });
    await second.stop();

    now += 100 * DAY;
    const third = await terminal('T-A', { clock, faceEnabled: false }, first);
    // The start-up purge ran with face off: the template unused for 400 days is gone, the other stays.
    expect(third.gallery().has(old)).toBe(false);
    expect(third.gallery().has(recent)).toBe(true);
    expect(recordsOf(third, old).map((r) => `${r.event} ${r.detail.by ?? ''}`.trim())).toEqual(['consent-given', 'bound', 'purged retention']);
    now += 300 * DAY;
    expect(third.face.purgeExpired()).toEqual({ templates: 1, records: 0 });
    expect(third.gallery().size).toBe(0);
  }, 90_000);

  it('carries out the hub’s purge-subject command instead of skipping it', async () => {
    const rng = seededRandom(testSeed('FACE_OFF_SEED'));
    const { hub, terminal } = await hall();
    const first = await terminal('T-A');
    const subject = first.subjectOf('resident');
    first.gallery().bind({ subject, template: randomTemplate(rng), ...local });
    await first.stop();
    const a = await terminal('T-A', { faceEnabled: false }, first);

    const id = hub.store.enqueueCommand('T-A', 'purge-subject', { subject }, Date.now());
    expect(await a.queue.heartbeat.beat()).toBe(true);
    expect(a.queue.outbox.db.prepare('SELECT 1 AS done FROM executed_commands WHERE id = ?').get(id)).toEqual({ done: 1 });
    expect(a.gallery().has(subject)).toBe(false);
    expect(recordsOf(a, subject).map((r) => `${r.event} ${r.detail.by ?? ''}`.trim())).toEqual(['consent-given', 'bound', 'purged hub-command']);
  }, 60_000);

  it('offers staff the deletion of every template on this terminal: the hall is not told, and only staff may do it', async () => {
    const rng = seededRandom(testSeed('FACE_OFF_SEED'));
    const { terminal } = await hall();
    const a = await terminal('T-A');
    const s1 = a.subjectOf('resident');
    const s2 = a.subjectOf('hk-mo-tw-permit');
    a.gallery().bind({ subject: s1, template: randomTemplate(rng), ...shared });
    a.gallery().bind({ subject: s2, template: randomTemplate(rng), ...local });
    switchFace(a, false);

    expect(await a.core.invoke('staff.face.deleteTemplates', { token: 'x'.repeat(43) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(a.gallery().size).toBe(2);
    const login = await call(a.core, 'staff.setInitialPin', { pin: '246813' });
    expect(await a.core.invoke('staff.face.deleteTemplates', { token: login.token })).toEqual({ ok: true, output: { removed: 2 } });
    expect(a.gallery().size).toBe(0);
    expect(queued(a, 'face.unbound')).toEqual([]);
    expect(recordsOf(a, s1).at(-1)).toMatchObject({ event: 'deleted', detail: { by: 'staff' } });
    expect(recordsOf(a, s2).at(-1)).toMatchObject({ event: 'deleted', detail: { by: 'staff' } });
  }, 60_000);

  it('applies the hall’s deletions but takes in no new binding; switched on again, it syncs the hall’s bindings from scratch', async () => {
    const rng = seededRandom(testSeed('FACE_OFF_SEED'));
    const { hub, terminal } = await hall();
    const a = await terminal('T-A');
    const b = await terminal('T-B');
    const gone = a.subjectOf('resident');
    const later = a.subjectOf('hk-mo-tw-permit');
    const tGone = randomTemplate(rng);
    const tLater = randomTemplate(rng);
    a.gallery().bind({ subject: gone, template: tGone, ...shared });
    await a.queue.engine.syncNow();
    await b.face.syncGallery();
    expect(b.gallery().has(gone)).toBe(true);

    switchFace(b, false);
    a.gallery().bind({ subject: later, template: tLater, ...shared });
    expect(a.gallery().unbind(gone)).toBe(true);
    await a.queue.engine.syncNow();
    expect(hub.store.faceGallery.pendingDeletions().map((d) => d.unconfirmed.map((u) => u.terminalId))).toEqual([['T-B']]);

    expect(await b.face.syncGallery()).toMatchObject({ complete: true });
    expect(b.gallery().has(gone)).toBe(false);
    expect(b.gallery().has(later)).toBe(false);
    expect(hub.store.faceGallery.pendingDeletions()).toEqual([]);

    switchFace(b, true);
    expect(await b.face.syncGallery()).toMatchObject({ complete: true });
    expect(b.gallery().has(later)).toBe(true);
    expect(b.gallery().has(gone)).toBe(false);
    expect(b.gallery().identify(tLater, DEFAULT_IDENTIFY_POLICY).subject).toBe(later);
  }, 90_000);
});
