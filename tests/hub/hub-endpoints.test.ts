import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { middayClock } from '../helpers/midday-clock';
import { hallDayKey, hallDayStart } from '../../common/time/hall-clock';
import { CATALOG_FILE, startTwoTerminalHub } from './two-terminal-hub';
import { tempDir } from '../offline-queue/helpers';

let hub: ReferenceHub;
let t1: HubClient;
let t2: HubClient;
/** The hub's and the terminals' clock: no run crosses the hub's local midnight. Every client and store call here reads it. */
const clock = middayClock();

let stopHub: () => Promise<void>;
beforeEach(async () => {
  ({ hub, t1, t2, stop: stopHub } = await startTwoTerminalHub(clock));
});
afterEach(() => stopHub());

const item = (seq: number, kind = 'audit.event', payload: Record<string, unknown> = { action: 'login' }) => ({
  key: randomUUID(),
  seq,
  kind,
  createdAt: new Date(clock.now()).toISOString(),
  payload,
});

describe('POST v1/batches', () => {
  it('accepts, deduplicates by key and rejects per item with a reason', async () => {
    const a = item(1);
    const b = item(2, 'submission.created', { fields: {} });
    const c = item(3, 'pizza.ordered', {});
    const r = await t1.post('v1/batches', { terminalId: 'T-0001', items: [a, b, c, a] });
    expect(r.kind).toBe('ok');
    const results = (r as { body: { results: unknown[] } }).body.results;
    expect(results).toEqual([
      { key: a.key, status: 'accepted' },
      { key: b.key, status: 'rejected', reason: 'schema: payload.serviceCode missing' },
      { key: c.key, status: 'rejected', reason: expect.stringMatching(/unknown kind/) },
      { key: a.key, status: 'duplicate' },
    ]);
    const again = await t1.post('v1/batches', { terminalId: 'T-0001', items: [a] });
    expect((again as { body: unknown }).body).toEqual({ results: [{ key: a.key, status: 'duplicate' }] });
    expect(hub.store.dump().items).toHaveLength(1);
  });

  it('after a dropped response (stored, socket destroyed) the retry yields duplicate, never a second copy', async () => {
    hub.setFaults({ dropResponseRate: 1 });
    const a = item(1);
    const lost = await t1.post('v1/batches', { terminalId: 'T-0001', items: [a] });
    expect(lost.kind).toBe('network-error');
    hub.setFaults({});
    const retry = await t1.post('v1/batches', { terminalId: 'T-0001', items: [a] });
    expect((retry as { body: unknown }).body).toEqual({ results: [{ key: a.key, status: 'duplicate' }] });
    expect(hub.store.dump().items).toHaveLength(1);
  });

  it('injects 503s, forced statuses with Retry-After, and latency', async () => {
    hub.setFaults({ failRate: 1 });
    expect(await t1.get('v1/config')).toMatchObject({ kind: 'http-error', status: 503 });
    hub.setFaults({ forced: [{ status: 429, count: 1, retryAfterS: 7 }] });
    expect(await t1.get('v1/config')).toMatchObject({ kind: 'http-error', status: 429, retryAfterMs: 7000 });
    expect((await t1.get('v1/config')).kind).toBe('ok');
    hub.setFaults({ latencyMs: 400 });
    const slow = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: 'secret-one-0123456789', timeoutMs: 100, clock });
    expect(await slow.get('v1/config')).toMatchObject({ kind: 'timeout' });
    slow.close();
  });
});

describe('tickets and leases', () => {
  const ticket = (client: HubClient, key: string, serviceCode = 'A') =>
    client.post('v1/tickets', { key, serviceCode, priority: false, subject: null, appointmentId: null });

  it('numbers tickets per service and day; the same key gives the same ticket', async () => {
    const k = randomUUID();
    const first = await ticket(t1, k);
    expect(first).toMatchObject({ kind: 'ok', body: { number: 'A001', waitingAhead: 0 } });
    expect(await ticket(t1, k)).toMatchObject({ body: { number: 'A001', issuedAt: (first as { body: { issuedAt: string } }).body.issuedAt } });
    expect(await ticket(t2, randomUUID())).toMatchObject({ body: { number: 'A002', waitingAhead: 1 } });
    expect(await ticket(t2, randomUUID(), 'B')).toMatchObject({ body: { number: 'B001', waitingAhead: 0 } });
    expect(await ticket(t1, randomUUID(), 'ZZ')).toMatchObject({ kind: 'http-error', status: 400, code: 'unknown-service' });
  });

  it('leases come from 9001 up, never overlap each other nor online numbers (001 up), and expire at the end of the hall day', async () => {
    await ticket(t1, randomUUID());
    const l1 = await t1.post('v1/leases', { serviceCodes: ['A', 'B'], size: 50 });
    const l2 = await t2.post('v1/leases', { serviceCodes: ['A'], size: 50 });
    const online = await ticket(t2, randomUUID());
    const a1 = (l1 as { body: { leases: { serviceCode: string; from: number; to: number; expiresAt: string }[] } }).body.leases;
    const a2 = (l2 as { body: { leases: { from: number; to: number }[] } }).body.leases;
    expect(a1[0]).toMatchObject({ serviceCode: 'A', from: 9001, to: 9050, prefix: 'A' });
    expect(a1[1]).toMatchObject({ serviceCode: 'B', from: 9001, to: 9050 });
    expect(a2[0]).toMatchObject({ from: 9051, to: 9100 });
    expect((online as { body: { number: string } }).body.number).toBe('A002');
    // The hall day of the default hall clock (Asia/Shanghai) ends at 16:00 UTC.
    const end = hallDayStart(hallDayKey(clock.now(), 'Asia/Shanghai'), 'Asia/Shanghai') + 86_400_000;
    expect(new Date(Date.parse(a1[0]!.expiresAt)).toISOString()).toMatch(/T16:00:00\.000Z$/);
    expect(Date.parse(a1[0]!.expiresAt)).toBe(end);
  });

  it('numbers the first online ticket of a fresh hall day 001 after a lease was taken that day', async () => {
    await t1.post('v1/leases', { serviceCodes: ['A'], size: 50 });
    expect(await ticket(t2, randomUUID())).toMatchObject({ body: { number: 'A001' } });
  });

  it('accepts the record of an online ticket only for the ticket it numbered for that terminal', async () => {
    const key = randomUUID();
    const issued = (await ticket(t1, key)) as { body: { number: string; issuedAt: string } };
    const record = (seq: number, payload: object) =>
      item(seq, 'ticket.issued', { source: 'online', serviceCode: 'A', issuedAt: issued.body.issuedAt, ...payload });
    const results = (
      (await t1.post('v1/batches', {
        terminalId: 'T-0001',
        items: [
          record(1, { ticketKey: key, number: issued.body.number }),
          record(2, { ticketKey: randomUUID(), number: issued.body.number }),
          record(3, { ticketKey: key, number: 'A999' }),
          record(4, { number: issued.body.number }),
        ],
      })) as { body: { results: { status: string; reason?: string }[] } }
    ).body.results;
    expect(results[0]).toMatchObject({ status: 'accepted' });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no ticket of T-0001 was issued online/) });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/is A\d{3}, not A999/) });
    expect(results[3]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/ticketKey/) });
    const other = item(5, 'ticket.issued', { source: 'online', ticketKey: key, serviceCode: 'A', number: issued.body.number, issuedAt: issued.body.issuedAt });
    expect(((await t2.post('v1/batches', { terminalId: 'T-0002', items: [other] })) as { body: { results: unknown[] } }).body.results[0]).toMatchObject({
      status: 'rejected',
    });
    // A record never makes a second ticket.
    expect(hub.store.dump().tickets).toHaveLength(1);
  });

  it('accepts offline tickets only inside the terminal own lease', async () => {
    await t1.post('v1/leases', { serviceCodes: ['A'], size: 10 });
    const ok = item(1, 'ticket.issued', { serviceCode: 'A', number: 'A9005', sequence: 9005, issuedAt: new Date(clock.now()).toISOString() });
    const foreign = item(2, 'ticket.issued', { serviceCode: 'A', number: 'A9005', sequence: 9005, issuedAt: new Date(clock.now()).toISOString() });
    expect(((await t1.post('v1/batches', { terminalId: 'T-0001', items: [ok] })) as { body: { results: unknown[] } }).body.results[0]).toMatchObject({
      status: 'accepted',
    });
    expect(((await t2.post('v1/batches', { terminalId: 'T-0002', items: [foreign] })) as { body: { results: unknown[] } }).body.results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/not in a block leased to T-0002/),
    });
    expect(hub.store.dump().tickets).toEqual([expect.objectContaining({ display: 'A9005', source: 'offline', terminalId: 'T-0001' })]);
  });
});

describe('catalog, config, gallery, results, heartbeat', () => {
  it('serves the default catalog, 304 when since is current, and a newer version after publishing', async () => {
    const r = await t1.get('v1/catalog');
    expect(r).toMatchObject({ kind: 'ok', body: { version: 2 } });
    expect((await t1.get('v1/catalog?since=2')).kind).toBe('not-modified');
    hub.store.publishCatalog({ ...(r as { body: Record<string, unknown> }).body, version: 2 }, clock.now());
    expect(await t1.get('v1/catalog?since=2')).toMatchObject({ kind: 'ok', body: { version: 3 } });
    expect(await t1.get('v1/catalog?since=abc')).toMatchObject({ kind: 'http-error', status: 400 });
  });

  it('serves per-terminal config with versions and 304', async () => {
    expect(await t1.get('v1/config')).toMatchObject({ kind: 'ok', body: { version: 0, settings: {} } });
    hub.store.pushConfig('T-0001', { ui: { idleTimeoutS: 90 } });
    expect(await t1.get('v1/config?since=0')).toMatchObject({ body: { version: 1, settings: { ui: { idleTimeoutS: 90 } } } });
    expect((await t1.get('v1/config?since=1')).kind).toBe('not-modified');
    expect(await t2.get('v1/config?since=0')).toMatchObject({ kind: 'not-modified' });
  });

  it('publishes only shared face bindings in the gallery, with a cursor', async () => {
    const bound = item(1, 'face.bound', { subject: 'S-1', template: 'AAAA', shared: true });
    const privateOne = item(2, 'face.bound', { subject: 'S-2', template: 'BBBB', shared: false });
    await t1.post('v1/batches', { terminalId: 'T-0001', items: [bound, privateOne] });
    const g1 = (await t2.get('v1/gallery')) as { body: { cursor: string; changes: unknown[] } };
    expect(g1.body.changes).toEqual([{ subject: 'S-1', op: 'put', template: 'AAAA' }]);
    await t1.post('v1/batches', { terminalId: 'T-0001', items: [item(3, 'face.unbound', { subject: 'S-1' }), item(4, 'face.unbound', { subject: 'S-2' })] });
    const g2 = (await t2.get(`v1/gallery?since=${g1.body.cursor}`)) as { body: { cursor: string; changes: unknown[] } };
    expect(g2.body.changes).toEqual([{ subject: 'S-1', op: 'delete' }]);
    expect(((await t2.get(`v1/gallery?since=${g2.body.cursor}`)) as { body: { changes: unknown[] } }).body.changes).toEqual([]);
  });

  it('seeds the same demo results for a subject every time', async () => {
    const r1 = (await t1.get('v1/results?subject=S-42')) as { body: { results: { id: string; status: string }[] } };
    expect(r1.body.results.length).toBeGreaterThanOrEqual(1);
    expect(r1.body.results[0]).toMatchObject({ status: expect.stringMatching(/ready|in-progress|rejected/), printable: expect.any(Boolean) });
    const r2 = (await t2.get('v1/results?subject=S-42')) as { body: unknown };
    expect(r2.body).toEqual(r1.body);
    expect(await t1.get('v1/results')).toMatchObject({ status: 400 });
  });

  it('stores the last heartbeat and delivers each queued command once, again only after a lost response', async () => {
    const beat = {
      terminalId: 'T-0001',
      version: '0.1.0',
      uptimeS: 5,
      devices: {},
      outbox: { pending: 0, oldestAgeS: null, dead: 0 },
      configVersion: 0,
      catalogVersion: 1,
    };
    const id = hub.store.enqueueCommand('T-0001', 'reload-config', {}, clock.now());
    hub.setFaults({ dropResponseRate: 1 });
    expect((await t1.post('v1/heartbeat', beat)).kind).toBe('network-error');
    hub.setFaults({});
    const r1 = (await t1.post('v1/heartbeat', beat)) as { body: { serverTime: number; commands: { id: string }[] } };
    expect(r1.body.commands).toEqual([{ id, type: 'reload-config', args: {} }]);
    expect(typeof r1.body.serverTime).toBe('number');
    const r2 = (await t1.post('v1/heartbeat', { ...beat, uptimeS: 65 })) as { body: { commands: unknown[] } };
    expect(r2.body.commands).toEqual([]);
    expect(hub.store.dump().heartbeats).toEqual([expect.objectContaining({ terminalId: 'T-0001', body: expect.objectContaining({ uptimeS: 65 }) })]);
  });
});

describe('daily numbering', () => {
  it('restarts numbers at the midnight of the hub hall clock and files offline tickets under the day they were issued', async () => {
    const d = tempDir('hub-');
    // 23:50 on the default hall clock (Asia/Shanghai), whatever the machine's zone.
    let now = Date.parse('2026-11-21T23:50:00+08:00');
    const clock = { now: () => now };
    const dayHub = await startReferenceHub({
      dataDir: d.dir,
      catalogFile: CATALOG_FILE,
      terminals: [{ id: 'T-0001', secret: 'secret-one-0123456789' }],
      clock,
    });
    const c = new HubClient({ url: dayHub.url, terminalId: 'T-0001', secret: 'secret-one-0123456789', clock });
    try {
      const first = (await c.post('v1/leases', { serviceCodes: ['A'], size: 10 })) as { body: { leases: { from: number; expiresAt: string }[] } };
      expect(first.body.leases[0]).toMatchObject({ from: 9001, expiresAt: '2026-11-21T16:00:00.000Z' });
      const lateTicket = item(1, 'ticket.issued', { serviceCode: 'A', number: 'A9003', sequence: 9003, issuedAt: new Date(now).toISOString() });
      now = Date.parse('2026-11-22T08:00:00+08:00');
      const second = (await c.post('v1/leases', { serviceCodes: ['A'], size: 10 })) as { body: { leases: { from: number }[] } };
      expect(second.body.leases[0]!.from).toBe(9001);
      const morningTicket = item(2, 'ticket.issued', { serviceCode: 'A', number: 'A9003', sequence: 9003, issuedAt: new Date(now).toISOString() });
      const r = (await c.post('v1/batches', { terminalId: 'T-0001', items: [lateTicket, morningTicket] })) as { body: { results: { status: string }[] } };
      expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
      expect((dayHub.store.dump().tickets as { day: string }[]).map((t) => t.day)).toEqual(['2026-11-21', '2026-11-22']);
    } finally {
      c.close();
      await dayHub.stop();
      d.cleanup();
    }
  });
});
