import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, preparePrivateDatabase, tightenDatabaseFiles, tightenPrivateTree } from '../../main/security/private-files';
import { openOutboxDb } from '../../offline-queue/outbox-db';
import { FileKeyProvider } from '../../main/security/key-provider';
import { ConfigStore } from '../../main/config/config-store';

const modeOf = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private files under umask 022', () => {
  let previousUmask: number;
  let dir: string;
  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-private-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes every directory it creates 0700, and leaves a directory that was already there alone', () => {
    const outside = path.join(dir, 'callers-dir');
    mkdirSync(outside, { mode: 0o755 });
    ensurePrivateDir(path.join(outside, 'data', 'hub'));
    expect(modeOf(path.join(outside, 'data'))).toBe(0o700);
    expect(modeOf(path.join(outside, 'data', 'hub'))).toBe(0o700);
    expect(modeOf(outside)).toBe(0o755);
  });

  it('gives a new SQLite database and its -wal/-shm 0600 (real better-sqlite3 in WAL mode)', () => {
    const file = path.join(dir, 'data', 'outbox.db');
    const db = openOutboxDb(file);
    db.prepare('PRAGMA user_version').get();
    try {
      for (const p of [file, `${file}-wal`, `${file}-shm`]) expect({ p, mode: modeOf(p) }).toEqual({ p, mode: 0o600 });
      expect(modeOf(path.dirname(file))).toBe(0o700);
    } finally {
      db.close();
    }
  });

  it('tightens a database and companions an older version left 0644, before SQLite opens them', () => {
    const file = path.join(dir, 'forms.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (x)');
    // Keep the WAL: a second connection holds it open while the first closes.
    const holder = new Database(file);
    holder.prepare('SELECT 1').get();
    old.close();
    for (const p of [file, `${file}-wal`, `${file}-shm`]) chmodSync(p, 0o644);
    preparePrivateDatabase(file);
    for (const p of [file, `${file}-wal`, `${file}-shm`]) expect({ p, mode: modeOf(p) }).toEqual({ p, mode: 0o600 });
    holder.close();
    tightenDatabaseFiles(':memory:'); // nothing to do, nothing thrown
  });

  it('tightens a whole tree in one pass without following symlinks out of it', () => {
    const data = path.join(dir, 'data');
    mkdirSync(path.join(data, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    chmodSync(path.join(data, 'logs'), 0o755);
    writeFileSync(path.join(data, 'logs', 'kiosk.log'), 'x\n', { mode: 0o644 });
    const elsewhere = path.join(dir, 'not-the-kiosks.txt');
    writeFileSync(elsewhere, 'x\n', { mode: 0o644 });
    symlinkSync(elsewhere, path.join(data, 'link'));
    const report = tightenPrivateTree(data);
    expect(report.failed).toEqual([]);
    expect(report.changed.map((p) => path.relative(data, p)).sort()).toEqual(['', 'logs', path.join('logs', 'kiosk.log')]);
    expect([modeOf(data), modeOf(path.join(data, 'logs')), modeOf(path.join(data, 'logs', 'kiosk.log'))]).toEqual([0o700, 0o700, 0o600]);
    expect(modeOf(elsewhere)).toBe(0o644);
  });

  it('creates the key file 0600 in a 0700 directory, and tightens a key file made readable', () => {
    const data = path.join(dir, 'fresh');
    const keys = new FileKeyProvider(data);
    keys.getKey();
    expect([modeOf(data), modeOf(keys.file)]).toEqual([0o700, 0o600]);
    chmodSync(keys.file, 0o644);
    new FileKeyProvider(data).getKey();
    expect(modeOf(keys.file)).toBe(0o600);
  });

  it('creates a configuration directory 0700 with config.json 0600', () => {
    const data = path.join(dir, 'config-only');
    new ConfigStore(data).load();
    expect([modeOf(data), modeOf(path.join(data, 'config.json'))]).toEqual([0o700, 0o600]);
  });
});
