import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { ADMIN_TOKEN_FILE, readAdminToken } from '../../hub/hub-secret-files';
import { runKioskctl } from '../helpers/kioskctl';
import { REPO_ROOT } from '../../testing/repo-root';
import { tempDir } from '../offline-queue/helpers';
import { adminHeaders, rawRequest } from './raw-request';

/** Issue 12, point 6: the admin API needs the hub's token and refuses what a web page can send. */
describe('reference hub admin/ endpoints', () => {
  let hub: ReferenceHub;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('hub-admin-'));
    hub = await startReferenceHub({
      dataDir: dir,
      catalogFile: path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'),
      terminals: [{ id: 'T-1', secret: 'secret-0123456789' }],
    });
    // A citizen's submission on the hub: what dump?reveal=1 would hand out.
    hub.store.storeBatch(
      'T-1',
      [
        {
          key: '5b0c3c5e-3c43-4b8e-9d57-5d2c1f0b7a11',
          seq: 1,
          kind: 'submission.created',
          createdAt: new Date().toISOString(),
          payload: { serviceCode: 'A', fields: { name: 'ADMIN-TEST-CITIZEN' } },
        },
      ],
      Date.now(),
    );
  });
  afterAll(async () => {
    await hub.stop();
    cleanup();
  });
  const commandCount = () => (hub.store.dump().commands as unknown[]).length;

  it('writes a random admin token 0600 in the hub directory at first start and keeps it across restarts', async () => {
    const file = path.join(dir, ADMIN_TOKEN_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(hub.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readAdminToken(dir)).toBe(hub.adminToken);
    const other = tempDir('hub-admin-other-');
    const second = await startReferenceHub({ dataDir: other.dir });
    try {
      expect(second.adminToken).not.toBe(hub.adminToken);
      const token = second.adminToken;
      await second.stop();
      const again = await startReferenceHub({ dataDir: other.dir });
      expect(again.adminToken).toBe(token);
      await again.stop();
    } finally {
      other.cleanup();
    }
  });

  it('answers 401 without the token or with a wrong one, revealing nothing', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token' }, { authorization: `Basic ${hub.adminToken}` }];
    for (const headers of attempts) {
      const r = await rawRequest(hub.url, 'GET', '/admin/dump?reveal=1', { headers });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/Authorization: Bearer/) });
      expect(JSON.stringify(r.body)).not.toContain('ADMIN-TEST-CITIZEN');
    }
    const ok = await rawRequest(hub.url, 'GET', '/admin/dump?reveal=1', { headers: adminHeaders(hub.adminToken) });
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).toContain('ADMIN-TEST-CITIZEN');
  });

  it('refuses a request a web page could send: an Origin, Sec-Fetch-Site other than none, a form content type', async () => {
    const before = commandCount();
    const body = JSON.stringify({ terminalId: 'T-1', type: 'reload-config' });
    // What a page's <form method=post> sends to the hub: no token, a form content type, the page's origin.
    const form = await rawRequest(hub.url, 'POST', '/admin/commands', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'terminalId=T-1&type=reload-config',
    });
    expect(form).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // Even holding the token: a browser's marks refuse it.
    const withOrigin = await rawRequest(hub.url, 'POST', '/admin/commands', {
      headers: { ...adminHeaders(hub.adminToken), origin: 'http://127.0.0.1:8080' },
      body,
    });
    expect(withOrigin).toMatchObject({ status: 403, body: { message: /Origin/ } });
    const crossSite = await rawRequest(hub.url, 'GET', '/admin/dump?reveal=1', {
      headers: { ...adminHeaders(hub.adminToken), 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite).toMatchObject({ status: 403, body: { message: /Sec-Fetch-Site: cross-site/ } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await rawRequest(hub.url, 'POST', '/admin/commands', { headers: { authorization: `Bearer ${hub.adminToken}`, 'content-type': type }, body });
      expect(r, type).toMatchObject({ status: 415, body: { error: 'unsupported-media-type' } });
    }
    expect(commandCount()).toBe(before);
    const accepted = await rawRequest(hub.url, 'POST', '/admin/commands', { headers: { ...adminHeaders(hub.adminToken), 'sec-fetch-site': 'none' }, body });
    expect(accepted.status).toBe(200);
    expect(commandCount()).toBe(before + 1);
  });

  it('kioskctl hub admin-token prints the token from the hub directory', async () => {
    const r = await runKioskctl(['hub', 'admin-token', '--data', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(hub.adminToken);
    const none = tempDir('hub-admin-none-');
    try {
      const missing = await runKioskctl(['hub', 'admin-token', '--data', none.dir]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no admin token/);
    } finally {
      none.cleanup();
    }
  });
});
