import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write';
import { HALL_KEY_FILE_NAME, KEY_FILE_NAME, SEALED_HALL_KEY_FILE_NAME, SEALED_KEY_FILE_NAME } from '../security/key-provider';
import { type KeyProvider } from '../../base/key-provider';
import { LoadedKeyProvider, readBase64KeyFile, terminalOnlyHallKeys, WITHOUT_HALL_KEY, type HallKeys } from '../security/hall-keys';

/** The part of Electron's safeStorage the provider uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

export const SAFE_STORAGE_KEY_FILE_NAME = SEALED_KEY_FILE_NAME;
export const SAFE_STORAGE_HALL_KEY_FILE_NAME = SEALED_HALL_KEY_FILE_NAME;
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
    assertSafeStorageProtects(this.options);
    this.key = existsSync(this.file) ? readSealedKeyFile(this.file, this.options.safeStorage) : this.createSealedKey();
    return this.key;
  }

  private createSealedKey(): Buffer {
    mkdirSync(this.options.dataDir, { recursive: true });
    const adopted = existsSync(this.plainKeyFile) ? readBase64KeyFile(this.plainKeyFile) : null;
    const key = adopted ?? randomBytes(32);
    writeSealedKeyFile(this.file, key, this.options.safeStorage);
    if (adopted) unlinkSync(this.plainKeyFile);
    return key;
  }
}

/**
 * The hall key under the Electron shell. A plain `hall.key` placed by the hall's IT is imported at
 * start: sealed with safeStorage into `hall.key.safestorage`, read back, and only then is the plain
 * file removed; the sealed file serves from then on. A plain `hall.key` placed again later (the hall
 * replaced its key) replaces the sealed one. Without either, the terminal's own key serves and
 * bindings are recognised on this terminal only. A hall key that cannot be used is reported in
 * `problem` (the kiosk runs without it), never thrown, except when safeStorage cannot protect keys
 * at all (SafeStorageUnavailableError, as for the data key). Call after Electron's `ready`.
 */
export function safeStorageHallKeys(options: SafeStorageKeyProviderOptions, terminalKeys: KeyProvider): HallKeys {
  const plain = path.join(options.dataDir, HALL_KEY_FILE_NAME);
  const sealed = path.join(options.dataDir, SAFE_STORAGE_HALL_KEY_FILE_NAME);
  if (!existsSync(plain) && !existsSync(sealed)) return terminalOnlyHallKeys(terminalKeys);
  assertSafeStorageProtects(options);
  const inForce = (key: Buffer, problem: string | null = null): HallKeys => ({
    keys: new LoadedKeyProvider(key, `safeStorage-sealed hall key file ${sealed}`),
    shared: true,
    problem,
  });
  let importProblem: string | null = null;
  if (existsSync(plain)) {
    try {
      const key = readBase64KeyFile(plain);
      writeSealedKeyFile(sealed, key, options.safeStorage);
      unlinkSync(plain);
      return inForce(key);
    } catch (err) {
      importProblem = `${plain} was not imported (${(err as Error).message}); it is left in place`;
    }
  }
  if (!existsSync(sealed)) return terminalOnlyHallKeys(terminalKeys, `${importProblem}; ${WITHOUT_HALL_KEY}`);
  try {
    const key = readSealedKeyFile(sealed, options.safeStorage);
    return inForce(key, importProblem && `${importProblem}; the hall key sealed earlier stays in force`);
  } catch (err) {
    return terminalOnlyHallKeys(terminalKeys, `${[importProblem, (err as Error).message].filter(Boolean).join('; ')}; ${WITHOUT_HALL_KEY}`);
  }
}

/** Refuses, saying what to do, when safeStorage cannot really protect a key on this machine. */
function assertSafeStorageProtects(options: SafeStorageKeyProviderOptions): void {
  const { safeStorage } = options;
  if (!safeStorage.isEncryptionAvailable()) {
    throw new SafeStorageUnavailableError(
      'safeStorage cannot encrypt on this machine (no OS key store is reachable), so the data key cannot be protected; ' +
        'on Linux run a keyring (gnome-keyring or KWallet) in the kiosk user session, on Windows run as a normal user profile',
    );
  }
  const platform = options.platform ?? process.platform;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend) {
    const backend = safeStorage.getSelectedStorageBackend();
    if ((backend === 'basic_text' || backend === 'unknown') && !options.allowWeakBackend) {
      throw new SafeStorageUnavailableError(
        `safeStorage uses the "${backend}" backend (no keyring: a fixed, publicly known key), so the data key would not be protected; ` +
          'run gnome-keyring or KWallet in the kiosk user session, or set KIOSK_ALLOW_WEAK_KEYSTORE=1 to accept this knowingly',
      );
    }
  }
}

function readSealedKeyFile(file: string, safeStorage: SafeStorageLike): Buffer {
  let sealed: SealedKeyFile;
  try {
    sealed = JSON.parse(readFileSync(file, 'utf8')) as SealedKeyFile;
  } catch (err) {
    throw new Error(`${file} is not a sealed key file (${(err as Error).message})`);
  }
  if (sealed?.format !== FORMAT || sealed.version !== 1 || typeof sealed.ciphertext !== 'string') {
    throw new Error(`${file} is not a sealed key file of format ${FORMAT} version 1`);
  }
  let plain: string;
  try {
    plain = safeStorage.decryptString(Buffer.from(sealed.ciphertext, 'base64'));
  } catch (err) {
    throw new Error(`${file} cannot be decrypted with this user's safeStorage (was it sealed by another user or machine?): ${(err as Error).message}`);
  }
  const key = Buffer.from(plain, 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (found ${key.length} bytes)`);
  return key;
}

/** Seals `key` into `file` (atomically, 0600) and checks that it reads back to the same key. */
function writeSealedKeyFile(file: string, key: Buffer, safeStorage: SafeStorageLike): void {
  const sealed: SealedKeyFile = { format: FORMAT, version: 1, ciphertext: safeStorage.encryptString(key.toString('base64')).toString('base64') };
  writeFileAtomic(file, JSON.stringify(sealed) + '\n', 0o600);
  // Callers remove a plain copy only after this: a sealed copy that does not read back must not be all that is left.
  if (!readSealedKeyFile(file, safeStorage).equals(key)) throw new Error(`${file} does not read back to the key just sealed`);
}
