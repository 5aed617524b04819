import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKioskCore } from '../../main/core/create-kiosk-core';
import { StaticKeyProvider } from '../../base/key-provider';
import { bootTestKiosk } from '../helpers/test-kiosk';

/** The files this process holds open under `dir` (Linux: /proc/self/fd; a deleted file reads `… (deleted)`). */
function openFilesUnder(dir: string): string[] {
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir + path.sep)) open.push(target);
    } catch {
      /* the fd closed while listing */
    }
  }
  return open;
}

/** A stopped kiosk lets go of its log file: a host that starts and stops cores does not run out of fds. */
describe.skipIf(process.platform !== 'linux')('the log file when the kiosk stops', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a booted kiosk closes kiosk.log when it stops, and a late line neither throws nor recreates its folder', async () => {
    const kiosk = await bootTestKiosk('log-closed');
    const log = path.join(kiosk.dir, 'logs', 'kiosk.log');
    const logs = path.dirname(log);
    expect(openFilesUnder(logs)).toContain(log);
    await kiosk.stop(); // removes the data directory, as every test does
    expect(openFilesUnder(logs)).toEqual([]);
    expect(() => kiosk.core.logger.info('a late line from a timer')).not.toThrow();
    expect(existsSync(kiosk.dir)).toBe(false);
  }, 60_000);

  it('a core that made its own logger closes it when it stops', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-core-log-'));
    dirs.push(dir);
    const core = createKioskCore({ dataDir: dir, shell: 'headless', keyProvider: new StaticKeyProvider(Buffer.alloc(32, 3)) });
    await core.start();
    const logs = path.join(dir, 'logs');
    expect(openFilesUnder(logs)).toContain(path.join(logs, 'kiosk.log'));
    await core.stop();
    expect(openFilesUnder(logs)).toEqual([]);
  });
});
