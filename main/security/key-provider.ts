import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenPath } from '../../base/private-files';
import type { KeyProvider } from '../../base/key-provider';

export const KEY_FILE_NAME = 'kiosk.key';
/** Where the Electron shell keeps the key sealed by safeStorage (main/electron). */
export const SEALED_KEY_FILE_NAME = 'kiosk.key.safestorage';

/** A key file (base64, mode 0600), created with a random key on first use. */
export class FileKeyProvider implements KeyProvider {
  private key: Buffer | null = null;
  readonly file: string;

  constructor(dataDir: string, fileName = KEY_FILE_NAME) {
    this.file = path.join(dataDir, fileName);
  }

  get description(): string {
    return `key file ${this.file}`;
  }

  getKey(): Buffer {
    if (this.key) return this.key;
    const sealed = path.join(path.dirname(this.file), SEALED_KEY_FILE_NAME);
    if (!existsSync(this.file) && existsSync(sealed)) {
      // A second, different key would make everything sealed under the first unreadable.
      throw new Error(
        `this data directory's key is sealed by the Electron shell (${sealed}); ` +
          'run the kiosk through the Electron shell, or point this tool at another data directory',
      );
    }
    if (existsSync(this.file)) {
      tightenPath(this.file);
      const key = Buffer.from(readFileSync(this.file, 'utf8').trim(), 'base64');
      if (key.length !== 32) throw new Error(`${this.file} does not hold a 32-byte key (found ${key.length} bytes)`);
      this.key = key;
      return key;
    }
    ensurePrivateDir(path.dirname(this.file));
    const key = randomBytes(32);
    writeFileAtomic(this.file, key.toString('base64') + '\n', PRIVATE_FILE_MODE);
    this.key = key;
    return key;
  }
}

/**
 * The hall's shared key (face subject ids and templates shared through the hub), base64, placed in
 * the data directory by the hall's IT on every terminal of the hall. How it is guarded and what
 * serves without it: main/security/hall-keys.ts.
 */
export const HALL_KEY_FILE_NAME = 'hall.key';
/** Where the Electron shell keeps the hall key sealed by safeStorage once it has imported `hall.key`. */
export const SEALED_HALL_KEY_FILE_NAME = 'hall.key.safestorage';
