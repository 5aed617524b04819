import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openHubDb, type HubDb } from '../../hub/hub-db';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { RequestIdLedger } from '../../hub/request-id-ledger';
import { HubClient } from '../../offline-queue/hub-client';
import { REPO_ROOT } from '../helpers/kioskctl';
import { middayClock } from '../helpers/midday-clock';
import { tempDir } from '../offline-queue/helpers';
import { rawRequest, referenceSignature, signedHeaders } from './raw-request';

const SECRET = 'replay-secret-0123456789';
const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const clock = middayClock();
let hub: ReferenceHub;
let dir: string;
let cleanup: () => void;

const start = () => startReferenceHub({ dataDir: dir, catalogFile: CATALOG_FILE, terminals: [{ id: 'T-0001', secret: SECRET }], clock });

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('hub-replay-'));
  hub = await start();
});
afterEach(async () => {
  await hub.stop();
  cleanup();
});

/** A request as the terminal signed it, captured off the wire: method, target, headers and body bytes. */
function capture(method: string, wirePath: string, body: object | null) {
  const text = body === null ? '' : JSON.stringify(body);
  return { method, wirePath, body: text, headers: signedHeaders('T-0001', SECRET, method, wirePath, text, clock.now()) };
}
const send = (c: ReturnType<typeof capture>) => rawRequest(hub.url, c.method, c.wirePath, { headers: c.headers, body: c.body });
const leases = () => hub.store.dump().leases as { serviceCode: string; from: number; to: number }[];
const commands = () => hub.store.dump().commands as { id: string; delivered: boolean }[];

/** Issue 12, point 10: every signed request carries a request id the hub accepts once. */
describe('a replayed signed request', () => {
  it('lease: the second copy is refused (409) and no second block of numbers is taken, even after a hub restart', async () => {
    const lease = capture('POST', '/v1/leases', { serviceCodes: ['A'], size: 50 });
    const first = await send(lease);
    expect(first).toMatchObject({ status: 200, body: { leases: [{ serviceCode: 'A', from: 1, to: 50 }] } });

    const replay = await send(lease);
    expect(replay).toMatchObject({ status: 409, body: { error: 'replayed-request', message: expect.stringMatching(/already used by T-0001/) } });
    expect(leases()).toEqual([expect.objectContaining({ from: 1, to: 50 })]);

    // The ids are in hub.db: a restart within the window does not reopen it.
    await hub.stop();
    hub = await start();
    expect((await send(lease)).status).toBe(409);
    expect(leases()).toHaveLength(1);
    // A new request (new id) is carried out, and takes the numbers after the one block.
    expect(await send(capture('POST', '/v1/leases', { serviceCodes: ['A'], size: 50 }))).toMatchObject({ status: 200, body: { leases: [{ from: 51, to: 100 }] } });
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

describe('the request id on the wire', () => {
  it('refuses a version-1 request (no X-Request-Id), naming the protocol version', async () => {
    const h = signedHeaders('T-0001', SECRET, 'GET', '/v1/config', '', clock.now());
    delete h['X-Request-Id'];
    expect(await rawRequest(hub.url, 'GET', '/v1/config', { headers: h })).toMatchObject({ status: 401, body: { message: /x-request-id \(hub protocol version 2/ } });
  });

  it('refuses a malformed id, and an id swapped for another on a captured request (it is signed)', async () => {
    const short = signedHeaders('T-0001', SECRET, 'GET', '/v1/config', '', clock.now(), 'abc123');
    expect(await rawRequest(hub.url, 'GET', '/v1/config', { headers: short })).toMatchObject({ status: 401, body: { message: /X-Request-Id is not/ } });
    const captured = signedHeaders('T-0001', SECRET, 'GET', '/v1/config', '', clock.now());
    const swapped = { ...captured, 'X-Request-Id': 'f'.repeat(32) };
    expect(await rawRequest(hub.url, 'GET', '/v1/config', { headers: swapped })).toMatchObject({ status: 401, body: { message: 'bad signature' } });
  });

  it('records an id only once the signature holds: a forged copy cannot spend a genuine id', async () => {
    const genuine = signedHeaders('T-0001', SECRET, 'GET', '/v1/config', '', clock.now());
    const forged = { ...genuine, 'X-Signature': referenceSignature('wrong-secret-0123456789', 'GET', '/v1/config', genuine['X-Timestamp']!, genuine['X-Request-Id']!, '') };
    expect((await rawRequest(hub.url, 'GET', '/v1/config', { headers: forged })).status).toBe(401);
    expect((await rawRequest(hub.url, 'GET', '/v1/config', { headers: genuine })).status).toBe(200);
  });
});

describe('RequestIdLedger', () => {
  let db: HubDb;
  let ledgerDir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    ledgerDir = tempDir('hub-ledger-');
    db = openHubDb(ledgerDir.dir);
  });
  afterEach(() => {
    db.close();
    ledgerDir.cleanup();
  });
  const rows = () => (db.prepare('SELECT COUNT(*) AS n FROM request_ids').get() as { n: number }).n;

  it('forgets an id once its timestamp is out of the ±300 s window (the timestamp check refuses it then)', () => {
    const ledger = new RequestIdLedger(db);
    const ts = 1_000_000_000_000;
    expect(ledger.claim('T-1', 'a'.repeat(32), ts, ts)).toEqual({ kind: 'fresh' });
    expect(ledger.claim('T-1', 'a'.repeat(32), ts, ts + 300_000)).toEqual({ kind: 'replayed' });
    // Another terminal's id space is its own.
    expect(ledger.claim('T-2', 'a'.repeat(32), ts, ts)).toEqual({ kind: 'fresh' });
    ledger.prune(ts + 300_001);
    expect(rows()).toBe(0);
  });

  it('holds at most maxPerTerminal ids per terminal: beyond that, 429 until the oldest leaves the window', () => {
    const ledger = new RequestIdLedger(db, { maxPerTerminal: 3 });
    const ts = 1_000_000_000_000;
    for (let i = 0; i < 3; i++) expect(ledger.claim('T-1', String(i).repeat(32), ts + i * 1000, ts + i * 1000).kind).toBe('fresh');
    expect(ledger.claim('T-1', '7'.repeat(32), ts + 3000, ts + 3000)).toEqual({ kind: 'over-limit', retryAfterS: 297 });
    expect(ledger.claim('T-2', '7'.repeat(32), ts + 3000, ts + 3000).kind).toBe('fresh');
    expect(ledger.claim('T-1', '7'.repeat(32), ts + 300_001, ts + 300_001).kind).toBe('fresh');
    expect(rows()).toBeLessThanOrEqual(4);
  });
});
