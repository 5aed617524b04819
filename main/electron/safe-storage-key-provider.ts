import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../config/atomic-write';
import { KEY_FILE_NAME, SEALED_KEY_FILE_NAME, type KeyProvider } from '../security/key-provider';

/** The part of Electron's safeStorage the provider uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_KEY_FILE_NAME = SEALED_KEY_FILE_NAME;
const FORMAT = 'hall-kiosk/safestorage-key';

interface SealedKeyFile {
  format: typeof FORMAT;
  version: 1;
  /** safeStorage.encryptString(base64 of the 32-byte key), base64. */
  ciphertext: string;
}

export class SafeStorageUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafeStorageUnavailableError';
  }
}

export interface SafeStorageKeyProviderOptions {
  safeStorage: SafeStorageLike;
  /** userData (the kiosk's data directory). */
  dataDir: string;
  platform?: NodeJS.Platform;
  /**
   * Linux without a keyring falls back to the `basic_text` backend, whose key is public: the
   * data key would not really be protected. Refused unless this is set (KIOSK_ALLOW_WEAK_KEYSTORE=1).
   */
  allowWeakBackend?: boolean;
}

/**
 * The terminal's 32-byte data key, kept on disk only as safeStorage ciphertext (DPAPI on
 * Windows, the login keyring on Linux) in `kiosk.key.safestorage` in userData. Refuses, with a
 * message saying what to do, when safeStorage cannot protect it. A plain `kiosk.key` left by the
 * web shell or kioskctl is adopted (so data it encrypted stays readable) and then removed.
 * Only call getKey() after Electron's `ready`: safeStorage is not usable before.
 */
export class SafeStorageKeyProvider implements KeyProvider {
  readonly file: string;
  private readonly plainKeyFile: string;
  private key: Buffer | null = null;

  constructor(private readonly options: SafeStorageKeyProviderOptions) {
    this.file = path.join(options.dataDir, SAFE_STORAGE_KEY_FILE_NAME);
    this.plainKeyFile = path.join(options.dataDir, KEY_FILE_NAME);
  }

  get description(): string {
    return `safeStorage-sealed key file ${this.file}`;
  }

  getKey(): Buffer {
    if (this.key) return this.key;
    this.assertProtected();
    const key = existsSync(this.file) ? this.readSealedKey() : this.createSealedKey();
    this.key = key;
    return key;
  }

  private assertProtected(): void {
    const { safeStorage } = this.options;
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SafeStorageUnavailableError(
        'safeStorage cannot encrypt on this machine (no OS key store is reachable), so the data key cannot be protected; ' +
          'on Linux run a keyring (gnome-keyring or KWallet) in the kiosk user session, on Windows run as a normal user profile',
      );
    }
    const platform = this.options.platform ?? process.platform;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend) {
      const backend = safeStorage.getSelectedStorageBackend();
      if ((backend === 'basic_text' || backend === 'unknown') && !this.options.allowWeakBackend) {
        throw new SafeStorageUnavailableError(
          `safeStorage uses the "${backend}" backend (no keyring: a fixed, publicly known key), so the data key would not be protected; ` +
            'run gnome-keyring or KWallet in the kiosk user session, or set KIOSK_ALLOW_WEAK_KEYSTORE=1 to accept this knowingly',
        );
      }
    }
  }

  private readSealedKey(): Buffer {
    let sealed: SealedKeyFile;
    try {
      sealed = JSON.parse(readFileSync(this.file, 'utf8')) as SealedKeyFile;
    } catch (err) {
      throw new Error(`${this.file} is not a sealed key file (${(err as Error).message})`);
    }
    if (sealed?.format !== FORMAT || sealed.version !== 1 || typeof sealed.ciphertext !== 'string') {
      throw new Error(`${this.file} is not a sealed key file of format ${FORMAT} version 1`);
    }
    let plain: string;
    try {
      plain = this.options.safeStorage.decryptString(Buffer.from(sealed.ciphertext, 'base64'));
    } catch (err) {
      throw new Error(
        `${this.file} cannot be decrypted with this user's safeStorage (was it sealed by another user or machine?): ${(err as Error).message}`,
      );
    }
    const key = Buffer.from(plain, 'base64');
    if (key.length !== 32) throw new Error(`${this.file} does not hold a 32-byte key (found ${key.length} bytes)`);
    return key;
  }

  private createSealedKey(): Buffer {
    mkdirSync(this.options.dataDir, { recursive: true });
    const adopted = existsSync(this.plainKeyFile) ? this.readPlainKey() : null;
    const key = adopted ?? randomBytes(32);
    const sealed: SealedKeyFile = {
      format: FORMAT,
      version: 1,
      ciphertext: this.options.safeStorage.encryptString(key.toString('base64')).toString('base64'),
    };
    writeFileAtomic(this.file, JSON.stringify(sealed) + '\n', 0o600);
    // Only once the sealed copy reads back to the same key is the plain copy removed.
    if (!this.readSealedKey().equals(key)) throw new Error(`${this.file} does not read back to the key just sealed`);
    if (adopted) unlinkSync(this.plainKeyFile);
    return key;
  }

  private readPlainKey(): Buffer {
    const key = Buffer.from(readFileSync(this.plainKeyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${this.plainKeyFile} does not hold a 32-byte key (found ${key.length} bytes)`);
    return key;
  }
}
