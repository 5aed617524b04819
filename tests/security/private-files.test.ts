import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, preparePrivateDatabase, tightenDatabaseFiles } from '../../base/private-files';
import {
  CHROMIUM_PROFILE_DIR_NAME,
  preparePrivateDataDir,
  PRIVATE_MODES_MARKER,
  PRIVATE_MODES_VERSION,
  tightenPrivateTree,
} from '../../main/security/private-data-dir';
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

  it('keeps the owner’s bits of a file: a program IT placed stays executable, only group and others lose theirs', () => {
    const data = path.join(dir, 'data');
    mkdirSync(path.join(data, 'tools'), { recursive: true, mode: 0o755 });
    const script = path.join(data, 'tools', 'printer-reset.sh');
    writeFileSync(script, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    chmodSync(script, 0o755);
    const readOnly = path.join(data, 'tools', 'readme.txt');
    writeFileSync(readOnly, 'x\n');
    chmodSync(readOnly, 0o444);
    const report = tightenPrivateTree(data);
    expect(report.failed).toEqual([]);
    expect([modeOf(script), modeOf(readOnly), modeOf(path.join(data, 'tools'))]).toEqual([0o700, 0o400, 0o700]);
  });

  it('closes Chromium’s profile to others without walking its caches', () => {
    const data = path.join(dir, 'data');
    const cache = path.join(data, CHROMIUM_PROFILE_DIR_NAME, 'Default', 'Cache');
    mkdirSync(cache, { recursive: true, mode: 0o755 });
    chmodSync(path.join(data, CHROMIUM_PROFILE_DIR_NAME), 0o755);
    writeFileSync(path.join(cache, 'data_0'), 'x', { mode: 0o644 });
    const report = preparePrivateDataDir(data);
    expect(report.failed).toEqual([]);
    expect(modeOf(path.join(data, CHROMIUM_PROFILE_DIR_NAME))).toBe(0o700);
    // Not entered: nothing below the profile's own folder was looked at.
    expect(report.changed.filter((p) => p.startsWith(path.join(data, CHROMIUM_PROFILE_DIR_NAME) + path.sep))).toEqual([]);
    expect(modeOf(path.join(cache, 'data_0'))).toBe(0o644);
  });

  it('walks a data directory once per version of the walk, not at every start', () => {
    const data = path.join(dir, 'data');
    mkdirSync(path.join(data, 'logs'), { recursive: true, mode: 0o755 });
    chmodSync(path.join(data, 'logs'), 0o755);
    const first = preparePrivateDataDir(data);
    expect(first).toMatchObject({ walked: true, failed: [] });
    expect(first.changed).toContain(path.join(data, 'logs'));
    const marker = path.join(data, PRIVATE_MODES_MARKER);
    expect([readFileSync(marker, 'utf8').trim(), modeOf(marker)]).toEqual([String(PRIVATE_MODES_VERSION), 0o600]);

    // The next start does not walk: the folder itself is still made 0700, nothing else is looked at.
    chmodSync(path.join(data, 'logs'), 0o755);
    chmodSync(data, 0o755);
    expect(preparePrivateDataDir(data)).toEqual({ walked: false, changed: [data], failed: [] });
    expect([modeOf(data), modeOf(path.join(data, 'logs'))]).toEqual([0o700, 0o755]);

    // A marker from an earlier version of the walk (or none) walks again.
    writeFileSync(marker, `${PRIVATE_MODES_VERSION - 1}\n`);
    expect(preparePrivateDataDir(data)).toMatchObject({ walked: true, changed: [path.join(data, 'logs')] });
    rmSync(marker);
    expect(preparePrivateDataDir(data)).toMatchObject({ walked: true, changed: [] });
    expect(existsSync(marker)).toBe(true);
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
