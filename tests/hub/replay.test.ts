// Over 300 lines: every replay case of the signed hub requests (request ids, windows, v1 terminals) on one real hub.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { HUB_DB_FILE, openHubDb } from '../../hub/hub-db';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { REQUEST_IDS_DB_FILE, RequestIdLedger } from '../../hub/request-id-ledger';
import { HubClient } from '../../offline-queue/hub-client';
import { runKioskctl, spawnKioskctl } from '../helpers/kioskctl';
import { REPO_ROOT } from '../../testing/repo-root';
import { middayClock } from '../helpers/midday-clock';
import { tempDir } from '../offline-queue/helpers';
import { rawRequest, referenceSignature, signedHeaders, signedRequest, withRid } from './raw-request';
import { startV1Hub } from './v1-hub';

const SECRET = 'replay-secret-0123456789';
const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const clock = middayClock();
let hub: ReferenceHub;
let dir: string;
let cleanup: () => void;

const start = (v1Terminals?: string[]) =>
  startReferenceHub({ dataDir: dir, catalogFile: CATALOG_FILE, terminals: [{ id: 'T-0001', secret: SECRET }], clock, ...(v1Terminals ? { v1Terminals } : {}) });

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('hub-replay-'));
  hub = await start();
});
afterEach(async () => {
  await hub.stop();
  cleanup();
});

/** A request as the terminal signed it, captured off the wire: method, target (with its request id), headers and body bytes. */
function capture(method: string, protocolPath: string, body: object | null, ts = clock.now()) {
  const text = body === null ? '' : JSON.stringify(body);
  return { method, body: text, ...signedRequest('T-0001', SECRET, method, protocolPath, text, ts) };
}
const send = (c: ReturnType<typeof capture>, url = hub.url) => rawRequest(url, c.method, c.wirePath, { headers: c.headers, body: c.body });
const leases = () => hub.store.dump().leases as { serviceCode: string; from: number; to: number }[];
const commands = () => hub.store.dump().commands as { id: string; delivered: boolean }[];

/** Issue 12, point 10: every signed request carries a request id the hub accepts once. */
describe('a replayed signed request', () => {
  it('lease: the second copy is refused (409) and no second block of numbers is taken, even after a hub restart', async () => {
    const lease = capture('POST', '/v1/leases', { serviceCodes: ['A'], size: 50 });
    const first = await send(lease);
    expect(first).toMatchObject({ status: 200, body: { leases: [{ serviceCode: 'A', from: 9001, to: 9050 }] } });

    const replay = await send(lease);
    expect(replay).toMatchObject({ status: 409, body: { error: 'replayed-request', message: expect.stringMatching(/already used by T-0001/) } });
    expect(leases()).toEqual([expect.objectContaining({ from: 9001, to: 9050 })]);

    // The ids are on disk: a restart within the window does not reopen it.
    await hub.stop();
    hub = await start();
    expect((await send(lease)).status).toBe(409);
    expect(leases()).toHaveLength(1);
    // A new request (new id) is carried out, and takes the numbers after the one block.
    expect(await send(capture('POST', '/v1/leases', { serviceCodes: ['A'], size: 50 }))).toMatchObject({
      status: 200,
      body: { leases: [{ from: 9051, to: 9100 }] },
    });
  });

  it('heartbeat: a replay does not take the commands waiting for the terminal', async () => {
    const beat = capture('POST', '/v1/heartbeat', { terminalId: 'T-0001', version: '1.0.0', uptimeS: 5 });
    expect(await send(beat)).toMatchObject({ status: 200, body: { commands: [] } });
    const id = hub.store.enqueueCommand('T-0001', 'reload-config', {}, clock.now());

    expect(await send(beat)).toMatchObject({ status: 409, body: { error: 'replayed-request' } });
    expect(commands()).toEqual([expect.objectContaining({ id, delivered: false })]);

    // The terminal's own next heartbeat still gets it.
    const client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, clock });
    try {
      const r = await client.post('v1/heartbeat', { terminalId: 'T-0001' });
      expect(r).toMatchObject({ kind: 'ok', body: { commands: [{ id, type: 'reload-config' }] } });
    } finally {
      client.close();
    }
  });

  it('the client sends a new request id with every request, so its own requests at the same instant all pass', async () => {
    const t = clock.now();
    const client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, clock: { now: () => t } });
    try {
      const answers = await Promise.all([client.get('v1/config'), client.get('v1/config'), client.get('v1/config')]);
      expect(answers.map((a) => a.kind)).toEqual(['ok', 'ok', 'ok']);
    } finally {
      client.close();
    }
  });
});

describe('the request id on the wire (rid= in the signed request target)', () => {
  it('is read from the query next to the protocol’s own parameters, which still work', async () => {
    const published = hub.store.catalog()!.version;
    const current = capture('GET', `/v1/catalog?since=${published}`, null);
    expect(current.wirePath).toMatch(new RegExp(`^/v1/catalog\\?since=${published}&rid=[0-9a-f]{32}$`));
    expect((await send(current)).status).toBe(304);
    expect(await send(capture('GET', '/v1/catalog?since=0', null))).toMatchObject({ status: 200, body: { version: published } });
  });

  it('refuses a malformed id and two ids (401), and an id swapped for another on a captured request (it is signed)', async () => {
    const short = withRid('/v1/config', 'abc123');
    expect(await rawRequest(hub.url, 'GET', short, { headers: signedHeaders('T-0001', SECRET, 'GET', short, '', clock.now()) })).toMatchObject({
      status: 401,
      body: { message: /rid= is not 32–128 lowercase hex/ },
    });
    const twice = withRid(withRid('/v1/config'));
    expect(await rawRequest(hub.url, 'GET', twice, { headers: signedHeaders('T-0001', SECRET, 'GET', twice, '', clock.now()) })).toMatchObject({
      status: 401,
      body: { message: /2 rid= parameters/ },
    });
    const captured = capture('GET', '/v1/config', null);
    const swapped = captured.wirePath.replace(/rid=[0-9a-f]+/, `rid=${'f'.repeat(32)}`);
    expect(await rawRequest(hub.url, 'GET', swapped, { headers: captured.headers })).toMatchObject({ status: 401, body: { message: 'bad signature' } });
  });

  it('records an id only once the signature holds: a forged copy cannot spend a genuine id', async () => {
    const genuine = capture('GET', '/v1/config', null);
    const forged = {
      ...genuine.headers,
      'X-Signature': referenceSignature('wrong-secret-0123456789', 'GET', genuine.wirePath, genuine.headers['X-Timestamp']!, ''),
    };
    expect((await rawRequest(hub.url, 'GET', genuine.wirePath, { headers: forged })).status).toBe(401);
    expect((await send(genuine)).status).toBe(200);
  });
});

/** Review of issue 12: the request id must not force a flag day between terminals and hubs. */
describe('version 1 of HUB-PROTOCOL.md on the other side', () => {
  it('this terminal talks to a hub built on version 1 alone: the rid is just one more query parameter, inside the signature', async () => {
    const v1 = await startV1Hub({ 'T-0001': SECRET }, clock);
    const client = new HubClient({ url: v1.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, clock });
    try {
      expect(await client.get('v1/catalog?since=3')).toEqual({ kind: 'not-modified', status: 304 });
      expect(await client.get('v1/catalog?since=1')).toMatchObject({ kind: 'ok', body: { version: 3 } });
      expect(await client.post('v1/heartbeat', { terminalId: 'T-0001' })).toMatchObject({ kind: 'ok', body: { commands: [] } });
      expect(v1.requests.map((r) => [r.status, r.target])).toEqual([
        [304, expect.stringMatching(/^\/v1\/catalog\?since=3&rid=[0-9a-f]{32}$/)],
        [200, expect.stringMatching(/^\/v1\/catalog\?since=1&rid=[0-9a-f]{32}$/)],
        [200, expect.stringMatching(/^\/v1\/heartbeat\?rid=[0-9a-f]{32}$/)],
      ]);
    } finally {
      client.close();
      await v1.close();
    }
  });

  it('a version 1 terminal (no rid) is refused, naming rid=, unless the hub allows it that terminal', async () => {
    const v1Request = () => rawRequest(hub.url, 'GET', '/v1/config', { headers: signedHeaders('T-0001', SECRET, 'GET', '/v1/config', '', clock.now()) });
    expect(await v1Request()).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', message: /no request id: the request target has no rid= parameter.*T-0001 is not allowed version 1 requests/ },
    });

    await hub.stop();
    hub = await start(['T-0001']);
    expect(await v1Request()).toMatchObject({ status: 200, body: { version: 0 } });
    // The allowance is for requests without an id: one with an id is still carried out once.
    const lease = capture('POST', '/v1/leases', { serviceCodes: ['A'], size: 10 });
    expect((await send(lease)).status).toBe(200);
    expect((await send(lease)).status).toBe(409);
    // And taking the id off a captured request breaks its signature.
    const stripped = lease.wirePath.replace(/\?rid=[0-9a-f]+$/, '');
    expect(await rawRequest(hub.url, 'POST', stripped, { headers: lease.headers, body: lease.body })).toMatchObject({
      status: 401,
      body: { message: 'bad signature' },
    });
    expect(leases()).toHaveLength(1);
  });
});

/** The `kioskctl hub serve` process on `dataDir`: its URL once it listens. */
async function serveHub(dataDir: string): Promise<{ url: string; child: ChildProcess; closed: Promise<number | null> }> {
  const child = spawnKioskctl(['hub', 'serve', '--data', dataDir, '--port', '0', '--terminal', `T-0001:${SECRET}`, '--catalog', CATALOG_FILE]);
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /hub listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    void closed.then((code) => reject(new Error(`hub serve exited ${code}: ${err}`)));
  });
  return { url, child, closed };
}

describe('a hub process killed (SIGKILL) and started again', () => {
  it('still refuses the ids it accepted, and refuses what was signed before its restart (503, retry)', async () => {
    const hubDir = path.join(dir, 'served');
    const first = await serveHub(hubDir);
    // Signed by a terminal whose clock runs 2 minutes ahead of the hub's (allowed: ±300 s), so
    // that only the ledger on disk, not the restart fence, can refuse its replay.
    const ahead = capture('POST', '/v1/leases', { serviceCodes: ['A'], size: 10 }, Date.now() + 120_000);
    const before = capture('POST', '/v1/leases', { serviceCodes: ['B'], size: 10 }, Date.now());
    expect((await send(ahead, first.url)).status).toBe(200);
    expect((await send(before, first.url)).status).toBe(200);
    first.child.kill('SIGKILL');
    await first.closed;

    const second = await serveHub(hubDir);
    try {
      expect(await send(ahead, second.url)).toMatchObject({ status: 409, body: { error: 'replayed-request' } });
      const late = await send(before, second.url);
      expect(late).toMatchObject({ status: 503, body: { error: 'restarted' } });
      expect(Number(late.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // The terminal's next attempt is signed after the restart: carried out.
      expect((await send(capture('POST', '/v1/leases', { serviceCodes: ['B'], size: 10 }, Date.now()), second.url)).status).toBe(200);
    } finally {
      second.child.kill('SIGTERM');
      await second.closed;
    }
    const dump = await runKioskctl(['hub', 'dump', '--data', hubDir, '--json']);
    expect(dump.code, dump.stderr).toBe(0);
    expect((JSON.parse(dump.stdout) as { leases: { serviceCode: string }[] }).leases.map((l) => l.serviceCode)).toEqual(['A', 'B', 'B']);
  }, 90_000);
});

describe('RequestIdLedger', () => {
  let ledgerDir: ReturnType<typeof tempDir>;
  const open: RequestIdLedger[] = [];
  const ledger = (now: number, options: { maxPerTerminal?: number } = {}) => {
    const l = RequestIdLedger.open(ledgerDir.dir, { now, ...options });
    open.push(l);
    return l;
  };
  const rid = (c: string) => c.repeat(32);
  const ts = 1_000_000_000_000;
  beforeEach(() => {
    ledgerDir = tempDir('hub-ledger-');
  });
  afterEach(() => {
    for (const l of open.splice(0)) l.close();
    ledgerDir.cleanup();
  });
  const rows = () => {
    const db = new Database(path.join(ledgerDir.dir, REQUEST_IDS_DB_FILE), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM request_ids').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('forgets an id once its timestamp is out of the ±300 s window (the timestamp check refuses it then)', () => {
    const l = ledger(ts);
    expect(l.claim('T-1', rid('a'), ts, ts)).toEqual({ kind: 'fresh' });
    expect(l.claim('T-1', rid('a'), ts, ts + 300_000)).toEqual({ kind: 'replayed' });
    // Another terminal's id space is its own.
    expect(l.claim('T-2', rid('a'), ts, ts)).toEqual({ kind: 'fresh' });
    expect(rows()).toBe(2);
    l.prune(ts + 300_001);
    expect(rows()).toBe(0);
    expect(l.size).toBe(0);
  });

  it('holds at most maxPerTerminal ids per terminal: beyond that, 429 until the oldest leaves the window', () => {
    const l = ledger(ts, { maxPerTerminal: 3 });
    for (let i = 0; i < 3; i++) expect(l.claim('T-1', rid(String(i)), ts + i * 1000, ts + i * 1000).kind).toBe('fresh');
    expect(l.claim('T-1', rid('7'), ts + 3000, ts + 3000)).toEqual({ kind: 'over-limit', retryAfterS: 297 });
    expect(l.claim('T-2', rid('7'), ts + 3000, ts + 3000).kind).toBe('fresh');
    expect(l.claim('T-1', rid('7'), ts + 300_001, ts + 300_001).kind).toBe('fresh');
    expect(l.size).toBeLessThanOrEqual(4);
  });

  it('prepares its statements once, at open: a claim runs one prepared write, in its own file beside hub.db', () => {
    openHubDb(ledgerDir.dir).close();
    const l = ledger(ts);
    const prepare = vi.spyOn(Database.prototype, 'prepare');
    const transaction = vi.spyOn(Database.prototype, 'transaction');
    try {
      for (let i = 0; i < 200; i++) expect(l.claim('T-1', randomBytes(16).toString('hex'), ts, ts + i).kind).toBe('fresh');
      expect(prepare).not.toHaveBeenCalled();
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      prepare.mockRestore();
      transaction.mockRestore();
    }
    expect(rows()).toBe(200);
    const hubDb = new Database(path.join(ledgerDir.dir, HUB_DB_FILE), { readonly: true });
    try {
      expect(hubDb.prepare("SELECT name FROM sqlite_master WHERE name = 'request_ids'").all()).toEqual([]);
    } finally {
      hubDb.close();
    }
  });

  it('after an unclean stop: the ids on disk are refused again, and what was signed before the restart is refused', () => {
    const crashed = ledger(ts);
    expect(crashed.claim('T-1', rid('a'), ts, ts).kind).toBe('fresh');
    expect(crashed.claim('T-1', rid('b'), ts + 200_000, ts).kind).toBe('fresh'); // a terminal clock 200 s ahead
    // `crashed` is never closed: the hub died with it open.
    const restarted = ledger(ts + 5000);
    expect(restarted.restartFence).toBe(ts + 5000);
    expect(restarted.claim('T-1', rid('a'), ts, ts + 5000)).toEqual({ kind: 'before-restart', restartedAt: ts + 5000, retryAfterS: 5 });
    expect(restarted.claim('T-1', rid('c'), ts + 4000, ts + 5000)).toMatchObject({ kind: 'before-restart' });
    expect(restarted.claim('T-1', rid('b'), ts + 200_000, ts + 5000)).toEqual({ kind: 'replayed' });
    expect(restarted.claim('T-1', rid('d'), ts + 5000, ts + 5000)).toEqual({ kind: 'fresh' });
    restarted.close();
    // A clean stop leaves no fence.
    expect(ledger(ts + 6000).restartFence).toBeNull();
  });
});
