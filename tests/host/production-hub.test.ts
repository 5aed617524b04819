import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { tempDir } from '../offline-queue/helpers';
import { makeTestCa } from '../hub/test-ca';
import { call } from '../helpers/core-call';

async function staffToken(kiosk: TestKiosk): Promise<string> {
  return (await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' })).token;
}

/** Issue 12, points 6 and 9: a production terminal never runs the local reference hub and talks only https. */
describe('a production terminal without hub.url', () => {
  let kiosk: TestKiosk;
  let token: string;
  beforeAll(async () => {
    kiosk = await bootTestKiosk('prod-nohub', { config: { production: true } });
    token = await staffToken(kiosk);
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('boots without the embedded hub and keeps submissions in the outbox', async () => {
    expect(kiosk.hub.embedded).toBeNull();
    expect(existsSync(path.join(kiosk.dir, 'hub'))).toBe(false);
    kiosk.queue.outbox.enqueue('evaluation.created', { rating: 5 });
    const sync = await kiosk.queue.engine.syncNow();
    expect(sync.delivered).toBe(0);
    expect(kiosk.queue.outbox.stats().pending).toBe(1);
  });

  it('says "hub not configured" on the technician screen', async () => {
    const q = await call(kiosk.core, 'tech.queue', { token });
    expect(q.hub).toMatchObject({ url: null, lastError: expect.stringMatching(/^hub not configured: set hub\.url/) });
    expect(await call(kiosk.core, 'tech.hub.check', { token })).toMatchObject({ reachable: false, error: expect.stringMatching(/^hub not configured/) });
  });
});

describe('a production terminal with an http:// hub', () => {
  let kiosk: TestKiosk;
  let token: string;
  let server: http.Server;
  let requests = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      requests += 1;
      res.writeHead(503).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    kiosk = await bootTestKiosk('prod-http', { config: { production: true, hub: { url, terminalSecret: 'prod-http-secret-0123456789' } } });
    token = await staffToken(kiosk);
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('boots, sends nothing, and names hub.url', async () => {
    kiosk.queue.outbox.enqueue('evaluation.created', { rating: 4 });
    await kiosk.queue.engine.syncNow();
    await kiosk.queue.heartbeat.beat();
    expect(requests).toBe(0);
    expect(kiosk.queue.outbox.stats().pending).toBe(1);
    const q = await call(kiosk.core, 'tech.queue', { token });
    expect(q.hub).toMatchObject({ url: null, lastError: expect.stringMatching(/hub\.url must be an https:\/\/ address when "production" is true/) });
  });
});

describe('a production terminal with an https hub and the hall CA in hub.caFile', () => {
  let kiosk: TestKiosk;
  let hub: ReferenceHub;
  let certs: ReturnType<typeof tempDir>;
  const SECRET = 'prod-https-secret-0123456789';
  beforeAll(async () => {
    certs = tempDir('prod-https-ca-');
    const ca = makeTestCa(certs.dir, 'hall');
    hub = await startReferenceHub({
      dataDir: path.join(certs.dir, 'hub'),
      terminals: [{ id: 'T-PROD', secret: SECRET }],
      tls: { key: ca.serverKey, cert: ca.serverCert },
    });
    kiosk = await bootTestKiosk('prod-https', {
      config: { production: true, terminal: { id: 'T-PROD' }, hub: { url: hub.url, terminalSecret: SECRET, caFile: ca.caFile } },
    });
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    await hub?.stop();
    certs.cleanup();
  });

  it('delivers its outbox and heartbeat to the hub over TLS', async () => {
    const key = kiosk.queue.outbox.enqueue('evaluation.created', { rating: 5 });
    await expect.poll(async () => (await kiosk.queue.engine.syncNow(), kiosk.queue.outbox.stats().pending)).toBe(0);
    expect((hub.store.dump().items as { key: string }[]).map((i) => i.key)).toContain(key);
    expect(await kiosk.queue.heartbeat.beat()).toBe(true);
  });
});
