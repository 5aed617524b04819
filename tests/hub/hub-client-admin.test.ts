import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient, parseRetryAfter } from '../../offline-queue/hub-client';
import { REPO_ROOT } from '../../testing/repo-root';
import { tempDir } from '../offline-queue/helpers';
import { adminHeaders, rawRequest } from './raw-request';

describe('HubClient', () => {
  it('parses Retry-After as seconds or an HTTP date, and ignores garbage', () => {
    const now = Date.parse('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('refuses a base URL that is not http(s) and a malformed terminal id', () => {
    expect(() => new HubClient({ url: 'ftp://hub/', terminalId: 'T-1', secret: 's' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => new HubClient({ url: 'not a url', terminalId: 'T-1', secret: 's' })).toThrow(/not a URL/);
    expect(() => new HubClient({ url: 'http://hub/', terminalId: 'T 1', secret: 's' })).toThrow(/terminal id/);
  });

  it('classifies a refused connection, an unreadable 200 and a 5xx with Retry-After', async () => {
    const server = http.createServer((req, res) => {
      if (req.url?.startsWith('/v1/garbage')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html>');
      } else {
        res.writeHead(503, { 'retry-after': '9', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'maintenance', message: 'back soon' }));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const client = new HubClient({ url: `http://127.0.0.1:${port}`, terminalId: 'T-1', secret: 'secret-0123456789' });
    expect(await client.get('v1/garbage')).toMatchObject({ kind: 'bad-response', status: 200 });
    expect(await client.get('v1/config')).toEqual({ kind: 'http-error', status: 503, code: 'maintenance', message: 'back soon', retryAfterMs: 9000 });
    client.close();
    await new Promise<void>((r) => server.close(() => r()));
    const gone = new HubClient({ url: `http://127.0.0.1:${port}/`, terminalId: 'T-1', secret: 'secret-0123456789', timeoutMs: 2000 });
    expect(await gone.get('v1/config')).toMatchObject({ kind: 'network-error', message: expect.stringMatching(/ECONNREFUSED/) });
    gone.close();
  });
});

describe('reference hub admin endpoints (loopback only)', () => {
  let hub: ReferenceHub;
  let cleanup: () => void;
  beforeAll(async () => {
    const d = tempDir('hub-');
    cleanup = d.cleanup;
    hub = await startReferenceHub({
      dataDir: d.dir,
      catalogFile: path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'),
      terminals: [{ id: 'T-1', secret: 'secret-0123456789' }],
    });
  });
  afterAll(async () => {
    await hub.stop();
    cleanup();
  });
  const admin = (method: string, p: string, body?: unknown) =>
    rawRequest(hub.url, method, `/admin/${p}`, { body: body === undefined ? '' : JSON.stringify(body), headers: adminHeaders(hub.adminToken) });

  it('queues commands, pushes config, publishes a validated catalog, sets faults, registers terminals', async () => {
    const cmd = await admin('POST', 'commands', { terminalId: 'T-1', type: 'reload-catalog' });
    expect(cmd).toMatchObject({ status: 200, body: { id: expect.any(String) } });
    expect(await admin('POST', 'commands', { terminalId: 'T-1', type: 'format-disk' })).toMatchObject({ status: 400 });
    expect(await admin('PUT', 'config/T-1', { settings: { ui: { voice: false } } })).toMatchObject({ status: 200, body: { version: 1 } });
    expect(await admin('PUT', 'catalog', { version: 1, services: [{ code: 'A' }] })).toMatchObject({ status: 400, body: { message: /invalid catalog/ } });
    const current = hub.store.catalog()!.body;
    expect(await admin('PUT', 'catalog', current)).toMatchObject({ status: 200, body: { version: 3 } });
    expect(await admin('POST', 'faults', { failRate: 2 })).toMatchObject({ status: 400, body: { message: /failRate must be a number from 0 to 1/ } });
    expect(await admin('POST', 'faults', { forced: [{ status: 502, count: 2 }] })).toMatchObject({ status: 200 });
    expect(await admin('POST', 'terminals', { id: 'T-2', secret: 'another-secret-0123' })).toMatchObject({ status: 200 });
    const t2 = new HubClient({ url: hub.url, terminalId: 'T-2', secret: 'another-secret-0123' });
    expect(await t2.get('v1/config')).toMatchObject({ kind: 'http-error', status: 502 });
    expect(await t2.get('v1/config')).toMatchObject({ kind: 'http-error', status: 502 });
    expect(await t2.get('v1/config')).toMatchObject({ kind: 'ok' });
    t2.close();
    const dump = await admin('GET', 'dump');
    expect(dump.body).toMatchObject({
      terminals: ['T-1', 'T-2'],
      catalogVersion: 3,
      commands: [expect.objectContaining({ type: 'reload-catalog', delivered: false })],
    });
    expect((dump.body as { commands: { args: unknown }[] }).commands[0]!.args).toBe('[hidden without --reveal]');
  });
});

describe('admin endpoints from another host', () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  it.skipIf(!external)('answer 403 to a non-loopback client', async () => {
    const d = tempDir('hub-');
    const hub = await startReferenceHub({ dataDir: d.dir, host: '0.0.0.0' });
    try {
      const r = await rawRequest(`http://${external}:${hub.port}/`, 'GET', '/admin/dump', { headers: adminHeaders(hub.adminToken) });
      expect(r).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      expect((await rawRequest(`http://127.0.0.1:${hub.port}/`, 'GET', '/admin/dump', { headers: adminHeaders(hub.adminToken) })).status).toBe(200);
    } finally {
      await hub.stop();
      d.cleanup();
    }
  });
});
