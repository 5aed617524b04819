import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../common/config/schema';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { planTerminalHub, resolveHubConnection } from '../../offline-queue/hub-connection';
import { tempDir } from '../offline-queue/helpers';
import { spawnKioskctl } from '../helpers/kioskctl';
import { makeTestCa, type TestCa } from './test-ca';

const SECRET = 'https-terminal-secret-0123';
let hub: ReferenceHub;
let ca: TestCa;
let otherCa: TestCa;
let dir: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('hub-https-'));
  ca = makeTestCa(dir, 'hall');
  otherCa = makeTestCa(dir, 'other');
  hub = await startReferenceHub({
    dataDir: path.join(dir, 'hub'),
    terminals: [{ id: 'T-0001', secret: SECRET }],
    tls: { key: ca.serverKey, cert: ca.serverCert },
  });
});
afterAll(async () => {
  await hub?.stop();
  cleanup();
});

/** Issue 12, point 9: an https hub whose certificate comes from the hall's own CA. */
describe('HubClient against an https hub signed by the hall CA', () => {
  it('without the CA the call is a network (TLS) error; with it the call succeeds', async () => {
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const untrusting = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000 });
    const trusting = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, ca: ca.caPem });
    const wrongCa = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, ca: otherCa.caPem });
    try {
      expect(await untrusting.get('v1/config')).toMatchObject({ kind: 'network-error', message: expect.stringMatching(/certificate|UNABLE_TO_GET_ISSUER/i) });
      expect(await trusting.get('v1/config')).toEqual({ kind: 'ok', status: 200, body: { version: 0, settings: {} } });
      // The CA replaces the trusted roots: a certificate from any other CA is refused.
      expect(await wrongCa.get('v1/config')).toMatchObject({ kind: 'network-error' });
    } finally {
      untrusting.close();
      trusting.close();
      wrongCa.close();
    }
  });

  it('the connection resolved from hub.caFile carries the CA (absolute or relative to the data directory)', async () => {
    const config = configSchema.parse({ production: true, terminal: { id: 'T-0001' }, hub: { url: hub.url, terminalSecret: SECRET, caFile: 'hall.pem' } });
    const connection = resolveHubConnection(config, {}, dir);
    expect(connection?.ca).toBe(ca.caPem);
    const client = new HubClient({ ...connection!, timeoutMs: 5000 });
    try {
      expect((await client.get('v1/config')).kind).toBe('ok');
    } finally {
      client.close();
    }
  });
});

describe('kioskctl hub serve --tls-key --tls-cert', () => {
  it('serves https with the given certificate', async () => {
    const child = spawnKioskctl([
      'hub',
      'serve',
      '--data',
      path.join(dir, 'served'),
      '--port',
      '0',
      '--terminal',
      `T-0001:${SECRET}`,
      '--tls-key',
      path.join(dir, 'hall-server.key'),
      '--tls-cert',
      path.join(dir, 'hall-server.pem'),
    ]);
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        let err = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /hub listening on (https:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        child.once('close', (code) => reject(new Error(`hub serve exited ${code}: ${err}`)));
      });
      const client = new HubClient({ url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000, ca: ca.caPem });
      try {
        expect((await client.get('v1/config')).kind).toBe('ok');
      } finally {
        client.close();
      }
    } finally {
      child.kill('SIGTERM');
      await closed;
    }
  });
});

describe('the hub settings in production', () => {
  const plan = (hubSettings: object, production = true) => planTerminalHub(configSchema.parse({ production, hub: hubSettings }), {}, dir);

  it('refuses an http:// hub, naming hub.url; outside production it is accepted', () => {
    expect(plan({ url: 'http://hub.example/', terminalSecret: SECRET })).toEqual({
      kind: 'not-configured',
      problem: expect.stringMatching(/^hub not configured: hub\.url must be an https:\/\/ address when "production" is true/),
    });
    expect(plan({ url: 'http://hub.example/', terminalSecret: SECRET }, false)).toMatchObject({ kind: 'configured' });
    expect(plan({ url: 'https://hub.example/', terminalSecret: SECRET })).toMatchObject({ kind: 'configured', connection: { url: 'https://hub.example/' } });
  });

  it('without hub.url there is no hub in production (never the local reference hub)', () => {
    expect(plan({})).toEqual({ kind: 'not-configured', problem: expect.stringMatching(/^hub not configured: set hub\.url/) });
    expect(plan({}, false)).toEqual({ kind: 'embedded' });
  });

  it('names hub.caFile when it cannot be read or holds no certificate', () => {
    expect(plan({ url: 'https://hub.example/', terminalSecret: SECRET, caFile: 'no-such.pem' })).toMatchObject({
      kind: 'not-configured',
      problem: expect.stringMatching(/hub\.caFile .*no-such\.pem cannot be read: ENOENT/),
    });
    writeFileSync(path.join(dir, 'garbage.pem'), 'not a certificate');
    expect(plan({ url: 'https://hub.example/', terminalSecret: SECRET, caFile: path.join(dir, 'garbage.pem') })).toMatchObject({
      kind: 'not-configured',
      problem: expect.stringMatching(/hub\.caFile .*garbage\.pem is not a PEM certificate/),
    });
  });
});
