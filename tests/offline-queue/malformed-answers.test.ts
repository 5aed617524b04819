import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HubClient } from '../../offline-queue/hub-client';
import { HeartbeatService } from '../../offline-queue/heartbeat';
import { HubPuller } from '../../offline-queue/hub-pulls';
import type { Outbox } from '../../offline-queue/outbox';
import { SyncEngine } from '../../offline-queue/sync-engine';
import { TicketIssuer } from '../../offline-queue/ticket-issuer';
import { REPO_ROOT } from '../../testing/repo-root';
import { capturingLogger, MALFORMED_BODIES, startCannedHub, type CannedHub } from './canned-hub';
import { openTestOutbox, tempDir } from './helpers';

/**
 * Issue 12: every hub answer the terminal reads is parsed with its protocol schema. A 200 whose
 * body does not fit is the hub being unavailable — the lease serves, a batch is retried, a pull
 * keeps the cache — and the paths at fault (not the values) are logged for the technician.
 */

const json = (v: unknown) => JSON.stringify(v);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();
const issuedAt = () => new Date().toISOString();
const validTicket = () => ({ number: 'A023', waitingAhead: 7, issuedAt: issuedAt() });

let hub: CannedHub;
let outbox: Outbox;
let client: HubClient;
let log: ReturnType<typeof capturingLogger>;
let cleanupDir: () => void;

beforeEach(async () => {
  hub = await startCannedHub();
  const d = tempDir('term-');
  cleanupDir = d.cleanup;
  outbox = openTestOutbox(d.dir);
  client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: 'malformed-secret-0123456789', timeoutMs: 5000 });
  log = capturingLogger();
});
afterEach(async () => {
  client.close();
  outbox.close();
  await hub.close();
  cleanupDir();
});

const entries = (kind: string) =>
  (outbox.db.prepare('SELECT key FROM outbox WHERE kind = ? ORDER BY seq').all(kind) as { key: string }[]).map((r) => outbox.get(r.key)!);
const warnings = (call: string) => log.records.filter((r) => r.call === call && r.level === 40);

describe('POST v1/tickets answered 200 with a malformed body', () => {
  const cases: [string, string | undefined][] = [
    ...MALFORMED_BODIES,
    ['number of the wrong type', json({ number: 23, waitingAhead: 7, issuedAt: issuedAt() })],
    ['waitingAhead as text', json({ number: 'A023', waitingAhead: '7', issuedAt: issuedAt() })],
    ['issuedAt not a date-time', json({ number: 'A023', issuedAt: 'SECRET-VALUE-4711' })],
    ['issuedAt missing', json({ number: 'A023', waitingAhead: 7 })],
    ['extra nesting', json({ ticket: validTicket() })],
  ];

  it.each(cases)('%s: the ticket comes from the lease, the same key is asked again, and the hub is told to cancel it', async (_name, body) => {
    hub.answer('v1/leases', 200, json({ leases: [{ serviceCode: 'A', from: 900, to: 949, prefix: 'A', expiresAt: tomorrow() }] }));
    const issuer = new TicketIssuer({ outbox, client, logger: log.logger, retryDelaysMs: [5, 5] });
    expect(await issuer.ensureLeases(['A'])).toEqual([]);
    hub.answer('v1/tickets', 200, body);

    const ticket = await issuer.issue({ serviceCode: 'A' });
    await issuer.settled();

    expect(ticket).toMatchObject({ mode: 'offline', number: 'A900', serviceCode: 'A', waitingAhead: null });
    const asked = hub.requests.filter((r) => r.path === 'v1/tickets').map((r) => (JSON.parse(r.body) as { key: string }).key);
    expect(asked).toHaveLength(3);
    expect(new Set(asked).size).toBe(1);
    expect(entries('ticket.issued').map((e) => e.payload)).toEqual([expect.objectContaining({ source: 'offline', number: 'A900', sequence: 900 })]);
    expect(entries('ticket.abandoned').map((e) => e.payload)).toEqual([expect.objectContaining({ ticketKey: asked[0], serviceCode: 'A', replacedBy: 'A900' })]);
    expect(warnings('POST v1/tickets').length).toBe(3);
    expect(warnings('POST v1/tickets')[0]!.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.any(String), problem: expect.any(String) })]),
    );

    // The same hub answering properly numbers the next ticket itself.
    hub.answer('v1/tickets', 200, json(validTicket()));
    expect(await issuer.issue({ serviceCode: 'A' })).toMatchObject({ mode: 'online', number: 'A023', waitingAhead: 7 });
  });

  it('logs where the answer is wrong, never what it held', async () => {
    hub.answer('v1/leases', 200, json({ leases: [{ serviceCode: 'A', from: 900, to: 949, prefix: 'A', expiresAt: tomorrow() }] }));
    hub.answer('v1/tickets', 200, json({ number: -271828, issuedAt: 'SECRET-VALUE-271828', subject: '110101199003074578' }));
    const issuer = new TicketIssuer({ outbox, client, logger: log.logger, retryDelaysMs: [] });
    await issuer.ensureLeases(['A']);
    expect((await issuer.issue({ serviceCode: 'A' })).mode).toBe('offline');
    expect(warnings('POST v1/tickets')[0]!.issues).toEqual([
      { path: 'number', problem: expect.stringMatching(/expected string/) },
      { path: 'issuedAt', problem: expect.stringMatching(/datetime/i) },
    ]);
    expect(log.text()).not.toMatch(/SECRET-VALUE|-271828|110101199003074578/);
  });
});

describe('POST v1/leases answered 200 with a malformed body', () => {
  const lease = { serviceCode: 'A', from: 900, to: 949, prefix: 'A', expiresAt: tomorrow() };
  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['from as text', json({ leases: [{ ...lease, from: '900' }] })],
    ['a block ending before it starts', json({ leases: [{ ...lease, to: 899 }] })],
    ['expiresAt missing', json({ leases: [{ serviceCode: 'A', from: 900, to: 949, prefix: 'A' }] })],
    ['leases not a list', json({ leases: lease })],
    ['extra nesting', json({ data: { leases: [lease] } })],
  ])('%s: no number is leased, and the service is reported without numbers', async (_name, body) => {
    hub.answer('v1/leases', 200, body);
    const issuer = new TicketIssuer({ outbox, client, logger: log.logger });
    expect(await issuer.ensureLeases(['A'])).toEqual(['A']);
    expect(issuer.leases()).toEqual([]);
    expect(warnings('POST v1/leases')).toHaveLength(1);
  });
});

describe('POST v1/batches answered 200 with a malformed body', () => {
  it.each<[string, (keys: string[]) => string | undefined]>([
    ...MALFORMED_BODIES.map(([name, body]): [string, () => string | undefined] => [name, () => body]),
    ['a rejection without its reason', (keys) => json({ results: keys.map((key) => ({ key, status: 'rejected' })) })],
    ['an unknown status', (keys) => json({ results: keys.map((key) => ({ key, status: 'gone' })) })],
    ['keys of the wrong type', (keys) => json({ results: keys.map((_k, i) => ({ key: i, status: 'accepted' })) })],
    ['results not a list', (keys) => json({ results: { key: keys[0], status: 'accepted' } })],
    ['extra nesting', (keys) => json({ data: { results: keys.map((key) => ({ key, status: 'accepted' })) } })],
  ])('%s: the entries stay pending, none is dead-lettered, and the batch is retried with backoff', async (_name, answer) => {
    const keys = [outbox.enqueue('audit.event', { action: 'a' }), outbox.enqueue('audit.event', { action: 'b' })];
    hub.answer('v1/batches', 200, answer(keys));
    const engine = new SyncEngine({ outbox, client, intervalMs: 60_000, logger: log.logger, backoff: { baseMs: 1000, capMs: 1000 } });

    const run = await engine.syncNow();

    expect(run).toMatchObject({ delivered: 0, dead: 0, drained: false, error: expect.stringMatching(/does not fit the protocol/) });
    expect(outbox.stats()).toMatchObject({ pending: 2, inFlight: 0, dead: 0, acknowledged: 0 });
    expect(outbox.deadEntries()).toEqual([]);
    expect(engine.status()).toMatchObject({ consecutiveFailures: 1, nextAttemptAt: expect.any(String) });
    expect(warnings('POST v1/batches')).toHaveLength(1);

    hub.answer('v1/batches', 200, json({ results: keys.map((key) => ({ key, status: 'accepted' })) }));
    expect(await engine.syncNow()).toMatchObject({ delivered: 2, dead: 0, drained: true, error: null });
  });
});

describe('POST v1/heartbeat answered 200 with a malformed body', () => {
  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['serverTime as text', json({ serverTime: 'now', commands: [] })],
    ['a command without args', json({ serverTime: Date.now(), commands: [{ id: 'c-1', type: 'purge-subject' }] })],
    ['commands not a list', json({ serverTime: Date.now(), commands: { id: 'c-1', type: 'reload-config', args: {} } })],
    ['extra nesting', json({ heartbeat: { serverTime: Date.now(), commands: [] } })],
  ])('%s: counted as no answer — no command runs and the hub is not reported reachable', async (_name, body) => {
    hub.answer('v1/heartbeat', 200, body);
    const puller = new HubPuller({ db: outbox.db, client, logger: log.logger });
    let reachable = 0;
    const heartbeat = new HeartbeatService({
      client,
      outbox,
      puller,
      intervalMs: 60_000,
      appVersion: '0.1.0',
      logger: log.logger,
      onReachable: () => reachable++,
    });

    expect(await heartbeat.beat()).toBe(false);

    expect(reachable).toBe(0);
    expect(heartbeat.status()).toMatchObject({ lastOkAt: null, lastError: expect.stringMatching(/does not fit the protocol/) });
    expect(outbox.db.prepare('SELECT COUNT(*) AS n FROM executed_commands').get()).toEqual({ n: 0 });
    expect(warnings('POST v1/heartbeat')).toHaveLength(1);
  });
});

describe('GET v1/catalog and v1/config answered 200 with a malformed body', () => {
  const catalog = JSON.parse(readFileSync(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'), 'utf8')) as { version: number };

  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['version as text', json({ ...catalog, version: '9' })],
    ['services not a list', json({ version: 9, services: {} })],
    ['extra nesting', json({ catalog: { ...catalog, version: 9 } })],
  ])('catalog, %s: the hub counts as unreachable and the cached catalog stays', async (_name, body) => {
    const puller = new HubPuller({ db: outbox.db, client, logger: log.logger });
    hub.answer('v1/catalog', 200, json(catalog));
    expect(await puller.pullCatalog()).toEqual({ status: 'updated', version: catalog.version });
    hub.answer('v1/catalog', 200, body);

    expect(await puller.pullCatalog(true)).toEqual({ status: 'unreachable', error: expect.stringMatching(/does not fit the protocol/) });
    expect(puller.cachedCatalog()?.version).toBe(catalog.version);
    expect(warnings('GET v1/catalog')).toHaveLength(1);
  });

  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['settings a list', json({ version: 2, settings: [] })],
    ['version not an integer', json({ version: 2.5, settings: {} })],
    ['settings missing', json({ version: 2 })],
    ['extra nesting', json({ config: { version: 2, settings: {} } })],
  ])('config, %s: the hub counts as unreachable; the settings in force stay and nothing is reported refused', async (_name, body) => {
    const applied: unknown[] = [];
    const puller = new HubPuller({ db: outbox.db, client, logger: log.logger, applySettings: (settings) => (applied.push(settings), null) });
    hub.answer('v1/config', 200, json({ version: 1, settings: { ui: { idleTimeoutS: 90 } } }));
    expect(await puller.pullConfig()).toEqual({ status: 'updated', version: 1 });
    hub.answer('v1/config', 200, body);

    expect(await puller.pullConfig(true)).toEqual({ status: 'unreachable', error: expect.stringMatching(/does not fit the protocol/) });
    expect(applied).toHaveLength(1);
    expect(puller.cachedSettings()).toEqual({ ui: { idleTimeoutS: 90 } });
    expect(puller.configVersion()).toBe(1);
    expect(puller.configRefusal()).toBeNull();
    expect(warnings('GET v1/config')).toHaveLength(1);
  });
});
