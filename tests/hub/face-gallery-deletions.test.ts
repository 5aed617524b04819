import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HUB_DB_FILE } from '../../hub/hub-db';
import { HubClient } from '../../offline-queue/hub-client';
import { tempDir } from '../offline-queue/helpers';

const TERMINALS = ['T-0001', 'T-0002', 'T-0003'];
const DAY = 86_400_000;
const secret = (id: string) => `${id}-secret-0123456789`;
let hubDir: { dir: string; cleanup: () => void };
let hub: ReferenceHub;
let clients: Record<string, HubClient>;
/** The hub's and the terminals' clock (requests are signed with it): tests move it on by whole days. */
let offset = 0;
const clock = { now: () => Date.now() + offset };

async function startHub(): Promise<void> {
  hub = await startReferenceHub({ dataDir: hubDir.dir, clock, terminals: TERMINALS.map((id) => ({ id, secret: secret(id) })) });
  clients = Object.fromEntries(TERMINALS.map((id) => [id, new HubClient({ url: hub.url, terminalId: id, secret: secret(id), timeoutMs: 5000, clock })]));
}
async function stopHub(): Promise<void> {
  for (const c of Object.values(clients)) c.close();
  await hub.stop();
}
beforeEach(async () => {
  offset = 0;
  hubDir = tempDir('hub-face-');
  await startHub();
});
afterEach(async () => {
  await stopHub();
  hubDir.cleanup();
});

const template = () => randomBytes(700).toString('base64');
const item = (kind: string, payload: Record<string, unknown>) => ({ key: randomUUID(), seq: 1, kind, createdAt: new Date(clock.now()).toISOString(), payload });
const nowIso = () => new Date(clock.now()).toISOString();
const record = (event: string, subject: string, detail: Record<string, unknown> = {}) =>
  item('face.processing-record', { id: randomUUID(), event, at: nowIso(), terminalId: 'T-0002', subject, detail });

async function send(terminal: string, ...items: ReturnType<typeof item>[]): Promise<string[]> {
  const r = (await clients[terminal]!.post('v1/batches', { terminalId: terminal, items })) as { body: { results: { status: string }[] } };
  return r.body.results.map((x) => x.status);
}
async function pull(terminal: string, since?: string): Promise<{ cursor: string; changes: { subject: string; op: string; template?: string }[] }> {
  const r = await clients[terminal]!.get(`v1/gallery${since === undefined ? '' : `?since=${since}`}`);
  if (r.kind !== 'ok') throw new Error(`GET v1/gallery: ${r.kind}`);
  return r.body as { cursor: string; changes: { subject: string; op: string; template?: string }[] };
}
const unconfirmed = () => hub.store.faceGallery.pendingDeletions().map((d) => d.unconfirmed.map((u) => u.terminalId));
const payloadOf = (key: string) => (hub.store.dump(true).items as { key: string; payload: unknown }[]).find((i) => i.key === key)!.payload;

describe('the reference hub’s face gallery and deletions', () => {
  it('sends a delete only to terminals that were handed the template, records each one’s confirmation, then forgets the subject', async () => {
    const t = template();
    const bound = item('face.bound', { subject: 'fs1_subject_a', template: t, shared: true });
    expect(await send('T-0001', bound)).toEqual(['accepted']);
    const first = await pull('T-0002');
    expect(first.changes).toEqual([{ subject: 'fs1_subject_a', op: 'put', template: t }]);

    expect(await send('T-0001', item('face.unbound', { subject: 'fs1_subject_a' }))).toEqual(['accepted']);
    expect(payloadOf(bound.key)).toEqual({ erased: true, erasedAt: expect.any(String) });
    expect(unconfirmed()).toEqual([['T-0002']]);

    // A terminal that never had the template: nothing of the subject, from scratch, and it is owed no confirmation.
    expect(await pull('T-0003')).toEqual({ cursor: expect.any(String), changes: [] });
    expect(unconfirmed()).toEqual([['T-0002']]);

    // The terminal that had it gets the delete, and confirms it by asking with the cursor past it.
    const second = await pull('T-0002', first.cursor);
    expect(second.changes).toEqual([{ subject: 'fs1_subject_a', op: 'delete' }]);
    expect(unconfirmed()).toEqual([['T-0002']]);
    expect((await pull('T-0002', second.cursor)).changes).toEqual([]);
    expect(unconfirmed()).toEqual([]);
    expect(hub.store.db.prepare('SELECT terminal_id, confirmed_at IS NOT NULL AS confirmed FROM gallery_deletion_acks').all()).toEqual([
      { terminal_id: 'T-0002', confirmed: 1 },
    ]);
    expect(hub.store.db.prepare('SELECT COUNT(*) AS n FROM gallery').get()).toEqual({ n: 0 });

    // The binding sent again under its key (a lost answer) is a duplicate: it does not come back.
    expect(await send('T-0001', bound)).toEqual(['duplicate']);
    expect((await pull('T-0003')).changes).toEqual([]);
  });

  it('keeps one template per subject: a newer binding replaces the older one and erases its payload', async () => {
    const [t1, t2] = [template(), template()];
    const older = item('face.bound', { subject: 'fs1_subject_b', template: t1, shared: true });
    const newer = item('face.bound', { subject: 'fs1_subject_b', template: t2, shared: true });
    await send('T-0001', older);
    const had = await pull('T-0002');
    await send('T-0001', newer);
    expect(payloadOf(older.key)).toEqual({ erased: true, erasedAt: expect.any(String) });
    expect(payloadOf(newer.key)).toMatchObject({ template: t2 });
    expect((await pull('T-0003')).changes).toEqual([{ subject: 'fs1_subject_b', op: 'put', template: t2 }]);
    expect((await pull('T-0002', had.cursor)).changes).toEqual([{ subject: 'fs1_subject_b', op: 'put', template: t2 }]);
  });

  it('erases the payload of a binding that was never shared when its subject is unbound', async () => {
    const privateOne = item('face.bound', { subject: 'fs1_subject_c', template: template(), shared: false });
    await send('T-0001', privateOne, item('face.unbound', { subject: 'fs1_subject_c' }));
    expect(payloadOf(privateOne.key)).toEqual({ erased: true, erasedAt: expect.any(String) });
    expect(hub.store.faceGallery.pendingDeletions()).toEqual([]);
  });

  it('cleans a hub.db written before: deleted subjects’ templates and payloads go, their deletes reach only terminals that may hold them', async () => {
    const [tGone, tKept] = [template(), template()];
    await stopHub();
    // The state an older hub left: the put of a deleted subject and its face.bound payload still there.
    const db = new Database(path.join(hubDir.dir, HUB_DB_FILE));
    db.exec(
      'DROP TABLE gallery_terminals; DROP TABLE gallery_deletions; DROP TABLE gallery_deletion_acks; DROP TABLE gallery_bound_items; DROP TABLE face_processing_records;',
    );
    const insertItem = db.prepare("INSERT INTO items (key, terminal_id, seq, kind, created_at, payload, received_at) VALUES (?, 'T-0001', ?, ?, ?, ?, ?)");
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    insertItem.run(keys[0], 1, 'face.bound', new Date().toISOString(), JSON.stringify({ subject: 'fs1_gone', template: tGone, shared: true }), Date.now());
    insertItem.run(keys[1], 2, 'face.bound', new Date().toISOString(), JSON.stringify({ subject: 'fs1_kept', template: tKept, shared: true }), Date.now());
    insertItem.run(keys[2], 3, 'face.unbound', new Date().toISOString(), JSON.stringify({ subject: 'fs1_gone' }), Date.now());
    const gallery = db.prepare('INSERT INTO gallery (subject, op, template, at) VALUES (?, ?, ?, ?)');
    gallery.run('fs1_gone', 'put', tGone, Date.now());
    gallery.run('fs1_kept', 'put', tKept, Date.now());
    gallery.run('fs1_gone', 'delete', null, Date.now());
    db.close();

    await startHub();
    expect(payloadOf(keys[0]!)).toEqual({ erased: true, erasedAt: expect.any(String) });
    expect(payloadOf(keys[1]!)).toMatchObject({ template: tKept });
    expect(hub.store.db.prepare("SELECT subject FROM gallery WHERE op = 'put'").all()).toEqual([{ subject: 'fs1_kept' }]);
    // Every terminal may hold the old template: each is owed a confirmation.
    expect(unconfirmed()).toEqual([TERMINALS]);
    // From scratch: only the kept binding.
    const scratch = await pull('T-0003', '0');
    expect(scratch.changes).toEqual([{ subject: 'fs1_kept', op: 'put', template: tKept }]);
    // A terminal whose cursor passed the old put gets the delete.
    expect((await pull('T-0002', '1')).changes).toEqual([
      { subject: 'fs1_kept', op: 'put', template: tKept },
      { subject: 'fs1_gone', op: 'delete' },
    ]);
    // Once the subject is gone from every terminal's cursor, the hub lists the deletion no more.
    await pull('T-0001', scratch.cursor);
    await pull('T-0002', scratch.cursor);
    await pull('T-0003', scratch.cursor);
    expect(unconfirmed()).toEqual([]);
  });
  it('delivers the deletion of a subject bound twice to a terminal that pulled only the first binding, and to both terminals that bound it', async () => {
    const first = item('face.bound', { subject: 'fs1_twice', template: template(), shared: true, boundAt: nowIso() });
    expect(await send('T-0001', first)).toEqual(['accepted']);
    const t2 = await pull('T-0002');
    expect(t2.changes).toMatchObject([{ subject: 'fs1_twice', op: 'put', template: expect.any(String) }]);
    // The citizen binds again at T-0003 (its put replaces the first), then deletes there.
    offset += 60_000;
    expect(await send('T-0003', item('face.bound', { subject: 'fs1_twice', template: template(), shared: true, boundAt: nowIso() }))).toEqual(['accepted']);
    offset += 60_000;
    expect(await send('T-0003', item('face.unbound', { subject: 'fs1_twice' }))).toEqual(['accepted']);

    // T-0002 holds the first template; T-0001 bound it (whatever its cursor). T-0003 deleted it itself.
    expect(unconfirmed()).toEqual([['T-0001', 'T-0002']]);
    expect((await pull('T-0002', t2.cursor)).changes).toEqual([{ subject: 'fs1_twice', op: 'delete' }]);
    expect((await pull('T-0001', '0')).changes).toEqual([{ subject: 'fs1_twice', op: 'delete' }]);
    const done = await pull('T-0002', t2.cursor);
    await pull('T-0002', done.cursor);
    await pull('T-0001', done.cursor);
    expect(unconfirmed()).toEqual([]);
    // A terminal that never had it still receives nothing of it.
    expect(JSON.stringify(await pull('T-0003', '0'))).not.toContain('fs1_twice');
  });

  it('refuses a face.bound made before the subject’s deletion (a late or retried entry), and tells its terminal to delete', async () => {
    const boundAt = nowIso();
    offset += 60_000;
    expect(await send('T-0002', item('face.unbound', { subject: 'fs1_late' }))).toEqual(['accepted']);
    const late = item('face.bound', { subject: 'fs1_late', template: template(), shared: true, boundAt });
    const r = (await clients['T-0001']!.post('v1/batches', { terminalId: 'T-0001', items: [late] })) as {
      body: { results: { status: string; reason?: string }[] };
    };
    expect(r.body.results).toEqual([{ key: late.key, status: 'rejected', reason: expect.stringMatching(/older than the subject's deletion/) }]);
    expect(hub.store.dump().galleryTemplates).toBe(0);
    expect((hub.store.dump(true).items as { key: string }[]).some((i) => i.key === late.key)).toBe(false);
    // The terminal that sent it may still hold the binding: it alone is sent the delete.
    expect(unconfirmed()).toEqual([['T-0001']]);
    expect((await pull('T-0001')).changes).toEqual([{ subject: 'fs1_late', op: 'delete' }]);
    expect((await pull('T-0003')).changes).toEqual([]);
    // A binding made after the deletion is taken.
    offset += 60_000;
    expect(await send('T-0001', item('face.bound', { subject: 'fs1_late', template: template(), shared: true, boundAt: nowIso() }))).toEqual(['accepted']);
    expect(hub.store.dump().galleryTemplates).toBe(1);
  });

  it('deletes a shared binding not used anywhere in the hall for its retention period, counting uses the terminals report', async () => {
    const bound = item('face.bound', { subject: 'fs1_ageing', template: template(), shared: true, boundAt: nowIso(), retentionDays: 30 });
    await send('T-0001', bound);
    const had = await pull('T-0002');
    // Used at T-0002 on day 20: the 30 days count from then.
    offset += 20 * DAY;
    expect(await send('T-0002', record('used', 'fs1_ageing'))).toEqual(['accepted']);
    offset += 29 * DAY;
    expect((await pull('T-0002', had.cursor)).changes).toEqual([]);
    expect(hub.store.dump().galleryTemplates).toBe(1);

    offset += 2 * DAY; // 31 days without use
    expect((await pull('T-0002', had.cursor)).changes).toEqual([{ subject: 'fs1_ageing', op: 'delete' }]);
    expect(hub.store.dump().galleryTemplates).toBe(0);
    expect(payloadOf(bound.key)).toEqual({ erased: true, erasedAt: expect.any(String) });
    // Owed by the terminal that had it and by the one that bound it (decommissioned or not).
    expect(unconfirmed()).toEqual([['T-0001', 'T-0002']]);
    expect(hub.store.dump(true).processingRecords).toEqual(
      expect.arrayContaining([expect.objectContaining({ terminalId: 'hub', subject: 'fs1_ageing', event: 'purged', detail: { by: 'retention' } })]),
    );
    // A retry of the old binding does not bring it back.
    expect(await send('T-0001', { ...bound, key: randomUUID() })).toEqual(['rejected']);
  });

  it('takes the retention from the hub’s own setting when a binding does not say it, and forgets tombstones after it', async () => {
    await send('T-0001', item('face.bound', { subject: 'fs1_old_terminal', template: template(), shared: true }));
    offset += 364 * DAY;
    await pull('T-0002');
    expect(hub.store.dump().galleryTemplates).toBe(1);
    offset += 2 * DAY;
    await pull('T-0002');
    expect(hub.store.dump().galleryTemplates).toBe(0);
    expect(hub.store.dump().galleryTombstones).toBe(1);
    offset += 366 * DAY;
    await pull('T-0002');
    expect(hub.store.dump().galleryTombstones).toBe(0);
  });

  it('keeps the processing records of 人证核验, received hall copies and uses, with no other field', async () => {
    const kinds = [
      record('holder-checked', 'fs1_records', { method: 'hub', result: 'no-match' }),
      record('received', 'fs1_records'),
      record('used', 'fs1_records'),
      record('holder-checked', 'fs1_records', { method: 'hub', result: 'match', template: 'AAAA' }),
    ];
    expect(await send('T-0002', ...kinds)).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
  });
});
