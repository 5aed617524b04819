import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HALL_KEY_FILE_NAME, SEALED_HALL_KEY_FILE_NAME } from './key-provider';
import { type KeyProvider } from '../../base/key-provider';

/**
 * The key of pseudonymous subject ids and of templates shared through the hub, and whether it is
 * the hall's. The hall key (`hall.key`, the same on every terminal of a hall, placed by the hall's
 * IT) opens every shared template and derives every subject id, so it is guarded like the data key:
 * sealed with safeStorage under the Electron shell (main/electron/safe-storage-key-provider.ts),
 * required to be 0600 elsewhere (fileHallKeys). Without a usable hall key the terminal's own data
 * key serves, and face bindings are recognised on this terminal only.
 */
export interface HallKeys {
  readonly keys: KeyProvider;
  /** The hall key is in force: a shared binding is recognised at the hall's other terminals. */
  readonly shared: boolean;
  /** Why a hall key that was placed is not used (for the log and the technician); null when nothing is wrong. */
  readonly problem: string | null;
  /**
   * Keys other than `keys` that may have made the bindings face.db holds: the terminal's own key
   * while the hall key is in force (bindings made before it was placed), a hall.key refused for its
   * mode. Never used to bind or identify: only to find a citizen's bindings so that they can be
   * deleted by ID card, and only a key whose fingerprint is the one face.db recorded
   * (keyFingerprint). Absent when there is none.
   */
  readonly formerKeys?: readonly KeyProvider[];
}

/**
 * A keyed hash identifying a pseudonym key without revealing it (HMAC-SHA256 under the key itself
 * of a fixed label): face.db records the one its bindings were made under, so that a different key
 * in force is noticed instead of silently orphaning them.
 */
export function keyFingerprint(keys: KeyProvider): string {
  return 'kf1_' + createHmac('sha256', keys.getKey()).update('hall-kiosk pseudonym key fingerprint v1').digest('base64url').slice(0, 22);
}

/** A key already read and checked (the hall key, held for the life of the core). */
export class LoadedKeyProvider implements KeyProvider {
  constructor(
    private readonly key: Buffer,
    readonly description: string,
  ) {
    if (key.length !== 32) throw new Error(`${description} does not hold a 32-byte key (found ${key.length} bytes)`);
  }

  getKey(): Buffer {
    return this.key;
  }
}

/** No hall key in force: the terminal's own key serves (bindings on this terminal only). */
export function terminalOnlyHallKeys(terminalKeys: KeyProvider, problem: string | null = null, formerKeys: readonly KeyProvider[] = []): HallKeys {
  return { keys: terminalKeys, shared: false, problem, ...(formerKeys.length > 0 ? { formerKeys } : {}) };
}

/** The 32-byte key a base64 key file holds; throws naming the file otherwise. */
export function readBase64KeyFile(file: string): Buffer {
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (found ${key.length} bytes)`);
  return key;
}

/** What a terminal without a usable hall key does, for the messages that report why. */
export const WITHOUT_HALL_KEY = 'this terminal works without the hall key: face bindings made here are recognised on this terminal only';

/**
 * The hall key for the web shell and the CLI: `hall.key` in the data directory, base64, which
 * must be 0600 (or stricter). A file that group or other can read or write is refused with what to
 * run, not quietly tightened: other accounts may already have read it, and the hall's IT must know.
 * Modes are not checked on Windows, where the profile's ACLs guard the data directory.
 * Call it before the data directory is tightened at start, which would hide a loose mode.
 */
export function fileHallKeys(dataDir: string, terminalKeys: KeyProvider, platform: NodeJS.Platform = process.platform): HallKeys {
  const file = path.join(dataDir, HALL_KEY_FILE_NAME);
  const sealed = path.join(dataDir, SEALED_HALL_KEY_FILE_NAME);
  if (!existsSync(file)) {
    if (!existsSync(sealed)) return terminalOnlyHallKeys(terminalKeys);
    return terminalOnlyHallKeys(
      terminalKeys,
      `the hall key of this data directory is sealed by the Electron shell (${sealed}) and cannot be opened here; ` +
        `run the kiosk through the Electron shell, or place the hall key as ${file} (mode 0600). Until then ${WITHOUT_HALL_KEY}`,
    );
  }
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new Error(`${file} is not a regular file`);
    const loose = stats.mode & 0o077;
    if (platform !== 'win32' && loose) {
      const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
      return terminalOnlyHallKeys(
        terminalKeys,
        `${file} is mode ${mode}: other accounts on this machine can ${loose & 0o044 ? 'read' : 'change'} it, so it is refused and ${WITHOUT_HALL_KEY}. ` +
          `Run \`chmod 600 ${file}\` and restart the kiosk; if other accounts may have read it, ask the hall's IT whether the hall key must be replaced`,
        // Bindings made under it can still be found for a citizen's deletion (never used for anything else).
        refusedKeyForDeletion(file),
      );
    }
    return { keys: new LoadedKeyProvider(readBase64KeyFile(file), `hall key file ${file}`), shared: true, problem: null, formerKeys: [terminalKeys] };
  } catch (err) {
    return terminalOnlyHallKeys(terminalKeys, `${(err as Error).message}; ${WITHOUT_HALL_KEY}`);
  }
}

/** A hall.key refused for its mode, still read for deletions only; none when it cannot be read. */
function refusedKeyForDeletion(file: string): KeyProvider[] {
  try {
    return [new LoadedKeyProvider(readBase64KeyFile(file), `hall key file ${file} (refused; used only to find bindings to delete)`)];
  } catch {
    return [];
  }
}
