import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { signRequest } from '../../common/hub-protocol/signing';
import { HubClient } from '../../offline-queue/hub-client';
import { tempDir } from '../offline-queue/helpers';
import { rawRequest, referenceSignature, signedHeaders, signedRequest, withRid } from './raw-request';

const SECRET = 'terminal-secret-0001';
const NOW = Date.parse('2026-11-21T10:00:00Z');
let hub: ReferenceHub;
let prefixed: ReferenceHub;
const dirs: (() => void)[] = [];

beforeAll(async () => {
  const a = tempDir('hub-');
  const b = tempDir('hub-');
  dirs.push(a.cleanup, b.cleanup);
  hub = await startReferenceHub({ dataDir: a.dir, terminals: [{ id: 'T-0001', secret: SECRET }], clock: { now: () => NOW } });
  prefixed = await startReferenceHub({ dataDir: b.dir, terminals: [{ id: 'T-0001', secret: SECRET }], pathPrefix: '/hall-3/' });
});
afterAll(async () => {
  await hub.stop();
  await prefixed.stop();
  dirs.forEach((c) => c());
});

describe('HMAC signing', () => {
  it('matches the version 1 formula: METHOD\\nPATH\\nTIMESTAMP\\nSHA256HEX(BODY), lowercase hex, the request id inside PATH', () => {
    const body = '{"a":1}';
    const target = '/v1/batches?rid=0123456789abcdef0123456789abcdef';
    const sig = signRequest(SECRET, 'post', target, '1700000000000', body);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(sig).toBe(referenceSignature(SECRET, 'POST', target, '1700000000000', body));
    // GET: empty body hashes to e3b0c442...
    const get = '/v1/catalog?since=3&rid=0123456789abcdef0123456789abcdef';
    expect(signRequest(SECRET, 'GET', get, '1', '')).toBe(referenceSignature(SECRET, 'GET', get, '1', ''));
  });

  it('the client signs the path as sent, with the base-URL prefix and the query', async () => {
    const client = new HubClient({ url: prefixed.url, terminalId: 'T-0001', secret: SECRET });
    expect(client.wirePath('v1/catalog?since=0')).toBe('/hall-3/v1/catalog?since=0');
    const r = await client.get('v1/catalog?since=0');
    // no catalog published on this hub: 503 proves authentication passed
    expect(r).toMatchObject({ kind: 'http-error', status: 503 });
    const wrong = new HubClient({ url: prefixed.url.replace('/hall-3/', '/other/'), terminalId: 'T-0001', secret: SECRET });
    expect((await wrong.get('v1/config')).kind).toBe('http-error');
    client.close();
    wrong.close();
  });
});

describe('hub authentication (401 with serverTime)', () => {
  // Every request here carries a fresh request id, as the terminal's do.
  let path = withRid('/v1/config');
  const get = (headers: Record<string, string>) => rawRequest(hub.url, 'GET', path, { headers });
  beforeEach(() => {
    path = withRid('/v1/config');
  });

  it('accepts a correctly signed request', async () => {
    const r = await get(signedHeaders('T-0001', SECRET, 'GET', path, '', NOW));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ version: 0, settings: {} });
  });

  it.each([
    ['X-Terminal-Id', /missing header x-terminal-id/],
    ['X-Timestamp', /missing header x-timestamp/],
    ['X-Signature', /missing header x-signature/],
  ])('refuses a request without %s', async (name, why) => {
    const headers = signedHeaders('T-0001', SECRET, 'GET', path, '', NOW);
    delete headers[name];
    const r = await get(headers);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ error: 'unauthorized', message: expect.stringMatching(why), serverTime: NOW });
  });

  it('refuses a bad signature, an unknown terminal and a wrong secret', async () => {
    const bad = signedHeaders('T-0001', SECRET, 'GET', path, '', NOW);
    bad['X-Signature'] = bad['X-Signature']!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(await get(bad)).toMatchObject({ status: 401, body: { message: 'bad signature' } });
    expect(await get(signedHeaders('T-9999', SECRET, 'GET', path, '', NOW))).toMatchObject({ status: 401, body: { message: /unknown terminal/ } });
    path = withRid('/v1/config');
    expect(await get(signedHeaders('T-0001', 'another-secret-xxxx', 'GET', path, '', NOW))).toMatchObject({ status: 401, body: { message: 'bad signature' } });
  });

  it('accepts a timestamp exactly 300 s away and refuses 301 s, either direction', async () => {
    for (const ts of [NOW - 300_000, NOW + 300_000]) {
      const r = signedRequest('T-0001', SECRET, 'GET', '/v1/config', '', ts);
      expect((await rawRequest(hub.url, 'GET', r.wirePath, { headers: r.headers })).status).toBe(200);
    }
    for (const ts of [NOW - 301_000, NOW + 301_000]) {
      const req = signedRequest('T-0001', SECRET, 'GET', '/v1/config', '', ts);
      const r = await rawRequest(hub.url, 'GET', req.wirePath, { headers: req.headers });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ serverTime: NOW, message: /limit 300 s/ });
    }
  });

  it('refuses a body that differs from the one signed, and a query not signed', async () => {
    const body = JSON.stringify({ serviceCodes: ['A'], size: 5 });
    const lease = signedRequest('T-0001', SECRET, 'POST', '/v1/leases', body, NOW);
    const tampered = JSON.stringify({ serviceCodes: ['A'], size: 500 });
    expect(await rawRequest(hub.url, 'POST', lease.wirePath, { headers: lease.headers, body: tampered })).toMatchObject({
      status: 401,
      body: { message: 'bad signature' },
    });
    const q = signedRequest('T-0001', SECRET, 'GET', '/v1/catalog', '', NOW);
    expect((await rawRequest(hub.url, 'GET', `${q.wirePath}&since=0`, { headers: q.headers })).status).toBe(401);
  });

  it('the client reports 401 with the clock skew the server time implies', async () => {
    const client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, clock: { now: () => NOW - 400_000 } });
    const r = await client.get('v1/config');
    expect(r).toMatchObject({ kind: 'unauthorized', serverTime: NOW, skewMs: 400_000 });
    client.close();
  });
});

describe('request limits and shapes', () => {
  const post = (path: string, body: string) => {
    const r = signedRequest('T-0001', SECRET, 'POST', path, body, NOW);
    return rawRequest(hub.url, 'POST', r.wirePath, { headers: r.headers, body });
  };

  it('400 for a body that is not JSON or not of the documented shape', async () => {
    expect(await post('/v1/batches', '{not json')).toMatchObject({ status: 400, body: { error: 'bad-request' } });
    expect(await post('/v1/batches', JSON.stringify({ terminalId: 'T-0001' }))).toMatchObject({ status: 400 });
    expect(await post('/v1/batches', JSON.stringify({ terminalId: 'T-0002', items: [] }))).toMatchObject({ status: 400, body: { message: /X-Terminal-Id/ } });
    expect(await post('/v1/tickets', JSON.stringify({ key: 'nope', serviceCode: 'A' }))).toMatchObject({ status: 400 });
  });

  it('413 for more than 500 items or more than 4 MiB, storing nothing', async () => {
    const item = () => ({ key: randomUUID(), seq: 1, kind: 'audit.event', createdAt: new Date(NOW).toISOString(), payload: { action: 'x' } });
    const many = JSON.stringify({ terminalId: 'T-0001', items: Array.from({ length: 501 }, item) });
    expect(await post('/v1/batches', many)).toMatchObject({ status: 413, body: { error: 'too-large' } });
    const huge = JSON.stringify({ terminalId: 'T-0001', items: [{ ...item(), payload: { action: 'x', pad: 'y'.repeat(4 * 1024 * 1024) } }] });
    expect((await post('/v1/batches', huge)).status).toBe(413);
    expect((hub.store.dump().items as unknown[]).length).toBe(0);
  });
});
