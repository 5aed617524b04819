import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import type { RpcResult } from '../../common/rpc/contract';

/** Every directory and regular file under root with its permission bits (symlinks and sockets aside: see tightenPath). */
function walk(root: string): { path: string; kind: 'dir' | 'file'; mode: number }[] {
  const out: { path: string; kind: 'dir' | 'file'; mode: number }[] = [];
  const visit = (p: string) => {
    const s = lstatSync(p);
    if (s.isDirectory()) {
      out.push({ path: path.relative(root, p) || '.', kind: 'dir', mode: s.mode & 0o777 });
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (s.isFile()) {
      out.push({ path: path.relative(root, p), kind: 'file', mode: s.mode & 0o777 });
    }
  };
  visit(root);
  return out;
}

const readableByOthers = (entries: ReturnType<typeof walk>) => entries.filter((e) => (e.mode & 0o077) !== 0).map((e) => `${e.path} ${e.mode.toString(8)}`);

const output = <T>(r: RpcResult) => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.output as T;
};

describe.skipIf(process.platform === 'win32')('data at rest is the kiosk user’s only', () => {
  let previousUmask: number;
  beforeAll(() => {
    // The umask most systems run with: without explicit modes, everything would be 0755/0644.
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });

  describe('a kiosk started in an empty directory', () => {
    let kiosk: TestKiosk;
    beforeAll(async () => {
      kiosk = await bootTestKiosk('modes');
    }, 60_000);
    afterAll(async () => kiosk?.stop());

    it('keeps every directory 0700 and every file 0600 once a citizen has been served', async () => {
      const events: string[] = [];
      const off = kiosk.core.subscribe((event) => events.push(event));
      kiosk.embedded.idCardEmulator!.emulator.place('resident');
      await expect.poll(() => events.includes('identity.changed')).toBe(true);
      off();
      // The printer answers its first status query shortly after start.
      await expect.poll(async () => output<{ available: boolean }>(await kiosk.core.invoke('ticket.availability', {})).available).toBe(true);
      const printed = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
      output(await kiosk.core.invoke('ticket.take', { serviceCode: 'A', lang: 'zh-CN' }));
      await printed;
      kiosk.core.logger.info('modes checked after a ticket');

      const entries = walk(kiosk.dir);
      const names = entries.map((e) => e.path);
      // What a citizen's visit leaves behind is all there: databases with their WAL files, logs, the printed slip.
      for (const expected of [
        'outbox.db',
        'outbox.db-wal',
        'outbox.db-shm',
        'forms.db',
        'forms.db-wal',
        'face.db',
        'face.db-wal',
        path.join('hub', 'hub.db'),
        path.join('hub', 'hub.db-wal'),
        path.join('logs', 'kiosk.log'),
        'config.json',
        'kiosk.key',
        path.join('run', 'status.json'),
      ]) {
        expect(names).toContain(expected);
      }
      expect(names.some((n) => n.startsWith(`printed${path.sep}job-`) && n.endsWith('.txt'))).toBe(true);
      expect(readableByOthers(entries)).toEqual([]);
      expect(entries.filter((e) => e.kind === 'dir').every((e) => e.mode === 0o700)).toBe(true);
      expect(entries.filter((e) => e.kind === 'file').every((e) => e.mode === 0o600)).toBe(true);
    }, 60_000);
  });

  describe('a data directory left by an earlier version', () => {
    let dir: string;
    let kiosk: BootedKiosk | undefined;
    beforeAll(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-upgrade-'));
      chmodSync(dir, 0o755);
      for (const sub of ['logs', 'hub', 'printed', 'diagnostics']) mkdirSync(path.join(dir, sub), { mode: 0o755 });
      // SQLite files as an older version made them (0644, with WAL companions), and plain files.
      for (const file of ['outbox.db', 'forms.db', path.join('hub', 'hub.db')]) {
        const db = new Database(path.join(dir, file));
        db.pragma('journal_mode = WAL');
        db.close();
        chmodSync(path.join(dir, file), 0o644);
      }
      writeFileSync(path.join(dir, 'logs', 'kiosk.log'), '{"level":30,"msg":"an older version"}\n', { mode: 0o644 });
      writeFileSync(path.join(dir, 'printed', 'job-0001.txt'), 'A001\n', { mode: 0o644 });
      writeFileSync(path.join(dir, 'diagnostics', 'bundle-old.json'), '{}\n', { mode: 0o644 });
      writeFileSync(path.join(dir, 'outbox.db-wal'), '', { mode: 0o644 });
      const before = walk(dir);
      // The starting point is what the issue found: readable by group and others.
      expect(readableByOthers(before).length).toBe(before.length);
    });
    afterAll(async () => {
      await kiosk?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is 0700/0600 throughout after the kiosk starts on it', async () => {
      kiosk = await bootKiosk({ dataDir: dir, shell: 'headless' });
      const after = walk(dir);
      expect(readableByOthers(after)).toEqual([]);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const file of [
        'outbox.db',
        'forms.db',
        path.join('hub', 'hub.db'),
        path.join('logs', 'kiosk.log'),
        path.join('printed', 'job-0001.txt'),
        path.join('diagnostics', 'bundle-old.json'),
      ]) {
        expect({ file, mode: statSync(path.join(dir, file)).mode & 0o777 }).toEqual({ file, mode: 0o600 });
      }
      for (const sub of ['logs', 'hub', 'printed', 'diagnostics']) {
        expect({ sub, mode: statSync(path.join(dir, sub)).mode & 0o777 }).toEqual({ sub, mode: 0o700 });
      }
    }, 60_000);
  });
});
