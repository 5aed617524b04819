import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * File modes for the terminal's data at rest: every directory the kiosk makes is 0700 and every
 * file it writes 0600, whatever the process umask (the kiosk core is a library hosted by shells
 * and tests, so it sets modes explicitly instead of changing the process umask).
 * On Windows modes mean little (ACLs of the user's profile protect the data): these are no-ops there.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const ENFORCED = process.platform !== 'win32';

/** SQLite's companions of a database file (WAL, shared memory, rollback journal). */
export const SQLITE_COMPANION_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

function lstatOrNull(p: string): Stats | null {
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
  if (!ENFORCED) return false;
  const stats = lstatOrNull(p);
  if (!stats || !(stats.isFile() || stats.isDirectory())) return false;
  const wanted = privateModeOf(stats);
  if ((stats.mode & 0o7777) === wanted) return false;
  chmodSync(p, wanted);
  return true;
}

/**
 * Creates `dir` and its missing parents with mode 0700. A directory that already exists is left as
 * it is: it may not be the kiosk's (a caller's temp dir); the data directory tree is tightened once
 * at start by `tightenPrivateTree`.
 */
export function ensurePrivateDir(dir: string): void {
  const firstCreated = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (!firstCreated || !ENFORCED) return;
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
  if (ENFORCED) chmodSync(file, PRIVATE_FILE_MODE); // the mode above passes through the umask
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

export interface TightenReport {
  /** Whether the tree was walked (false: the data directory was already tightened by this version). */
  walked: boolean;
  /** Paths whose mode was changed. */
  changed: string[];
  /** Paths that could not be changed (not the kiosk user's), with the reason. */
  failed: { path: string; error: string }[];
}

/** Chromium's profile in the data directory (the web shell's kiosk browser). */
export const CHROMIUM_PROFILE_DIR_NAME = 'chromium-profile';

/**
 * Directories the walk tightens but does not enter: Chromium makes its profile's files 0600/0700
 * itself, and its caches hold thousands of files that would make every walk slow.
 */
const NOT_ENTERED = new Set([CHROMIUM_PROFILE_DIR_NAME]);

/**
 * One pass over a data directory (an upgrade from a version that wrote 0755/0644): every
 * directory 0700, every file without group and other bits, symlinks not followed, directories
 * that keep their own modes (Chromium's profile) tightened but not entered. A path that cannot be
 * changed is reported, not fatal; a path that vanishes meanwhile is skipped.
 */
export function tightenPrivateTree(root: string, leaveAsPlaced: readonly string[] = []): TightenReport {
  const leave = new Set(leaveAsPlaced.map((name) => path.join(root, name)));
  const report: TightenReport = { walked: ENFORCED, changed: [], failed: [] };
  if (!ENFORCED) return report;
  const visit = (p: string): void => {
    let stats: Stats | null;
    try {
      stats = lstatOrNull(p);
      if (!stats || stats.isSymbolicLink() || leave.has(p)) return;
      if (tightenPath(p)) report.changed.push(p);
    } catch (err) {
      report.failed.push({ path: p, error: (err as Error).message });
      return;
    }
    if (!stats.isDirectory() || (p !== root && NOT_ENTERED.has(path.basename(p)))) return;
    let names: string[];
    try {
      names = readdirSync(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') report.failed.push({ path: p, error: (err as Error).message });
      return;
    }
    for (const name of names) visit(path.join(p, name));
  };
  visit(root);
  return report;
}

/**
 * DATA/.private-modes holds the version of the walk that last tightened the whole directory: the
 * walk runs once per data directory (and again if a later version raises this number), not at
 * every boot; everything the kiosk writes afterwards is created private.
 */
export const PRIVATE_MODES_MARKER = '.private-modes';
export const PRIVATE_MODES_VERSION = 1;

function markedVersion(dataDir: string): number | null {
  try {
    return Number.parseInt(readFileSync(path.join(dataDir, PRIVATE_MODES_MARKER), 'utf8'), 10);
  } catch {
    return null;
  }
}

/**
 * Creates the data directory (0700) if missing, or makes it 0700, and tightens its whole tree unless
 * this version already did (`leaveAsPlaced`: names in the data directory whose mode is checked,
 * never fixed, by their owner: a key placed readable by others may already have been read). The marker is written only after a walk that changed every path it had
 * to, so a path that could not be changed is tried (and reported) again at the next start.
 */
export function preparePrivateDataDir(dataDir: string, leaveAsPlaced: readonly string[] = []): TightenReport {
  ensurePrivateDir(dataDir);
  if (!ENFORCED) return { walked: false, changed: [], failed: [] };
  if (markedVersion(dataDir) === PRIVATE_MODES_VERSION) {
    return { walked: false, changed: tightenPath(dataDir) ? [dataDir] : [], failed: [] };
  }
  const report = tightenPrivateTree(dataDir, leaveAsPlaced);
  if (report.failed.length === 0) {
    const marker = path.join(dataDir, PRIVATE_MODES_MARKER);
    try {
      replacePrivateFile(marker, `${PRIVATE_MODES_VERSION}\n`);
    } catch (err) {
      report.failed.push({ path: marker, error: `not written, the walk runs again at the next start: ${(err as Error).message}` });
    }
  }
  return report;
}
