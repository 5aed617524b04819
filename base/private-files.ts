import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * File modes for the terminal's data at rest: every directory the kiosk makes is 0700 and every
 * file it writes 0600, whatever the process umask (the kiosk core is a library hosted by shells
 * and tests, so it sets modes explicitly instead of changing the process umask).
 * On Windows modes mean little (ACLs of the user's profile protect the data): these are no-ops there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Whether modes are set at all (not on Windows). */
export const PRIVATE_MODES_ENFORCED = process.platform !== 'win32';

/** SQLite's companions of a database file (WAL, shared memory, rollback journal). */
export const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

export function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The mode a path should have: 0700 for a directory; for a file, its owner's bits as they are
 * (a program IT placed stays executable) and none for group or others: 0644 → 0600, 0755 → 0700.
 */
function privateModeOf(stats: Stats): number {
  return stats.isDirectory() ? PRIVATE_DIR_MODE : stats.mode & 0o700;
}

/**
 * Takes group and other permissions off one regular file or directory. Anything else is left alone:
 * a symlink's target may lie outside the data directory (an emulator's /dev/pts link), a device
 * node is not the kiosk's (`--out /dev/null`), and a socket's directory already keeps others out.
 * Returns whether the mode changed.
 */
export function tightenPath(p: string): boolean {
  if (!PRIVATE_MODES_ENFORCED) return false;
  const stats = lstatOrNull(p);
  if (!stats || !(stats.isFile() || stats.isDirectory())) return false;
  const wanted = privateModeOf(stats);
  if ((stats.mode & 0o7777) === wanted) return false;
  chmodSync(p, wanted);
  return true;
}

/**
 * Creates `dir` and its missing parents with mode 0700. A directory that already exists is left as
 * it is: it may not be ours (a caller's temp dir); a data directory's tree is tightened once at start
 * by its owner.
 */
export function ensurePrivateDir(dir: string): void {
  const firstCreated = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!firstCreated || !PRIVATE_MODES_ENFORCED) return;
  // mkdir's mode passes through the umask: set it on every directory made here.
  const created = path.resolve(firstCreated);
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    chmodSync(d, PRIVATE_DIR_MODE);
    if (d === created || d === path.dirname(d)) break;
  }
}

/** Creates `file` empty with mode 0600 if it does not exist, and tightens it if it does. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  tightenPath(file);
}

/**
 * Writes `file` anew with mode 0600: an old file, or a link someone placed there, is removed first and
 * never written through (the exclusive create fails rather than follow a link put back meanwhile).
 */
export function replacePrivateFile(file: string, content: string | Uint8Array): void {
  rmSync(file, { force: true });
  writeFileSync(file, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  if (PRIVATE_MODES_ENFORCED) chmodSync(file, PRIVATE_FILE_MODE); // the mode above passes through the umask
}

/**
 * Before SQLite opens `file`: its directory made (0700), the database file created 0600 (SQLite gives
 * its -wal, -shm and -journal the database file's mode), and any companion left by an older version
 * tightened. `:memory:` and SQLite's empty temp name are left alone.
 */
export function preparePrivateDatabase(file: string): void {
  if (file === ':memory:' || file === '' || file.startsWith('file:')) return;
  ensurePrivateDir(path.dirname(file));
  ensurePrivateFile(file);
  tightenDatabaseFiles(file);
}

/** After SQLite has opened `file` (and made its -wal/-shm): the database file and its companions 0600. */
export function tightenDatabaseFiles(file: string): void {
  if (file === ':memory:' || file === '' || file.startsWith('file:')) return;
  for (const p of [file, ...SQLITE_COMPANION_SUFFIXES.map((s) => file + s)]) tightenPath(p);
}
