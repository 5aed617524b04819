import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../main/logging/logger';
import { FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import { FACE_DELETED_HERE, FACE_NOT_HELD_HALL_TOLD } from '../../main/face/gallery/deletion-messages';
import { l2Normalize } from '../../common/face/matching';
import { FACE_BINDING_WITHDRAWN_REASON } from '../../offline-queue/outbox';
import { OUTBOX_DB_FILE } from '../../offline-queue/outbox-db';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { startHall, type FaceTerminal } from './face-terminal';

const shared = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: { textVersion: 'face-share-v2' } };
const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const hall = () => startHall(['T-A', 'T-B', 'T-C'], cleanups);

const outboxOf = (t: FaceTerminal, kind: string) =>
  (t.queue.outbox.db.prepare('SELECT key FROM outbox WHERE kind = ? ORDER BY seq').all(kind) as { key: string }[]).map((r) => t.queue.outbox.get(r.key)!);

/** outbox.db and its WAL as bytes: what a copy of the terminal's disk would show. */
const outboxFiles = (t: FaceTerminal) =>
  Buffer.concat(
    [OUTBOX_DB_FILE, `${OUTBOX_DB_FILE}-wal`]
      .map((f) => path.join(t.dir, f))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f)),
  );

describe('a citizen deletes their face at any terminal of the hall', () => {
  it('is offered deletion and reaches the hall from a terminal that holds nothing of them, with face on or never switched on there', async () => {
    const rng = seededRandom(testSeed('FACE_ANYWHERE_SEED'));
    const { hub, terminal } = await hall();
    const a = await terminal('T-A');
    const b = await terminal('T-B', { faceEnabled: false });
    const c = await terminal('T-C');
    // C's sync at start is over before A binds: C holds nothing of the citizen (its next pull is far off).
    await c.face.syncGallery();
    const subject = a.subjectOf('resident');
    a.gallery().bind({ subject, template: randomTemplate(rng), ...shared });
    await a.queue.engine.syncNow();
    expect(existsSync(path.join(b.dir, FACE_DB_FILE))).toBe(false);

    // At B (face never switched on, no face.db): offered, answered, queued for the hall.
    await b.placeCard('resident');
    expect(await b.core.invoke('face.status', {})).toMatchObject({ ok: true, output: { enabled: false, bound: null, deletionOffered: true } });
    expect(await b.core.invoke('face.unbind', {})).toEqual({ ok: true, output: { removed: false, hallNotified: true, text: FACE_NOT_HELD_HALL_TOLD } });
    expect(outboxOf(b, 'face.unbound').map((e) => e.payload)).toEqual([{ subject }]);

    // At C (face on, nothing bound here): the same.
    await c.placeCard('resident');
    expect(await c.core.invoke('face.status', {})).toMatchObject({ ok: true, output: { enabled: true, bound: false, deletionOffered: true } });
    expect(await c.core.invoke('face.unbind', {})).toMatchObject({ ok: true, output: { removed: false, hallNotified: true } });
    expect(outboxOf(c, 'face.unbound').map((e) => e.payload)).toEqual([{ subject }]);

    // The hub deletes its copy, and the terminal that bound it deletes its own at its next sync.
    await b.queue.engine.syncNow();
    expect(hub.store.dump().galleryTemplates).toBe(0);
    expect(await a.face.syncGallery()).toMatchObject({ complete: true });
    expect(a.gallery().has(subject)).toBe(false);
    expect(a.gallery().processingRecordsOf(subject).at(-1)).toMatchObject({ event: 'deleted', detail: { by: 'hall' } });
    await c.queue.engine.syncNow();
    expect(hub.store.faceGallery.pendingDeletions()).toEqual([]);
  }, 90_000);

  it('takes the template out of face.bound entries the hub has not taken when the binding is deleted here, and they cannot be retried', async () => {
    const rng = seededRandom(testSeed('FACE_ANYWHERE_SEED'));
    const { hub, terminal } = await hall();
    const a = await terminal('T-A');
    // Nothing reaches the hub until the test says so (the hub is out of reach meanwhile).
    await a.queue.engine.stop();
    const subject = a.subjectOf('resident');
    const other = a.subjectOf('hk-mo-tw-permit');
    a.gallery().bind({ subject, template: randomTemplate(rng), ...shared });
    a.gallery().bind({ subject: other, template: randomTemplate(rng), ...shared });
    const [pending, otherEntry] = outboxOf(a, 'face.bound');
    const sealed = (key: string) => (a.queue.outbox.db.prepare('SELECT payload FROM outbox WHERE key = ?').get(key) as { payload: Buffer }).payload;
    const before = sealed(pending!.key);
    expect(outboxFiles(a).indexOf(before.subarray(16, 80))).toBeGreaterThanOrEqual(0);

    // The citizen deletes before the hub took the binding.
    await a.placeCard('resident');
    expect(await a.core.invoke('face.unbind', {})).toMatchObject({ ok: true, output: { removed: true } });
    expect(a.queue.outbox.get(pending!.key)).toMatchObject({ state: 'dead', payload: { subject, shared: true } });
    expect(a.queue.outbox.get(pending!.key)!.payload).not.toHaveProperty('template');
    expect(a.queue.outbox.deadEntries()).toEqual([expect.objectContaining({ key: pending!.key, reason: FACE_BINDING_WITHDRAWN_REASON })]);
    expect(outboxFiles(a).indexOf(before.subarray(16, 80))).toBe(-1);
    // Another citizen's entry is untouched.
    expect(a.queue.outbox.get(otherEntry!.key)).toMatchObject({ state: 'pending', payload: { subject: other, template: expect.any(String) } });

    // A technician's retry does not send it again.
    expect(a.queue.outbox.retryDead()).toBe(0);
    expect(a.queue.outbox.retryDead([pending!.key])).toBe(0);
    await a.queue.engine.syncNow();
    const atHub = hub.store.dump(true).items as { kind: string; payload: { subject?: string; template?: string } }[];
    expect(atHub.filter((i) => i.kind === 'face.bound').map((i) => i.payload.subject)).toEqual([other]);
    expect(hub.store.db.prepare('SELECT COUNT(*) AS n FROM gallery WHERE subject = ?').get(subject)).toEqual({ n: 0 });

    // Staff deleting every template here: the same for what is still unsent.
    a.gallery().bind({ subject, template: randomTemplate(rng), ...shared });
    const again = outboxOf(a, 'face.bound').at(-1)!;
    expect(a.gallery().deleteAll()).toBe(2);
    expect(a.queue.outbox.get(again.key)!.payload).not.toHaveProperty('template');
    expect(a.queue.outbox.get(again.key)!.state).toBe('dead');
  }, 90_000);
});

describe('a hall key that is no longer in force', () => {
  it('refuses face use instead of switching keys, says why, and still lets the citizen delete by card', async () => {
    const rng = seededRandom(testSeed('FACE_ANYWHERE_SEED'));
    const { terminal } = await hall();
    const first = await terminal('T-A');
    const subject = first.subjectOf('resident');
    first.gallery().bind({ subject, template: randomTemplate(rng), ...shared });
    await first.stop();

    // hall.key left readable by other accounts: refused at the next start.
    const lines: string[] = [];
    const logger = createLogger({ destination: new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString('utf8')), done()) }) });
    const a = await terminal('T-A', { hallKeyMode: 0o644, logger }, first);
    expect(lines.some((l) => JSON.parse(l).level >= 50 && /face use is refused on this terminal/.test(l))).toBe(true);

    await a.placeCard('resident');
    const status = await a.core.invoke('face.status', {});
    expect(status).toMatchObject({
      ok: true,
      output: {
        enabled: true,
        bound: true,
        deletionOffered: true,
        problem: expect.stringMatching(/made under the hall key .* key in force is this terminal’s own key/),
      },
    });
    expect(await a.core.invoke('face.start', { mode: 'identify' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/face use is refused/) },
    });

    // Deletion by card finds the binding under the earlier key (its fingerprint matches) and tells the hall.
    expect(await a.core.invoke('face.unbind', {})).toEqual({ ok: true, output: { removed: true, hallNotified: true, text: FACE_DELETED_HERE } });
    expect(a.gallery().has(subject)).toBe(false);
    expect(outboxOf(a, 'face.unbound').map((e) => e.payload)).toContainEqual({ subject });
    // Nothing is held any more: face works again, under the key in force.
    expect(await a.core.invoke('face.status', {})).toMatchObject({ ok: true, output: { problem: null } });
  }, 90_000);
});
