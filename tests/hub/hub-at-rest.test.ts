import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { HUB_DB_FILE, openHubDb } from '../../hub/hub-db';
import { HubStore } from '../../hub/hub-store';
import { HUB_KEY_FILE } from '../../hub/hub-secret-files';
import { startReferenceHub } from '../../hub/reference-hub';
import { openKioskHub } from '../../main/host/embedded-hub';
import { configSchema } from '../../common/config/schema';
import { HubClient } from '../../offline-queue/hub-client';
import { runKioskctl } from '../helpers/kioskctl';
import { REPO_ROOT } from '../../testing/repo-root';
import { tempDir } from '../offline-queue/helpers';

const SECRET = 'at-rest-terminal-secret-7f3a9c';
const CITIZEN = 'ZHANG-SANFENG-AT-REST';
const ID_NUMBER = '110101199003078515';
let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('hub-at-rest-'));
});
afterEach(() => cleanup());

/** Every byte SQLite keeps for the hub: the database, its WAL and its journal. */
function hubDbBytes(): string {
  return ['', '-wal', '-shm', '-journal']
    .map((suffix) => path.join(dir, HUB_DB_FILE + suffix))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('\n');
}

const submission = () => ({
  key: randomUUID(),
  seq: 1,
  kind: 'submission.created',
  createdAt: new Date().toISOString(),
  payload: { serviceCode: 'A', fields: { name: CITIZEN, idNumber: ID_NUMBER, address: 'HAIDIAN-ROAD-88' } },
});

/** Issue 12, point 7 (the hub's part): hub.db holds submission payloads and terminal secrets sealed. */
describe('hub.db at rest', () => {
  it('holds no payload plaintext and no terminal secret; dump --reveal still shows the payload', async () => {
    const hub = await startReferenceHub({ dataDir: dir, terminals: [{ id: 'T-0001', secret: SECRET }] });
    const client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000 });
    const item = submission();
    try {
      const r = await client.post('v1/batches', { terminalId: 'T-0001', items: [item] });
      expect(r).toMatchObject({ kind: 'ok', body: { results: [{ key: item.key, status: 'accepted' }] } });
    } finally {
      client.close();
      await hub.stop();
    }
    expect(statSync(path.join(dir, HUB_KEY_FILE)).mode & 0o777).toBe(0o600);

    const bytes = hubDbBytes();
    for (const clear of [CITIZEN, ID_NUMBER, 'HAIDIAN-ROAD-88', SECRET]) expect(bytes).not.toContain(clear);
    const db = new Database(path.join(dir, HUB_DB_FILE), { readonly: true });
    try {
      const row = db.prepare('SELECT typeof(payload) AS type, payload FROM items WHERE key = ?').get(item.key) as { type: string; payload: Buffer };
      expect(row.type).toBe('blob');
      expect(row.payload.toString('latin1')).not.toContain(CITIZEN);
      const terminal = db.prepare('SELECT typeof(secret) AS type, secret FROM terminals').get() as { type: string; secret: Buffer };
      expect(terminal.type).toBe('blob');
      expect(terminal.secret.toString('latin1')).not.toContain(SECRET);
    } finally {
      db.close();
    }

    const dump = await runKioskctl(['hub', 'dump', '--data', dir, '--json', '--reveal']);
    expect(dump.code, dump.stderr).toBe(0);
    expect(JSON.parse(dump.stdout)).toMatchObject({ items: [{ key: item.key, payload: item.payload }] });
    const hidden = await runKioskctl(['hub', 'dump', '--data', dir, '--json']);
    expect(hidden.stdout).not.toContain(CITIZEN);
  });

  it('seals what an older hub.db holds in clear when it is opened, leaving no clear copy in the file', async () => {
    // An older hub wrote plaintext rows.
    const legacy = openHubDb(dir);
    const item = submission();
    legacy.prepare('INSERT INTO terminals (id, secret, added_at) VALUES (?, ?, ?)').run('T-OLD', SECRET, 1);
    legacy
      .prepare('INSERT INTO items (key, terminal_id, seq, kind, created_at, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(item.key, 'T-OLD', 1, item.kind, item.createdAt, JSON.stringify(item.payload), 1);
    legacy.pragma('wal_checkpoint(TRUNCATE)');
    legacy.close();
    expect(hubDbBytes()).toContain(CITIZEN);

    const store = new HubStore(openHubDb(dir), { demoResults: false });
    try {
      expect(store.secretOf('T-OLD')).toBe(SECRET);
      expect(store.dump(true)).toMatchObject({ items: [{ key: item.key, payload: item.payload }] });
    } finally {
      store.db.close();
    }
    const bytes = hubDbBytes();
    for (const clear of [CITIZEN, ID_NUMBER, SECRET]) expect(bytes).not.toContain(clear);
  });

  it('refuses to open a sealed value moved to another row (the key or terminal is bound to it)', () => {
    const store = new HubStore(openHubDb(dir), { demoResults: false });
    try {
      store.addTerminal('T-A', SECRET, 1);
      store.addTerminal('T-B', 'another-secret-0123456789', 1);
      store.db.prepare("UPDATE terminals SET secret = (SELECT secret FROM terminals WHERE id = 'T-A') WHERE id = 'T-B'").run();
      expect(() => store.secretOf('T-B')).toThrow(/failed authentication/);
    } finally {
      store.db.close();
    }
  });
});

/** Review of issue 12: hub.key beside hub.db is never silently replaced. */
describe('a lost or wrong hub.key', () => {
  /** A hub that has stored a submission and a terminal secret (both sealed), then stopped. */
  async function usedHub(): Promise<ReturnType<typeof submission>> {
    const hub = await startReferenceHub({ dataDir: dir, terminals: [{ id: 'T-0001', secret: SECRET }] });
    const item = submission();
    hub.store.storeBatch('T-0001', [item], Date.now());
    await hub.stop();
    return item;
  }
  const keyFile = () => path.join(dir, HUB_KEY_FILE);

  it('the hub and kioskctl refuse to make a new key while hub.db holds sealed rows, naming the missing file; nothing is lost', async () => {
    const item = await usedHub();
    const aside = path.join(dir, 'hub.key.backup');
    renameSync(keyFile(), aside);

    await expect(startReferenceHub({ dataDir: dir })).rejects.toThrow(
      `${keyFile()} is missing, and ${path.join(dir, HUB_DB_FILE)} holds 2 row(s) sealed with it`,
    );
    expect(existsSync(keyFile())).toBe(false);
    for (const args of [
      ['hub', 'dump', '--data', dir, '--json', '--reveal'],
      ['hub', 'command', '--data', dir, '--terminal', 'T-0001', '--type', 'reload-config'],
      ['hub', 'serve', '--data', dir, '--port', '0'],
    ]) {
      const r = await runKioskctl(args);
      expect(r.code, `kioskctl ${args.join(' ')}`).toBe(1);
      expect(r.stderr).toContain(`${keyFile()} is missing`);
      expect(existsSync(keyFile())).toBe(false);
    }

    // The key put back opens everything as before.
    renameSync(aside, keyFile());
    const dump = await runKioskctl(['hub', 'dump', '--data', dir, '--json', '--reveal']);
    expect(dump.code, dump.stderr).toBe(0);
    expect(JSON.parse(dump.stdout)).toMatchObject({ items: [{ key: item.key, payload: item.payload }] });
  }, 90_000);

  it('refuses another hub’s key at open, naming it, rather than failing on the first request', async () => {
    await usedHub();
    const other = tempDir('hub-other-');
    try {
      await (await startReferenceHub({ dataDir: other.dir, terminals: [{ id: 'T-0001', secret: SECRET }] })).stop();
      copyFileSync(path.join(other.dir, HUB_KEY_FILE), keyFile());
    } finally {
      other.cleanup();
    }
    await expect(startReferenceHub({ dataDir: dir })).rejects.toThrow(`${keyFile()} does not open the rows`);
  });

  it('makes a key for a hub.db with nothing sealed in it (a new hub)', async () => {
    openHubDb(dir).close();
    const hub = await startReferenceHub({ dataDir: dir });
    await hub.stop();
    expect(existsSync(keyFile())).toBe(true);
  });

  it('the kiosk whose local hub lost its key boots without a hub and says why', async () => {
    const data = path.join(dir, 'kiosk-data');
    const config = configSchema.parse({});
    const assetsDir = path.join(REPO_ROOT, 'assets');
    const first = await openKioskHub({ config, dataDir: data, assetsDir });
    expect(first.embedded).not.toBeNull();
    await first.stop();
    renameSync(path.join(data, 'hub', HUB_KEY_FILE), path.join(dir, 'lost.key'));

    const again = await openKioskHub({ config, dataDir: data, assetsDir });
    await again.stop();
    expect(again.embedded).toBeNull();
    expect(again.connection).toEqual({
      problem: expect.stringMatching(
        new RegExp(`^hub not configured: the local reference hub cannot start: .*${path.join('hub', HUB_KEY_FILE).replace(/[.\\/]/g, '\\$&')} is missing`),
      ),
    });
    expect(existsSync(path.join(data, 'hub', HUB_KEY_FILE))).toBe(false);
  });

  it('kioskctl hub dump pointed at a directory without hub.db says so and creates nothing', async () => {
    const empty = path.join(dir, 'not-a-hub');
    mkdirSync(empty);
    const r = await runKioskctl(['hub', 'dump', '--data', empty, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no hub.db in ${empty}`);
    expect(readdirSync(empty)).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('a read-only hub.key loses group and other bits and stays read-only (the data directory rule)', async () => {
    await usedHub();
    chmodSync(keyFile(), 0o440);
    const hub = await startReferenceHub({ dataDir: dir });
    await hub.stop();
    expect(statSync(keyFile()).mode & 0o777).toBe(0o400);
  });
});
