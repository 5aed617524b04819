import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient, type HubResponse } from '../../offline-queue/hub-client';
import type { Outbox } from '../../offline-queue/outbox';
import { SyncEngine } from '../../offline-queue/sync-engine';
import { TicketIssuer, type TicketIssuerOptions } from '../../offline-queue/ticket-issuer';
import { REPO_ROOT } from '../../testing/repo-root';
import { middayClock } from '../helpers/midday-clock';
import { openTestOutbox, tempDir } from './helpers';

/**
 * Issue 16: an online ticket request whose answer is lost or late is asked again under the same
 * key before the lease serves; when the lease serves after the hub may have numbered the ticket,
 * `ticket.abandoned` goes through the outbox and the hub cancels that ticket. Real reference hub
 * with its fault injection (dropped answers, latency), real HubClient on loopback.
 */

const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const SECRET = 'retry-secret-0123456789';
/** Hub, client, issuer, outbox and sync engine read one clock that never crosses local midnight (numbers and leases are per day). */
const clock = middayClock();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface HubTicket {
  key: string;
  display: string;
  source: string;
  cancelled: boolean;
}

/** Answers drop while `drops` is above zero (the fault injector asks `random` once per request). */
async function setUp(issuerOptions: Partial<TicketIssuerOptions> = {}) {
  let drops = 0;
  const h = tempDir('hub-');
  const hub: ReferenceHub = await startReferenceHub({
    dataDir: h.dir,
    catalogFile: CATALOG_FILE,
    terminals: [{ id: 'T-0001', secret: SECRET }],
    random: () => (drops-- > 0 ? 0 : 0.99),
    clock,
  });
  const t = tempDir('term-');
  const outbox: Outbox = openTestOutbox(t.dir, { clock });
  const client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 8000, clock });
  // Every ticket request the issuer sends, to wait for their answers (also those it stopped waiting for).
  const posts: Promise<HubResponse>[] = [];
  const poster = {
    post: (p: string, body: unknown) => {
      const r = client.post(p, body);
      if (p === 'v1/tickets') posts.push(r);
      return r;
    },
  };
  const issuer = new TicketIssuer({ outbox, client: poster, leaseSize: 10, clock, ...issuerOptions });
  const engine = new SyncEngine({ outbox, client, intervalMs: 60_000, clock });
  cleanups.push(async () => {
    await issuer.settled();
    client.close();
    outbox.close();
    await hub.stop().catch(() => undefined);
    t.cleanup();
    h.cleanup();
  });
  expect(await issuer.ensureLeases(['A'])).toEqual([]);
  const hubTickets = () => hub.store.dump().tickets as HubTicket[];
  const pending = (kind: string) =>
    (outbox.db.prepare("SELECT key FROM outbox WHERE kind = ? AND state = 'pending' ORDER BY seq").all(kind) as { key: string }[]).map(
      (r) => outbox.get(r.key)!.payload,
    );
  return { hub, outbox, client, issuer, engine, posts, hubTickets, pending, dropNext: (n: number) => void (drops = n) };
}

describe('online tickets whose answer is lost or late', () => {
  it('first answer dropped, the retry answered: one ticket on the hub, and its number is the one printed', async () => {
    const s = await setUp({ retryDelaysMs: [100, 100] });
    s.hub.setFaults({ dropResponseRate: 0.5 });
    s.dropNext(1);

    const ticket = await s.issuer.issue({ serviceCode: 'A' });

    expect(ticket.mode).toBe('online');
    const answers = await Promise.all(s.posts);
    expect(answers.map((r) => r.kind)).toEqual(['network-error', 'ok']);
    const online = s.hubTickets().filter((t) => t.source === 'online');
    expect(online).toEqual([expect.objectContaining({ key: ticket.key, display: ticket.number, cancelled: false })]);
    expect(s.pending('ticket.abandoned')).toEqual([]);
    expect(s.pending('ticket.issued')).toEqual([expect.objectContaining({ source: 'online', ticketKey: ticket.key, number: ticket.number })]);
  });

  it('an answer slower than one try: the late answer and the retry name the same ticket, and only one exists', async () => {
    const s = await setUp({ attemptTimeoutMs: 1000, retryDelaysMs: [200, 1500] });
    s.hub.setFaults({ latencyMs: 1500 });

    const ticket = await s.issuer.issue({ serviceCode: 'A' });

    expect(ticket.mode).toBe('online');
    const answers = await Promise.all(s.posts);
    expect(answers.length).toBeGreaterThanOrEqual(2);
    expect(answers.map((r) => (r.kind === 'ok' ? (r.body as { number: string }).number : r.kind))).toEqual(answers.map(() => ticket.number));
    expect(s.hubTickets()).toEqual([expect.objectContaining({ key: ticket.key, display: ticket.number, source: 'online', cancelled: false })]);
    expect(s.pending('ticket.abandoned')).toEqual([]);
  });

  it('every answer dropped: a leased number is printed, and once the hub is back the phantom ticket is cancelled', async () => {
    const s = await setUp({ retryDelaysMs: [50, 50] });
    s.hub.setFaults({ dropResponseRate: 1 });

    const ticket = await s.issuer.issue({ serviceCode: 'A' });

    expect(ticket).toMatchObject({ mode: 'offline', number: 'A9001' });
    const answers = await Promise.all(s.posts);
    expect(answers.map((r) => r.kind)).toEqual(['network-error', 'network-error', 'network-error']);
    // Three tries under one key made one ticket on the hub: the phantom.
    const phantom = s.hubTickets().filter((t) => t.source === 'online');
    expect(phantom).toEqual([expect.objectContaining({ display: 'A001', cancelled: false })]);
    expect(s.pending('ticket.abandoned')).toEqual([expect.objectContaining({ ticketKey: phantom[0]!.key, serviceCode: 'A', replacedBy: 'A9001' })]);

    s.hub.setFaults({});
    expect(await s.engine.syncNow()).toMatchObject({ drained: true, dead: 0, error: null });

    expect(s.hubTickets()).toEqual([
      expect.objectContaining({ key: phantom[0]!.key, display: 'A001', source: 'online', cancelled: true }),
      expect.objectContaining({ display: 'A9001', source: 'offline', cancelled: false }),
    ]);
    // The cancelled ticket no longer stands in the queue: only the leased A9001 is ahead of the next one.
    const next = await s.issuer.issue({ serviceCode: 'A' });
    expect(next).toMatchObject({ mode: 'online', number: 'A002', waitingAhead: 1 });

    // A hub that refuses connections surely issued nothing: the lease serves at once, no retry, no abandonment.
    await s.hub.stop();
    // A fresh client: a kept-alive socket of the stopped hub would fail with a reset, which is ambiguous.
    const fresh = new HubClient({ url: s.hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 8000, clock });
    cleanups.push(() => fresh.close());
    const sent: Promise<HubResponse>[] = [];
    const issuer = new TicketIssuer({ outbox: s.outbox, client: { post: (p, b) => (sent.push(fresh.post(p, b)), sent.at(-1)!) }, leaseSize: 10, clock });
    expect(await issuer.issue({ serviceCode: 'A' })).toMatchObject({ mode: 'offline', number: 'A9002' });
    expect(sent).toHaveLength(1);
    expect(await sent[0]).toMatchObject({ kind: 'network-error', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(s.pending('ticket.abandoned')).toEqual([]);
  });

  it('every answer later than the tries: a leased number, and no ticket under that key stays in the hub’s queue', async () => {
    const s = await setUp({ attemptTimeoutMs: 100, retryDelaysMs: [50, 50] });
    s.hub.setFaults({ latencyMs: 1500 });

    const ticket = await s.issuer.issue({ serviceCode: 'A' });

    expect(ticket).toMatchObject({ mode: 'offline', number: 'A9001' });
    const [abandoned] = s.pending('ticket.abandoned') as { ticketKey: string }[];
    expect(abandoned).toMatchObject({ ticketKey: expect.any(String), replacedBy: 'A9001' });
    s.hub.setFaults({});
    expect(await s.engine.syncNow()).toMatchObject({ drained: true, dead: 0, error: null });
    await Promise.all(s.posts);
    // Whether the late requests were carried out before the abandonment arrived (cancelled) or
    // after it (refused), nothing under the key is left to be called.
    expect(s.hubTickets().filter((t) => t.key === abandoned!.ticketKey && !t.cancelled)).toEqual([]);
  });
});
