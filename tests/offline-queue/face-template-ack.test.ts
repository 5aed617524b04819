import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../base/key-provider';
import { FACE_BINDING_WITHDRAWN_REASON, Outbox } from '../../offline-queue/outbox';
import { OUTBOX_DB_FILE } from '../../offline-queue/outbox-db';
import { HubClient } from '../../offline-queue/hub-client';
import { SyncEngine } from '../../offline-queue/sync-engine';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { tempDir } from './helpers';

const TEMPLATE = randomBytes(600).toString('base64');
const bound = (subject: string, template = TEMPLATE) => ({ subject, template, shared: true });

let dir: string;
let cleanups: (() => Promise<void> | void)[];
beforeEach(() => {
  const d = tempDir('face-ack-');
  dir = d.dir;
  cleanups = [d.cleanup];
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const keyProvider = new StaticKeyProvider(randomBytes(32));
function openOutbox(): Outbox {
  const outbox = Outbox.open(path.join(dir, OUTBOX_DB_FILE), { keyProvider });
  cleanups.push(() => outbox.close());
  return outbox;
}

/** The sealed payload of an entry as stored (the bytes a copy of the disk would hold). */
const sealedOf = (outbox: Outbox, key: string) => (outbox.db.prepare('SELECT payload FROM outbox WHERE key = ?').get(key) as { payload: Buffer }).payload;

/** outbox.db and its WAL as bytes. */
function outboxFiles(): Buffer {
  return Buffer.concat(
    [OUTBOX_DB_FILE, `${OUTBOX_DB_FILE}-wal`]
      .map((f) => path.join(dir, f))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f)),
  );
}

async function hubFor(terminalId: string): Promise<{ hub: ReferenceHub; engine: (outbox: Outbox) => SyncEngine }> {
  const hubDir = tempDir('face-ack-hub-');
  cleanups.push(hubDir.cleanup);
  const secret = `${terminalId}-secret-0123456789`;
  const hub = await startReferenceHub({ dataDir: hubDir.dir, terminals: [{ id: terminalId, secret }] });
  cleanups.push(() => hub.stop());
  return {
    hub,
    engine: (outbox) => {
      const client = new HubClient({ url: hub.url, terminalId, secret, timeoutMs: 5000 });
      cleanups.push(() => client.close());
      return new SyncEngine({ outbox, client, intervalMs: 60_000 });
    },
  };
}

describe('the terminal’s copy of a face template sent to the hall', () => {
  it('is taken out of the outbox as soon as the hub acknowledged the binding, leaving no copy in outbox.db or its WAL', async () => {
    const outbox = openOutbox();
    const { hub, engine } = await hubFor('T-0001');
    const key = outbox.enqueue('face.bound', bound('fs1_leaving_template'));
    const sealedBefore = sealedOf(outbox, key);
    expect(outboxFiles().indexOf(sealedBefore.subarray(16, 80))).toBeGreaterThanOrEqual(0);

    await engine(outbox).syncNow();

    expect(outbox.get(key)).toMatchObject({ state: 'acknowledged', payload: { subject: 'fs1_leaving_template', shared: true } });
    expect(outbox.get(key)!.payload).not.toHaveProperty('template');
    expect(outboxFiles().indexOf(sealedBefore.subarray(16, 80))).toBe(-1);
    // The hub did get it.
    expect((hub.store.dump(true).items as { payload: { template?: string } }[])[0]!.payload.template).toBe(TEMPLATE);
  });

  it('stays while the entry is not acknowledged: pending (the hub must still get it) or dead (a technician may retry it)', () => {
    const outbox = openOutbox();
    const pending = outbox.enqueue('face.bound', bound('fs1_still_pending'));
    const refused = outbox.enqueue('face.bound', bound('fs1_refused'));
    outbox.claimBatch(10, 1 << 20);
    outbox.applyResults([{ key: refused, status: 'rejected', reason: 'schema: payload.template must be base64' }]);
    outbox.release([pending]);
    expect(outbox.get(pending)).toMatchObject({ state: 'pending', payload: { template: TEMPLATE } });
    expect(outbox.get(refused)).toMatchObject({ state: 'dead', payload: { template: TEMPLATE } });
  });

  it('is also taken out of entries an older version acknowledged with it, when the outbox opens', () => {
    let outbox = openOutbox();
    const key = outbox.enqueue('face.bound', bound('fs1_acked_before'));
    const other = outbox.enqueue('face.unbound', { subject: 'fs1_acked_before' });
    // Acknowledged the way the previous version did: the state only.
    outbox.db.prepare("UPDATE outbox SET state = 'acknowledged', acknowledged_at = ?").run(Date.now());
    const sealedBefore = sealedOf(outbox, key);
    outbox.close();

    outbox = openOutbox();
    expect(outbox.get(key)!.payload).toEqual({ subject: 'fs1_acked_before', shared: true });
    expect(outbox.get(other)!.payload).toEqual({ subject: 'fs1_acked_before' });
    expect(outboxFiles().indexOf(sealedBefore.subarray(16, 80))).toBe(-1);
  });
  it('is taken out of entries the hub has not taken (pending or dead) when the binding is deleted here, and those are never retried', () => {
    const outbox = openOutbox();
    const pending = outbox.enqueue('face.bound', bound('fs1_withdrawn'));
    const dead = outbox.enqueue('face.bound', bound('fs1_withdrawn'));
    const inFlight = outbox.enqueue('face.bound', bound('fs1_withdrawn'));
    const others = outbox.enqueue('face.bound', bound('fs1_stays'));
    outbox.claimBatch(2, 1 << 20);
    outbox.applyResults([{ key: dead, status: 'rejected', reason: 'schema: payload.template must be base64' }]);
    outbox.release([pending]);
    const claimed = outbox.claimBatch(10, 1 << 20).map((i) => i.key);
    outbox.release(claimed.filter((k) => k !== inFlight));
    expect([pending, dead, inFlight, others].map((k) => outbox.get(k)!.state)).toEqual(['pending', 'dead', 'in-flight', 'pending']);
    const sealedBefore = [pending, dead].map((k) => sealedOf(outbox, k));

    expect(outbox.withdrawFaceTemplates(['fs1_withdrawn'])).toBe(2);
    for (const key of [pending, dead]) {
      expect(outbox.get(key)).toMatchObject({ state: 'dead', payload: { subject: 'fs1_withdrawn', shared: true } });
      expect(outbox.get(key)!.payload).not.toHaveProperty('template');
    }
    expect(outbox.deadEntries().map((d) => d.reason)).toEqual([FACE_BINDING_WITHDRAWN_REASON, FACE_BINDING_WITHDRAWN_REASON]);
    for (const sealed of sealedBefore) expect(outboxFiles().indexOf(sealed.subarray(16, 80))).toBe(-1);
    // In flight: the hub gets it before the face.unbound that follows, or refuses it as older than the deletion.
    expect(outbox.get(inFlight)).toMatchObject({ state: 'in-flight', payload: { template: TEMPLATE } });
    expect(outbox.get(others)).toMatchObject({ state: 'pending', payload: { template: TEMPLATE } });

    expect(outbox.retryDead()).toBe(0);
    expect(outbox.retryDead([pending, dead])).toBe(0);
    expect(outbox.deadEntries()).toHaveLength(2);
  });
});
