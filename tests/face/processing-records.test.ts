import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { StaticKeyProvider } from '../../base/key-provider';
import { FACE_DB_FILE, GalleryStore } from '../../main/face/gallery/gallery-store';
import { FaceGallery } from '../../main/face/gallery/face-gallery';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { l2Normalize } from '../../common/face/matching';
import { validateConfig } from '../../common/config/schema';
import { startReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { REPO_ROOT } from '../../testing/repo-root';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { secretOf, startFaceTerminal } from './face-terminal';

const DAY = 86_400_000;
const consent = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: { textVersion: 'face-share-v2' } };
const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));

let dir: string;
let now: number;
const stores: GalleryStore[] = [];
const hallKeys = new StaticKeyProvider(randomBytes(32));
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'face-records-'));
  now = Date.UTC(2026, 0, 10);
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  for (const s of stores.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

function openGallery(): FaceGallery {
  const store = new GalleryStore(path.join(dir, FACE_DB_FILE), new StaticKeyProvider(Buffer.alloc(32, 7)));
  stores.push(store);
  return new FaceGallery({ store, hallCodec: new SealedHallTemplateCodec(hallKeys), clock: () => now, hooks: { terminalId: () => 'T-0042' } });
}

describe('processing records on the terminal', () => {
  it('are written for every kind of processing, name time, terminal and pseudonymous subject, and hold no biometric data', () => {
    const rng = seededRandom(testSeed('FACE_RECORDS_SEED'));
    const g = openGallery();
    const codec = new SealedHallTemplateCodec(hallKeys);
    const templates = Array.from({ length: 6 }, () => randomTemplate(rng));
    g.bind({ subject: 'fs1_citizen', template: templates[0]!, ...consent });
    g.unbind('fs1_citizen');
    g.bind({ subject: 'fs1_private', template: templates[1]!, ...consent, shareConsent: null });
    g.applyRemoteChanges({ cursor: '1', changes: [{ subject: 'fs1_fromhall', op: 'put', template: codec.encode('fs1_fromhall', templates[3]!) }] });
    g.applyRemoteChanges({ cursor: '2', changes: [{ subject: 'fs1_fromhall', op: 'delete' }] });
    g.handlePurgeSubject({ subject: 'fs1_private' });
    g.bind({ subject: 'fs1_unused', template: templates[4]!, ...consent, shareConsent: null });
    now += 366 * DAY;
    g.bind({ subject: 'fs1_staffgone', template: templates[2]!, ...consent, shareConsent: null });
    g.bind({ subject: 'fs1_recent', template: templates[5]!, ...consent, shareConsent: null });
    expect(g.purgeExpired(365)).toBe(1);
    expect(g.deleteAll()).toBe(2);

    expect(g.processingRecordsOf('fs1_citizen').map((r) => [r.event, r.detail])).toEqual([
      ['consent-given', { consent: 'store', textVersion: 'face-store-v3' }],
      ['consent-given', { consent: 'share', textVersion: 'face-share-v2' }],
      ['bound', {}],
      ['shared', {}],
      ['consent-withdrawn', { consent: 'store' }],
      ['consent-withdrawn', { consent: 'share' }],
      ['deleted', { by: 'citizen' }],
    ]);
    expect(g.processingRecordsOf('fs1_citizen').every((r) => r.terminalId === 'T-0042' && r.at === Date.UTC(2026, 0, 10))).toBe(true);
    expect(g.processingRecordsOf('fs1_fromhall').map((r) => [r.event, r.detail])).toEqual([
      ['received', {}],
      ['deleted', { by: 'hall' }],
    ]);
    expect(
      g
        .processingRecordsOf('fs1_private')
        .map((r) => r.event)
        .at(-1),
    ).toBe('purged');
    expect(g.processingRecordsOf('fs1_private').at(-1)!.detail).toEqual({ by: 'hub-command' });
    expect(g.processingRecordsOf('fs1_unused').at(-1)!.detail).toEqual({ by: 'retention' });
    expect(g.processingRecordsOf('fs1_staffgone').at(-1)).toMatchObject({ event: 'deleted', detail: { by: 'staff' } });
    expect(g.processingRecordsOf('fs1_recent').at(-1)).toMatchObject({ event: 'deleted', detail: { by: 'staff' }, terminalId: 'T-0042', at: now });

    // Nothing of a template in the records table: its rows, read raw, carry only the record's fields.
    const raw = new Database(path.join(dir, FACE_DB_FILE), { readonly: true });
    cleanups.push(() => void raw.close());
    const rows = raw.prepare('SELECT * FROM processing_records').all() as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(15);
    expect(new Set(rows.flatMap((r) => Object.keys(r)))).toEqual(new Set(['id', 'at', 'event', 'terminal_id', 'subject', 'detail', 'queued_at']));
    expect(new Set(rows.flatMap((r) => Object.keys(JSON.parse(r.detail as string) as object)))).toEqual(new Set(['consent', 'textVersion', 'by']));
  });

  it('outlive the binding they record, and go after their own retention period only', () => {
    const rng = seededRandom(testSeed('FACE_RECORDS_SEED'));
    const g = openGallery();
    g.bind({ subject: 'fs1_kept', template: randomTemplate(rng), ...consent });
    g.unbind('fs1_kept');
    expect(g.has('fs1_kept')).toBe(false);
    expect(g.consentsOf('fs1_kept')).toEqual([]);
    expect(g.processingRecordsOf('fs1_kept')).toHaveLength(7);

    now += 1000 * DAY;
    g.bind({ subject: 'fs1_later', template: randomTemplate(rng), ...consent, shareConsent: null });
    now += 96 * DAY; // the first records are 1,096 days old: not yet past
    expect(g.purgeProcessingRecords(1096)).toBe(0);
    now += 1;
    expect(g.purgeProcessingRecords(1096)).toBe(7);
    expect(g.processingRecordsOf('fs1_kept')).toEqual([]);
    expect(g.processingRecordsOf('fs1_later')).toHaveLength(2);
    // A reopened gallery sees the same (the table is in face.db).
    expect(openGallery().processingRecordsOf('fs1_later')).toHaveLength(2);
  });

  it('have a retention of at least three years in the configuration', () => {
    const defaults = validateConfig({});
    expect(defaults.ok ? defaults.config.retention.processingRecordDays : null).toBe(1096);
    const short = validateConfig({ retention: { processingRecordDays: 365 } });
    expect(short.ok).toBe(false);
    expect(short.ok ? [] : short.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      expect.stringMatching(/^retention\.processingRecordDays: .*three years/),
    ]);
  });
});

describe('processing records at the hub', () => {
  it('reach the hub through the outbox, once per record even when sent again after a crash, and stay after the binding is deleted', async () => {
    const rng = seededRandom(testSeed('FACE_RECORDS_SEED'));
    const hubDir = mkdtempSync(path.join(os.tmpdir(), 'face-records-hub-'));
    cleanups.push(() => rmSync(hubDir, { recursive: true, force: true }));
    const hub = await startReferenceHub({
      dataDir: hubDir,
      catalogFile: path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'),
      terminals: [{ id: 'T-A', secret: secretOf('T-A') }],
    });
    cleanups.push(() => hub.stop());
    const hallKey = randomBytes(32);
    const termDir = mkdtempSync(path.join(os.tmpdir(), 'face-records-T-A-'));
    cleanups.push(() => rmSync(termDir, { recursive: true, force: true }));
    const first = await startFaceTerminal({ id: 'T-A', hubUrl: hub.url, secret: secretOf('T-A'), hallKey, dir: termDir });
    cleanups.push(() => first.stop());
    const subject = first.subjectOf('resident');
    first.gallery().bind({ subject, template: randomTemplate(rng), ...consent });
    await first.queue.engine.syncNow();
    const atHub = () =>
      (hub.store.dump(true).processingRecords as { id: string; terminalId: string; subject: string; event: string }[]).filter((r) => r.subject === subject);
    expect(atHub().map((r) => r.event)).toEqual(['consent-given', 'consent-given', 'bound', 'shared']);
    expect(atHub().every((r) => r.terminalId === 'T-A')).toBe(true);

    // A crash after the outbox took a record but before face.db noted it: the record goes again at the next start.
    const localIds = first
      .gallery()
      .processingRecordsOf(subject)
      .map((r) => r.id);
    await first.stop();
    const faceDb = new Database(path.join(termDir, FACE_DB_FILE));
    faceDb.prepare('UPDATE processing_records SET queued_at = NULL WHERE id = ?').run(localIds[2]);
    faceDb.close();
    const again = await startFaceTerminal({ id: 'T-A', hubUrl: hub.url, secret: secretOf('T-A'), hallKey, dir: termDir, terminalKey: first.terminalKey });
    cleanups.push(() => again.stop());
    expect(again.queue.outbox.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'face.processing-record' AND state = 'pending'").get()).toEqual({
      n: 1,
    });
    await again.queue.engine.syncNow();
    expect(atHub().map((r) => r.id)).toEqual(localIds);

    // The binding is deleted; the records of it stay, at the hub and here.
    expect(again.gallery().unbind(subject)).toBe(true);
    await again.queue.engine.syncNow();
    expect(atHub().map((r) => r.event)).toEqual(['consent-given', 'consent-given', 'bound', 'shared', 'consent-withdrawn', 'consent-withdrawn', 'deleted']);
    expect(again.gallery().processingRecordsOf(subject)).toHaveLength(7);
  }, 60_000);

  it('refuses a record that carries anything but a record’s fields (a template above all)', async () => {
    const hubDir = mkdtempSync(path.join(os.tmpdir(), 'face-records-hub-'));
    cleanups.push(() => rmSync(hubDir, { recursive: true, force: true }));
    const hub = await startReferenceHub({ dataDir: hubDir, terminals: [{ id: 'T-A', secret: secretOf('T-A') }] });
    cleanups.push(() => hub.stop());
    const client = new HubClient({ url: hub.url, terminalId: 'T-A', secret: secretOf('T-A'), timeoutMs: 5000 });
    cleanups.push(() => client.close());
    const record = { id: randomUUID(), event: 'bound', at: new Date().toISOString(), terminalId: 'T-A', subject: 'fs1_abcdefgh', detail: {} };
    const item = (seq: number, payload: Record<string, unknown>) => ({
      key: randomUUID(),
      seq,
      kind: 'face.processing-record',
      createdAt: new Date().toISOString(),
      payload,
    });
    const items = [
      item(1, record),
      item(2, { ...record, id: randomUUID(), template: 'AAAA' }),
      item(3, { ...record, id: randomUUID(), detail: { template: 'AAAA' } }),
    ];
    const r = (await client.post('v1/batches', { terminalId: 'T-A', items })) as { kind: string; body: { results: { status: string; reason?: string }[] } };
    expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(r.body.results[1]!.reason).toMatch(/template/);
    expect(r.body.results[2]!.reason).toMatch(/template/);
    expect(hub.store.dump(true).processingRecords).toEqual([expect.objectContaining({ id: record.id, event: 'bound' })]);
  });
});
