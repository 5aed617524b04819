import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { ConfigStore } from '../../main/config/config-store';
import { HubClient } from '../../offline-queue/hub-client';
import { HubPuller } from '../../offline-queue/hub-pulls';
import { HeartbeatService } from '../../offline-queue/heartbeat';
import { mergePushedSettings } from '../../offline-queue/pushed-settings';
import type { Outbox } from '../../offline-queue/outbox';
import { REPO_ROOT } from '../../testing/repo-root';
import { openTestOutbox, tempDir } from './helpers';

const SECRET = 'pulls-secret-0123456789';
let hub: ReferenceHub;
let outbox: Outbox;
let client: HubClient;
let config: ConfigStore;
let puller: HubPuller;
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(async () => {
  const h = tempDir('hub-');
  const t = tempDir('term-');
  hub = await startReferenceHub({
    dataDir: h.dir,
    catalogFile: path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'),
    terminals: [{ id: 'T-0001', secret: SECRET }],
  });
  outbox = openTestOutbox(t.dir);
  client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 3000 });
  config = new ConfigStore(t.dir);
  config.load();
  puller = new HubPuller({
    db: outbox.db,
    client,
    applySettings: (settings) => {
      const merged = mergePushedSettings(config.config, settings);
      if (!merged.ok) return merged.issues;
      config.replace(merged.config);
      return null;
    },
  });
  cleanups.push(async () => {
    client.close();
    outbox.close();
    await hub.stop().catch(() => undefined);
    h.cleanup();
    t.cleanup();
  });
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('catalog pulls', () => {
  it('caches the catalog, asks with since, and keeps the cache when the hub is gone', async () => {
    expect(puller.cachedCatalog()).toBeNull();
    expect(await puller.pullCatalog()).toEqual({ status: 'updated', version: 2 });
    expect(await puller.pullCatalog()).toEqual({ status: 'unchanged', version: 2 });
    await hub.stop();
    expect((await puller.pullCatalog()).status).toBe('unreachable');
    expect(puller.cachedCatalog()?.services.map((s) => s.code)).toContain('A');
  });

  it('refuses an invalid catalog and keeps the previous one', async () => {
    await puller.pullCatalog();
    hub.store.publishCatalog({ version: 3, services: [{ code: 'X' }] }, Date.now());
    const r = await puller.pullCatalog();
    expect(r).toMatchObject({ status: 'refused', version: 3 });
    expect(puller.catalogVersion()).toBe(2);
    expect(puller.cachedCatalog()?.version).toBe(2);
  });
});

describe('pushed configuration', () => {
  it('applies valid settings through the terminal schema and skips with 304 afterwards', async () => {
    hub.store.pushConfig('T-0001', { ui: { idleTimeoutS: 90 } });
    expect(await puller.pullConfig()).toEqual({ status: 'updated', version: 1 });
    expect(config.config.ui.idleTimeoutS).toBe(90);
    expect(await puller.pullConfig()).toEqual({ status: 'unchanged', version: 1 });
  });

  it('refuses invalid settings, keeps those in force and reports the refusal in the heartbeat', async () => {
    hub.store.pushConfig('T-0001', { ui: { idleTimeoutS: 5 } });
    const r = await puller.pullConfig();
    expect(r).toMatchObject({ status: 'refused', version: 1, issues: [{ path: 'ui.idleTimeoutS', message: expect.stringMatching(/at least 15/) }] });
    expect(config.config.ui.idleTimeoutS).toBe(60);
    const heartbeat = new HeartbeatService({ client, outbox, puller, intervalMs: 60_000, appVersion: '0.1.0' });
    expect(await heartbeat.beat()).toBe(true);
    const beats = hub.store.dump().heartbeats as { body: { configRefused?: { version: number } } }[];
    expect(beats[0]!.body.configRefused).toMatchObject({ version: 1, issues: [expect.objectContaining({ path: 'ui.idleTimeoutS' })] });

    hub.store.pushConfig('T-0001', { hub: { url: 'http://evil.example/' } });
    expect(await puller.pullConfig()).toMatchObject({ status: 'refused', issues: [{ path: 'hub' }] });
    hub.store.pushConfig('T-0001', { ui: { idleTimeoutS: 45 } });
    expect(await puller.pullConfig()).toEqual({ status: 'updated', version: 3 });
    expect(puller.configRefusal()).toBeNull();
    expect(config.config.ui.idleTimeoutS).toBe(45);
  });
});

describe('heartbeat', () => {
  it('reports the queue, runs each command once by id even when delivered twice, and signals reachability', async () => {
    outbox.enqueue('audit.event', { action: 'x' });
    const purged: string[] = [];
    let reachable = 0;
    const heartbeat = new HeartbeatService({
      client,
      outbox,
      puller,
      intervalMs: 60_000,
      appVersion: '0.1.0',
      devices: () => ({ printer: { state: 'ready' } }),
      onReachable: () => reachable++,
      onPurgeSubject: (s) => void purged.push(s),
    });
    const id = hub.store.enqueueCommand('T-0001', 'purge-subject', { subject: 'S-9' }, Date.now());
    hub.store.pushConfig('T-0001', { ui: { countdownS: 20 } });
    hub.store.enqueueCommand('T-0001', 'reload-config', {}, Date.now());
    expect(await heartbeat.beat()).toBe(true);
    expect(purged).toEqual(['S-9']);
    expect(config.config.ui.countdownS).toBe(20);
    expect(reachable).toBe(1);
    hub.store.db.prepare('UPDATE commands SET delivered_at = NULL WHERE id = ?').run(id);
    await heartbeat.beat();
    expect(purged).toEqual(['S-9']);
    const body = (hub.store.dump().heartbeats as { body: Record<string, unknown> }[])[0]!.body;
    expect(body).toMatchObject({
      terminalId: 'T-0001',
      version: '0.1.0',
      outbox: { pending: 1, dead: 0 },
      devices: { printer: { state: 'ready' } },
      configVersion: 1,
    });
    expect(heartbeat.status()).toMatchObject({ lastError: null, clockSkewMs: expect.any(Number) });
    await hub.stop();
    expect(await heartbeat.beat()).toBe(false);
    expect(heartbeat.status().lastError).toMatch(/network error/);
  });
});
