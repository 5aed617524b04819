import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { HUB_DB_FILE, openHubDb } from '../../hub/hub-db';
import { HubStore } from '../../hub/hub-store';
import { HUB_KEY_FILE } from '../../hub/hub-secret-files';
import { startReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { runKioskctl } from '../helpers/kioskctl';
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
