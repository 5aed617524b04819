import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../main/security/key-provider';
import { Outbox } from '../../offline-queue/outbox';
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
  return Buffer.concat([OUTBOX_DB_FILE, `${OUTBOX_DB_FILE}-wal`].map((f) => path.join(dir, f)).filter((f) => existsSync(f)).map((f) => readFileSync(f)));
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
});
