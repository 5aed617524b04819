import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { openHubDb } from '../../hub/hub-db';
import { HubStore } from '../../hub/hub-store';
import { runKioskctl, spawnKioskctl } from '../helpers/kioskctl';
import { REPO_ROOT } from '../../testing/repo-root';
import { tempDir } from './helpers';

// Each test spawns several CLI processes; on a loaded 2-core machine that takes a while.
vi.setConfig({ testTimeout: 120_000 });

const SECRET = 'cli-test-secret-0123456789';
const UUID_LINE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let hub: ReferenceHub;
const dirs: ReturnType<typeof tempDir>[] = [];
const dir = () => {
  const d = tempDir('cli-');
  dirs.push(d);
  return d.dir;
};

beforeAll(async () => {
  hub = await startReferenceHub({
    dataDir: dir(),
    catalogFile: path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'),
    terminals: [{ id: 'T-CLI', secret: SECRET }],
  });
});
afterAll(async () => {
  await hub.stop();
  dirs.forEach((d) => d.cleanup());
});

const hubFlags = () => ['--hub', hub.url, '--terminal-id', 'T-CLI', '--secret', SECRET];
const stats = async (data: string) => JSON.parse((await runKioskctl(['queue', 'stats', '--data', data, '--json'])).stdout) as Record<string, unknown>;

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kioskctl queue / sync', () => {
  it('enqueue-demo prints one committed key per line; stats and sync now see them; bad input is named', async () => {
    const data = dir();
    expect(await stats(data)).toEqual({ pending: 0, inFlight: 0, acknowledged: 0, dead: 0, oldestPendingAgeS: null, acknowledgedToday: 0 });
    const r = await runKioskctl(['queue', 'enqueue-demo', '--data', data, '--count', '3']);
    expect(r.code).toBe(0);
    const keys = r.stdout.trim().split('\n');
    expect(keys).toHaveLength(3);
    keys.forEach((k) => expect(k).toMatch(UUID_LINE));
    expect(await stats(data)).toMatchObject({ pending: 3, oldestPendingAgeS: expect.any(Number) });

    const bad = await runKioskctl(['queue', 'enqueue-demo', '--data', data, '--count', '1', '--kind', 'pizza']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--kind "pizza" is not one of/);

    const sync = await runKioskctl(['sync', 'now', '--data', data, ...hubFlags(), '--json']);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ drained: true, delivered: 3, dead: 0, pending: 0 });
    expect(await stats(data)).toMatchObject({ pending: 0, acknowledged: 3 });
    const heldKeys = (hub.store.dump().items as { key: string }[]).map((i) => i.key);
    keys.forEach((k) => expect(heldKeys).toContain(k));
  });

  it('lists dead letters with the reason and retries them', async () => {
    const data = dir();
    await runKioskctl(['queue', 'enqueue-demo', '--data', data, '--count', '1', '--kind', 'device.event']);
    hub.setFaults({ forced: [{ status: 400, count: 1, path: 'v1/batches' }] });
    expect((await runKioskctl(['sync', 'now', '--data', data, ...hubFlags()])).code).toBe(0);
    hub.setFaults({});
    const dead = await runKioskctl(['queue', 'dead', '--data', data, '--json']);
    expect(JSON.parse(dead.stdout)).toEqual([expect.objectContaining({ kind: 'device.event', reason: expect.stringMatching(/HTTP 400/) })]);
    expect((await runKioskctl(['queue', 'retry-dead', '--data', data])).stdout).toMatch(/^1 entries pending again/);
    expect((await runKioskctl(['sync', 'now', '--data', data, ...hubFlags()])).code).toBe(0);
    expect(await stats(data)).toMatchObject({ dead: 0, acknowledged: 1 });
  });

  it('sync now exits 4 with the clock-skew report when the hub refuses the credentials, 3 when unreachable', async () => {
    const data = dir();
    await runKioskctl(['queue', 'enqueue-demo', '--data', data, '--count', '1']);
    const denied = await runKioskctl([
      'sync',
      'now',
      '--data',
      data,
      '--hub',
      hub.url,
      '--terminal-id',
      'T-CLI',
      '--secret',
      'wrong-secret-0123456789',
      '--timeout-s',
      '2',
      '--json',
    ]);
    expect(denied.code).toBe(4);
    expect(JSON.parse(denied.stdout)).toMatchObject({ drained: false, authProblem: { message: 'bad signature' } });
    const down = await runKioskctl([
      'sync',
      'now',
      '--data',
      data,
      '--hub',
      'http://127.0.0.1:9/',
      '--terminal-id',
      'T-CLI',
      '--secret',
      SECRET,
      '--timeout-s',
      '2',
    ]);
    expect(down.code).toBe(3);
    expect(down.stdout).toMatch(/pending 1 \(last error: network error/);
  });
});

describe('kioskctl sync now without a configured hub', () => {
  it('delivers to the local reference hub in DATA/hub', async () => {
    const data = dir();
    const keys = (await runKioskctl(['queue', 'enqueue-demo', '--data', data, '--count', '2', '--kind', 'evaluation.created'])).stdout.trim().split('\n');
    const r = await runKioskctl(['sync', 'now', '--data', data, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ drained: true, delivered: 2 });
    const store = new HubStore(openHubDb(path.join(data, 'hub')), { demoResults: false });
    try {
      expect((store.dump().items as { key: string }[]).map((i) => i.key)).toEqual(keys);
    } finally {
      store.db.close();
    }
  });

  it('refuses a hub URL without a secret, naming the setting', async () => {
    const r = await runKioskctl(['sync', 'now', '--data', dir(), '--hub', 'http://127.0.0.1:9/']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no terminal secret: set hub.terminalSecret/);
  });
});

describe('kioskctl hub', () => {
  it('dump lists what the hub holds without payloads; command queues a heartbeat command', async () => {
    const hubData = dir();
    const store = new HubStore(openHubDb(hubData), { demoResults: false });
    store.addTerminal('T-X', 'x'.repeat(20), Date.now());
    store.storeBatch(
      'T-X',
      [
        {
          key: '0192f6c4-0000-4000-8000-000000000001',
          seq: 1,
          kind: 'submission.created',
          createdAt: new Date().toISOString(),
          payload: { serviceCode: 'A', fields: { name: '李四' } },
        },
      ],
      Date.now(),
    );
    store.db.close();
    const cmd = await runKioskctl(['hub', 'command', '--data', hubData, '--terminal', 'T-X', '--type', 'purge-subject', '--args', '{"subject":"S-1"}']);
    expect(cmd.code).toBe(0);
    const dump = await runKioskctl(['hub', 'dump', '--data', hubData, '--json']);
    const parsed = JSON.parse(dump.stdout) as { items: Record<string, unknown>[]; commands: Record<string, unknown>[] };
    expect(parsed.items).toEqual([expect.objectContaining({ seq: 1, kind: 'submission.created', terminalId: 'T-X' })]);
    expect(parsed.items[0]).not.toHaveProperty('payload');
    expect(dump.stdout).not.toContain('李四');
    expect(parsed.commands).toEqual([expect.objectContaining({ id: cmd.stdout.trim(), type: 'purge-subject', delivered: false })]);
    const revealed = await runKioskctl(['hub', 'dump', '--data', hubData, '--json', '--reveal']);
    expect(revealed.stdout).toContain('李四');
    const badCmd = await runKioskctl(['hub', 'command', '--data', hubData, '--terminal', 'T-X', '--type', 'reboot']);
    expect(badCmd.code).toBe(1);
    expect(badCmd.stderr).toMatch(/--type must be one of/);
  });

  it('serve refuses a malformed --terminal with a clear message', async () => {
    const r = await runKioskctl(['hub', 'serve', '--data', dir(), '--port', '0', '--terminal', 'T-1:short']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at least 16 characters/);
  });
});

describe('kioskctl core run', () => {
  it('runs the core headless against a hub: heartbeats, leases, delivers entries written by another process, stops on SIGTERM', async () => {
    const data = dir();
    writeFileSync(path.join(data, 'config.json'), JSON.stringify({ hub: { syncIntervalS: 1 } }));
    const child = spawnKioskctl(['core', 'run', '--data', data, ...hubFlags(), '--quiet']);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitFor('a heartbeat', () => (hub.store.dump().heartbeats as { terminalId: string }[]).some((h) => h.terminalId === 'T-CLI'));
      await waitFor('leases', () => (hub.store.dump().leases as { terminalId: string }[]).some((l) => l.terminalId === 'T-CLI'));
      const r = await runKioskctl(['queue', 'enqueue-demo', '--data', data, '--count', '2']);
      const keys = r.stdout.trim().split('\n');
      await waitFor('delivery by the running core', () => {
        const held = new Set((hub.store.dump().items as { key: string }[]).map((i) => i.key));
        return keys.every((k) => held.has(k));
      });
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
  }, 90_000);

  it('without a configured hub starts the local reference hub and talks to it', async () => {
    const data = dir();
    const child = spawnKioskctl(['core', 'run', '--data', data, '--quiet']);
    try {
      await waitFor('the embedded hub database', () => existsSync(path.join(data, 'hub', 'hub.db')));
      await waitFor('a heartbeat in the embedded hub', () => {
        const store = new HubStore(openHubDb(path.join(data, 'hub')), { demoResults: false });
        try {
          return (store.dump().heartbeats as { terminalId: string }[]).some((h) => h.terminalId === 'T-0001');
        } finally {
          store.db.close();
        }
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))).toBe(0);
  }, 90_000);
});
