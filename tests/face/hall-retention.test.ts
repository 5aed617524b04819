import { afterEach, describe, expect, it } from 'vitest';
import type { ReferenceHub } from '../../hub/reference-hub';
import { DEFAULT_IDENTIFY_POLICY } from '../../common/face/decision-policy';
import { l2Normalize } from '../../common/face/matching';
import { middayClock } from '../helpers/midday-clock';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { startHall, type FaceTerminal } from './face-terminal';

const DAY = 86_400_000;
const shared = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: { textVersion: 'face-share-v2' } };
const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
const near = (t: Float32Array, rng: () => number) => Float32Array.from(t, (v) => v + (rng() - 0.5) * 0.012);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A hall whose hub and terminals share one clock, which the test moves on by days. */
async function hall(): Promise<{ hub: ReferenceHub; advance(days: number): void; terminal(id: string): Promise<FaceTerminal> }> {
  const base = middayClock();
  let offset = 0;
  const { hub, terminal } = await startHall(['T-A', 'T-B'], cleanups, { clock: { now: () => base.now() + offset } });
  return { hub, advance: (days) => void (offset += days * DAY), terminal: (id) => terminal(id) };
}

const queuedUnbinds = (t: FaceTerminal) => (t.queue.outbox.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'face.unbound'").get() as { n: number }).n;
const eventsOf = (t: FaceTerminal, subject: string, event: string) =>
  t
    .gallery()
    .processingRecordsOf(subject)
    .filter((r) => r.event === event);

describe('retention of a binding shared across the hall', () => {
  it('keeps it while it is used anywhere in the hall, never deletes it hall-wide from its origin, and deletes it everywhere after the period without use, with its origin gone', async () => {
    const rng = seededRandom(testSeed('FACE_RETENTION_SEED'));
    const { hub, advance, terminal } = await hall();
    const a = await terminal('T-A');
    const b = await terminal('T-B');
    const subject = a.subjectOf('resident');
    const template = randomTemplate(rng);
    a.gallery().bind({ subject, template, ...shared });
    await a.queue.engine.syncNow();
    await b.face.syncGallery();
    expect(b.gallery().has(subject)).toBe(true);

    // Day 200: the citizen is identified at B, twice that day; one use is reported (no biometric data).
    advance(200);
    await a.face.syncGallery();
    expect(b.gallery().identify(near(template, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe(subject);
    expect(b.gallery().identify(near(template, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe(subject);
    expect(eventsOf(b, subject, 'used')).toEqual([expect.objectContaining({ detail: {}, terminalId: 'T-B' })]);
    await b.queue.engine.syncNow();

    // Day 400: unused at A for 400 days. A's purge keeps it (the hall decides) and tells the hall nothing.
    advance(200);
    await a.face.syncGallery();
    expect(a.face.purgeExpired()).toEqual({ templates: 0, records: 0 });
    expect(a.gallery().has(subject)).toBe(true);
    expect(queuedUnbinds(a)).toBe(0);
    await a.queue.engine.syncNow();
    // The hub counts from the use at B: B still has it.
    expect(await b.face.syncGallery()).toMatchObject({ complete: true });
    expect(b.gallery().has(subject)).toBe(true);
    expect(hub.store.dump().galleryTemplates).toBe(1);

    // A is wiped and taken out of service; nobody uses the face for more than a year.
    await a.stop();
    advance(366);
    expect(await b.face.syncGallery()).toMatchObject({ complete: true });
    expect(b.gallery().has(subject)).toBe(false);
    expect(eventsOf(b, subject, 'deleted')).toEqual([expect.objectContaining({ detail: { by: 'hall' } })]);
    const dump = hub.store.dump(true);
    expect(dump.galleryTemplates).toBe(0);
    expect((dump.items as { kind: string; payload: unknown }[]).filter((i) => i.kind === 'face.bound').map((i) => i.payload)).toEqual([
      { erased: true, erasedAt: expect.any(String) },
    ]);
    expect(dump.processingRecords).toEqual(
      expect.arrayContaining([expect.objectContaining({ terminalId: 'hub', subject, event: 'purged', detail: { by: 'retention' } })]),
    );
    // B confirmed; A, which bound it, is reported until it is removed from the hub.
    expect(hub.store.faceGallery.pendingDeletions().map((d) => d.unconfirmed.map((u) => u.terminalId))).toEqual([['T-A']]);
  }, 120_000);

  it('purges a hall copy here only when this terminal has not heard from the hall for the whole period, and then syncs from scratch', async () => {
    const rng = seededRandom(testSeed('FACE_RETENTION_SEED'));
    const { advance, terminal } = await hall();
    const a = await terminal('T-A');
    const b = await terminal('T-B');
    const subject = a.subjectOf('resident');
    const template = randomTemplate(rng);
    a.gallery().bind({ subject, template, ...shared });
    await a.queue.engine.syncNow();
    await b.face.syncGallery();
    // Used at A every 200 days; B hears from the hall meanwhile: its copy stays.
    for (let i = 0; i < 2; i++) {
      advance(200);
      expect(a.gallery().identify(near(template, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe(subject);
      await a.queue.engine.syncNow();
      await b.face.syncGallery();
      expect(b.face.purgeExpired().templates).toBe(0);
    }
    expect(b.gallery().has(subject)).toBe(true);
    // B cannot reach the hall for more than the period: it purges its copy itself, and takes it back once it can.
    advance(366);
    expect(a.gallery().identify(near(template, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe(subject);
    await a.queue.engine.syncNow();
    expect(b.face.purgeExpired().templates).toBe(1);
    expect(b.gallery().has(subject)).toBe(false);
    expect(await b.face.syncGallery()).toMatchObject({ complete: true });
    expect(b.gallery().has(subject)).toBe(true);
  }, 120_000);
});
