import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { NoTicketNumberError, TicketIssuer, TicketRefusedError, type IssuedTicket } from '../../offline-queue/ticket-issuer';
import { SyncEngine } from '../../offline-queue/sync-engine';
import type { Outbox } from '../../offline-queue/outbox';
import { REPO_ROOT } from '../../testing/repo-root';
import { openTestOutbox, tempDir } from './helpers';
import { middayClock } from '../helpers/midday-clock';

const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
/** Hub and terminals read one clock that never crosses local midnight (numbers and leases are per day). */
const clock = middayClock();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Terminal {
  id: string;
  outbox: Outbox;
  client: HubClient;
  issuer: TicketIssuer;
  engine: SyncEngine;
}

function terminal(id: string, url: string): Terminal {
  const d = tempDir('term-');
  const outbox = openTestOutbox(d.dir, { clock });
  const client = new HubClient({ url, terminalId: id, secret: `${id}-secret-0123456789`, timeoutMs: 3000, clock });
  const issuer = new TicketIssuer({ outbox, client, leaseSize: 10, clock });
  const engine = new SyncEngine({ outbox, client, intervalMs: 60_000, clock });
  cleanups.push(() => {
    client.close();
    outbox.close();
    d.cleanup();
  });
  return { id, outbox, client, issuer, engine };
}

async function hubAt(dataDir: string, port = 0): Promise<ReferenceHub> {
  return startReferenceHub({
    dataDir,
    port,
    catalogFile: CATALOG_FILE,
    terminals: ['T-A', 'T-B'].map((id) => ({ id, secret: `${id}-secret-0123456789` })),
    clock,
  });
}

describe('tickets online and offline', () => {
  it('two terminals issuing while the hub is down, then up: no number is printed twice, and the hub holds them all', async () => {
    const hubDir = tempDir('hub-');
    cleanups.push(hubDir.cleanup);
    let hub = await hubAt(hubDir.dir);
    const port = hub.port;
    const a = terminal('T-A', hub.url);
    const b = terminal('T-B', hub.url);
    const printed: IssuedTicket[] = [];

    printed.push(await a.issuer.issue({ serviceCode: 'A' }), await b.issuer.issue({ serviceCode: 'A' }));
    expect(printed.map((t) => t.mode)).toEqual(['online', 'online']);
    expect(await a.issuer.ensureLeases(['A', 'B'])).toEqual([]);
    expect(await b.issuer.ensureLeases(['A', 'B'])).toEqual([]);

    await hub.stop();
    for (let i = 0; i < 9; i++) {
      for (const t of [a, b]) printed.push(await t.issuer.issue({ serviceCode: i % 3 === 0 ? 'B' : 'A' }));
    }
    await a.issuer.settled();
    await b.issuer.settled();
    expect(printed.slice(2).every((t) => t.mode === 'offline')).toBe(true);
    // A's lease of 10 is used up (6 issued), B's 3 of 10: renewal failed while down, numbers remain
    expect(a.issuer.leases().find((l) => l.serviceCode === 'A')?.remaining).toBe(4);

    hub = await hubAt(hubDir.dir, port);
    cleanups.push(() => hub.stop());
    for (let i = 0; i < 4; i++) for (const t of [a, b]) printed.push(await t.issuer.issue({ serviceCode: 'A' }));
    expect(printed.slice(-8).every((t) => t.mode === 'online')).toBe(true);
    for (const t of [a, b]) {
      const r = await t.engine.syncNow();
      expect(r).toMatchObject({ drained: true, dead: 0, error: null });
    }

    const numbers = printed.map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const held = (hub.store.dump().tickets as { display: string; serviceCode: string }[]).map((t) => t.display);
    expect(held).toHaveLength(printed.length);
    expect(new Set(held)).toEqual(new Set(numbers));
    // Every ticket, online or from a lease, is also a `ticket.issued` submission the hub holds once.
    const records = (hub.store.dump(true).items as { kind: string; payload?: { number: string; source: string } }[]).filter((i) => i.kind === 'ticket.issued');
    expect(records.map((r) => r.payload!.number).sort()).toEqual([...numbers].sort());
    expect(records.filter((r) => r.payload!.source === 'online')).toHaveLength(printed.filter((t) => t.mode === 'online').length);
  });

  it('without a hub and without a lease it says so, and a hub refusal is not papered over offline', async () => {
    const hubDir = tempDir('hub-');
    cleanups.push(hubDir.cleanup);
    const hub = await hubAt(hubDir.dir);
    cleanups.push(() => hub.stop());
    const a = terminal('T-A', hub.url);
    await expect(a.issuer.issue({ serviceCode: 'ZZ' })).rejects.toBeInstanceOf(TicketRefusedError);
    hub.setFaults({ failRate: 1 });
    await expect(a.issuer.issue({ serviceCode: 'A' })).rejects.toBeInstanceOf(NoTicketNumberError);
    expect(a.outbox.stats().pending).toBe(0);
  });

  it('renews a lease once fewer than 20% of its numbers remain', async () => {
    const hubDir = tempDir('hub-');
    cleanups.push(hubDir.cleanup);
    const hub = await hubAt(hubDir.dir);
    cleanups.push(() => hub.stop());
    const a = terminal('T-A', hub.url);
    await a.issuer.ensureLeases(['C']);
    for (let i = 0; i < 8; i++) a.issuer.issueOffline({ serviceCode: 'C' });
    expect(a.issuer.leases()[0]!.remaining).toBe(2);
    await a.issuer.ensureLeases(['C']);
    expect(hub.store.dump().leases).toHaveLength(1); // 2 of 10 left is 20%: not yet
    a.issuer.issueOffline({ serviceCode: 'C' });
    expect(await a.issuer.ensureLeases(['C'])).toEqual([]);
    expect(a.issuer.leases()[0]!.remaining).toBe(1 + 10);
    const leases = hub.store.dump().leases as { terminalId: string; from: number; to: number }[];
    expect(leases.map((l) => [l.from, l.to])).toEqual([
      [9001, 9010],
      [9011, 9020],
    ]);
  });
});
