import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../base/key-provider';
import { Outbox, OutboxEntryError, OutboxQuotaExceededError } from '../../offline-queue/outbox';
import { ManualClock, openTestOutbox, tempDir } from './helpers';

const DAY = 86_400_000;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('Outbox', () => {
  it('gives each entry a UUID key and an increasing seq that is never reused, even after deletion and reopening', () => {
    const keyProvider = new StaticKeyProvider(randomBytes(32));
    const file = path.join(dir, 'outbox.db');
    let outbox = Outbox.open(file, { keyProvider });
    const k1 = outbox.enqueue('submission.created', { serviceCode: 'A', fields: {} });
    const k2 = outbox.enqueue('device.event', { device: 'printer' });
    expect(k1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const s2 = outbox.get(k2)!.seq;
    expect(s2).toBeGreaterThan(outbox.get(k1)!.seq);
    outbox.db.prepare('DELETE FROM outbox').run();
    outbox.close();
    outbox = Outbox.open(file, { keyProvider });
    const k3 = outbox.enqueue('device.event', { device: 'printer' });
    expect(outbox.get(k3)!.seq).toBeGreaterThan(s2);
    outbox.close();
  });

  it('joins the caller transaction: a failing local effect leaves no entry', () => {
    const outbox = openTestOutbox(dir);
    outbox.db.exec('CREATE TABLE local_effect (n INTEGER)');
    expect(() =>
      outbox.transaction(() => {
        outbox.db.prepare('INSERT INTO local_effect VALUES (1)').run();
        outbox.enqueue('ticket.issued', { serviceCode: 'A' });
        throw new Error('printer refused');
      }),
    ).toThrow('printer refused');
    expect(outbox.stats().pending).toBe(0);
    expect(outbox.db.prepare('SELECT COUNT(*) AS n FROM local_effect').get()).toEqual({ n: 0 });
    const key = outbox.transaction(() => {
      outbox.db.prepare('INSERT INTO local_effect VALUES (2)').run();
      return outbox.enqueue('ticket.issued', { serviceCode: 'A' });
    });
    expect(outbox.get(key)?.state).toBe('pending');
    expect(outbox.db.prepare('SELECT COUNT(*) AS n FROM local_effect').get()).toEqual({ n: 1 });
    outbox.close();
  });

  it('refuses unknown kinds, non-object payloads and oversized payloads with a clear error', () => {
    const outbox = openTestOutbox(dir, { maxPayloadBytes: 1000 });
    expect(() => outbox.enqueue('pizza.ordered' as never, {})).toThrow(OutboxEntryError);
    expect(() => outbox.enqueue('audit.event', [] as never)).toThrow(/must be a JSON object/);
    expect(() => outbox.enqueue('audit.event', { action: 'x'.repeat(2000) })).toThrow(/over the 1000-byte limit/);
    expect(outbox.stats().pending).toBe(0);
    outbox.close();
  });

  it('beyond its quota refuses non-essential kinds with a typed error but still takes tickets and their abandonments', () => {
    const probe = openTestOutbox(dir);
    const used = probe.usedBytes();
    probe.close();
    const outbox = openTestOutbox(dir, { quotaBytes: used + 64 * 1024 });
    const big = { serviceCode: 'A', fields: { note: 'x'.repeat(4000) } };
    let refused: unknown;
    for (let i = 0; i < 100 && !refused; i++) {
      try {
        outbox.enqueue('submission.created', big);
      } catch (err) {
        refused = err;
      }
    }
    expect(refused).toBeInstanceOf(OutboxQuotaExceededError);
    expect((refused as OutboxQuotaExceededError).code).toBe('OUTBOX_QUOTA_EXCEEDED');
    expect((refused as Error).message).toMatch(/over its disk quota/);
    const pendingBefore = outbox.stats().pending;
    const ticketKey = outbox.enqueue('ticket.issued', { serviceCode: 'A', number: 'A901' });
    expect(outbox.get(ticketKey)?.state).toBe('pending');
    // The cancellation of a phantom online ticket goes with a leased one: never refused either.
    const abandonKey = outbox.enqueue('ticket.abandoned', { ticketKey: '0192f6c4-0000-4000-8000-000000000001', serviceCode: 'A', replacedBy: 'A901' });
    expect(outbox.get(abandonKey)?.state).toBe('pending');
    expect(() => outbox.enqueue('device.event', { device: 'printer' })).toThrow(OutboxQuotaExceededError);
    expect(outbox.stats().pending).toBe(pendingBefore + 2);
    outbox.close();
  });

  it('stores no personal text in clear: the database and WAL files never contain the name or ID number', () => {
    const outbox = openTestOutbox(dir);
    const name = '欧阳明华';
    const idNumber = '110101199003071234';
    const key = outbox.enqueue('submission.created', { serviceCode: 'A', fields: { name, idNumber, address: 'Nanjing Road 1' } });
    outbox.applyResults([{ key, status: 'rejected', reason: `schema: bad id ${idNumber}` }]);
    expect(outbox.get(key)?.payload).toEqual({ serviceCode: 'A', fields: { name, idNumber, address: 'Nanjing Road 1' } });
    const files = ['outbox.db', 'outbox.db-wal'].map((f) => path.join(dir, f)).filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const f of files) {
      const bytes = readFileSync(f);
      total += bytes.length;
      expect(bytes.includes(Buffer.from(name, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(idNumber, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from('Nanjing Road', 'utf8'))).toBe(false);
    }
    // the key itself is there in clear (it is the hub's idempotency key, not personal data)
    const all = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(all.includes(Buffer.from(key))).toBe(true);
    expect(total).toBeGreaterThan(0);
    outbox.close();
  });

  it('moves an entry that cannot be decrypted (other key) to the dead letters instead of blocking', () => {
    const file = path.join(dir, 'outbox.db');
    const a = Outbox.open(file, { keyProvider: new StaticKeyProvider(randomBytes(32)) });
    const k1 = a.enqueue('device.event', { device: 'printer' });
    a.close();
    const b = Outbox.open(file, { keyProvider: new StaticKeyProvider(randomBytes(32)) });
    const k2 = b.enqueue('device.event', { device: 'scanner' });
    const batch = b.claimBatch(10, 1 << 20);
    expect(batch.map((i) => i.key)).toEqual([k2]);
    expect(b.deadEntries().map((d) => d.key)).toEqual([k1]);
    expect(b.deadEntries()[0]!.reason).toMatch(/cannot be opened/);
    b.close();
  });

  it('claims batches in seq order within item and byte limits, and releases crashed in-flight entries', () => {
    const outbox = openTestOutbox(dir);
    const keys = Array.from({ length: 10 }, (_, i) => outbox.enqueue('audit.event', { action: `a${i}`, pad: 'p'.repeat(500) }));
    const first = outbox.claimBatch(4, 1 << 20);
    expect(first.map((i) => i.key)).toEqual(keys.slice(0, 4));
    expect(first.map((i) => i.seq)).toEqual([...first.map((i) => i.seq)].sort((x, y) => x - y));
    const byBytes = outbox.claimBatch(100, 1500);
    expect(byBytes.length).toBe(2);
    expect(outbox.stats()).toMatchObject({ inFlight: 6, pending: 4 });
    expect(outbox.releaseAllInFlight()).toBe(6);
    expect(outbox.claimBatch(1, 1 << 20)[0]!.key).toBe(keys[0]);
    outbox.close();
  });

  it('applies per-item results, lists dead letters with reasons and retries them', () => {
    const clock = new ManualClock();
    const outbox = openTestOutbox(dir, { clock });
    const [k1, k2, k3] = [1, 2, 3].map((i) => outbox.enqueue('evaluation.created', { rating: i }));
    outbox.claimBatch(10, 1 << 20);
    outbox.applyResults([
      { key: k1!, status: 'accepted' },
      { key: k2!, status: 'rejected', reason: 'schema: payload.rating missing' },
      { key: k3!, status: 'duplicate' },
    ]);
    expect(outbox.stats()).toMatchObject({ pending: 0, inFlight: 0, acknowledged: 2, dead: 1, acknowledgedToday: 2, oldestPendingAgeS: null });
    expect(outbox.deadEntries()).toEqual([expect.objectContaining({ key: k2, reason: 'schema: payload.rating missing', kind: 'evaluation.created' })]);
    expect(outbox.retryDead()).toBe(1);
    expect(outbox.get(k2!)?.state).toBe('pending');
    clock.advance(90_000);
    expect(outbox.stats().oldestPendingAgeS).toBe(90);
    outbox.close();
  });

  it('purges acknowledged personal entries after the retention, keeps pending ones and device events longer', () => {
    const clock = new ManualClock();
    const outbox = openTestOutbox(dir, { clock });
    const personal = outbox.enqueue('submission.created', { serviceCode: 'A', fields: { name: '张三' } });
    const device = outbox.enqueue('device.event', { device: 'printer' });
    const pending = outbox.enqueue('submission.created', { serviceCode: 'B', fields: {} });
    outbox.claimBatch(2, 1 << 20);
    outbox.applyResults([
      { key: personal, status: 'accepted' },
      { key: device, status: 'accepted' },
    ]);
    clock.advance(29 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(0);
    clock.advance(2 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(1);
    expect(outbox.get(personal)).toBeUndefined();
    expect(outbox.get(device)?.state).toBe('acknowledged');
    expect(outbox.get(pending)?.state).toBe('pending');
    clock.advance(60 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(1);
    expect(outbox.get(device)).toBeUndefined();
    outbox.close();
  });

  it('purges dead letters of personal kinds after the retention, counted from their death, and keeps the others for the technician', () => {
    const clock = new ManualClock();
    const keyProvider = new StaticKeyProvider(randomBytes(32));
    const file = path.join(dir, 'outbox.db');
    let outbox = Outbox.open(file, { keyProvider, clock });
    const submission = outbox.enqueue('submission.created', { serviceCode: 'A', subject: 'S-1', fields: { name: '张三' } });
    const face = outbox.enqueue('face.bound', { subject: 'S-1', template: 'AAAA', shared: true });
    const device = outbox.enqueue('device.event', { device: 'printer' });
    const abandoned = outbox.enqueue('ticket.abandoned', { ticketKey: 'k' });
    const pending = outbox.enqueue('ticket.issued', { serviceCode: 'A', subject: 'S-1' });
    outbox.claimBatch(4, 1 << 20);
    outbox.applyResults([submission, face, device, abandoned].map((key) => ({ key, status: 'rejected' as const, reason: 'schema' })));
    expect(outbox.stats().dead).toBe(4);

    // A technician retries the face binding on day 10; it dies again then, and its 30 days start anew.
    clock.advance(10 * DAY);
    outbox.retryDead([face]);
    outbox.claimBatch(1, 1 << 20);
    outbox.applyResults([{ key: face, status: 'rejected', reason: 'schema' }]);

    clock.advance(19 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(0);
    clock.advance(2 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(1);
    outbox.close();

    // What is on disk: the reopened file has lost the submission's dead letter only.
    outbox = Outbox.open(file, { keyProvider, clock });
    expect(outbox.get(submission)).toBeUndefined();
    expect(outbox.deadEntries().map((e) => e.key)).toEqual([face, device, abandoned]);
    clock.advance(10 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(1);
    expect(outbox.get(face)).toBeUndefined();

    clock.advance(400 * DAY);
    expect(outbox.purgeAcknowledged(30)).toBe(0);
    expect(outbox.deadEntries().map((e) => e.kind)).toEqual(['device.event', 'ticket.abandoned']);
    expect(outbox.get(pending)?.state).toBe('pending');
    outbox.close();
  });

  it('purges the dead letters of one subject on request, as well as its acknowledged entries', () => {
    const outbox = openTestOutbox(dir);
    const dead = outbox.enqueue('face.bound', { subject: 'S-1', template: 'AAAA', shared: true });
    const other = outbox.enqueue('face.bound', { subject: 'S-2', template: 'AAAA', shared: true });
    outbox.claimBatch(2, 1 << 20);
    outbox.applyResults([
      { key: dead, status: 'rejected', reason: 'schema' },
      { key: other, status: 'rejected', reason: 'schema' },
    ]);
    expect(outbox.purgeSubject('S-1')).toBe(1);
    expect(outbox.deadEntries().map((e) => e.key)).toEqual([other]);
    outbox.close();
  });

  it('purges acknowledged entries of one subject on request, never undelivered ones', () => {
    const outbox = openTestOutbox(dir);
    const a = outbox.enqueue('face.bound', { subject: 'S-1', template: 'AAAA', shared: false });
    const b = outbox.enqueue('face.unbound', { subject: 'S-1' });
    const c = outbox.enqueue('face.bound', { subject: 'S-2', template: 'AAAA', shared: false });
    outbox.claimBatch(1, 1 << 20);
    outbox.applyResults([{ key: a, status: 'accepted' }]);
    outbox.claimBatch(5, 1 << 20);
    outbox.applyResults([{ key: c, status: 'accepted' }]);
    expect(outbox.purgeSubject('S-1')).toBe(1);
    expect(outbox.get(a)).toBeUndefined();
    expect(outbox.get(b)).toBeDefined();
    expect(outbox.get(c)).toBeDefined();
    outbox.close();
  });
});
