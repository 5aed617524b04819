import { readdirSync, readFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, lstatOrNull, PRIVATE_MODES_ENFORCED, replacePrivateFile, tightenPath } from '../../base/private-files';

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
  const report: TightenReport = { walked: PRIVATE_MODES_ENFORCED, changed: [], failed: [] };
  if (!PRIVATE_MODES_ENFORCED) return report;
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
  if (!PRIVATE_MODES_ENFORCED) return { walked: false, changed: [], failed: [] };
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
