import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SAFE_STORAGE_HALL_KEY_FILE_NAME,
  SAFE_STORAGE_KEY_FILE_NAME,
  SafeStorageKeyProvider,
  SafeStorageUnavailableError,
  safeStorageHallKeys,
} from '../../main/electron/safe-storage-key-provider';
import { HALL_KEY_FILE_NAME, KEY_FILE_NAME } from '../../main/security/key-provider';
import { StaticKeyProvider } from '../../base/key-provider';
import { fakeSafeStorage } from './fake-electron';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-safestorage-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SafeStorageKeyProvider', () => {
  it('creates a 32-byte key, keeps only its sealed form on disk (0600), and reads the same key back later', () => {
    const first = new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' });
    const key = first.getKey();
    expect(key).toHaveLength(32);
    expect(first.getKey()).toBe(key);

    const file = path.join(dataDir, SAFE_STORAGE_KEY_FILE_NAME);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(key.toString('base64'));
    expect(onDisk).not.toContain(key.toString('hex'));
    expect(JSON.parse(onDisk)).toMatchObject({ format: 'hall-kiosk/safestorage-key', version: 1 });
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const later = new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' });
    expect(later.getKey().equals(key)).toBe(true);
    expect(later.description).toContain(file);
  });

  it('gives different terminals different keys', () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'kiosk-safestorage-'));
    try {
      const a = new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' }).getKey();
      const b = new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir: other, platform: 'linux' }).getKey();
      expect(a.equals(b)).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses clearly when safeStorage cannot encrypt, and writes nothing', () => {
    const provider = new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage({ available: false }), dataDir, platform: 'linux' });
    expect(() => provider.getKey()).toThrow(SafeStorageUnavailableError);
    expect(() => provider.getKey()).toThrow(/safeStorage cannot encrypt.*keyring/);
    expect(existsSync(path.join(dataDir, SAFE_STORAGE_KEY_FILE_NAME))).toBe(false);
  });

  it('refuses the basic_text backend on Linux unless told to accept it', () => {
    const weak = fakeSafeStorage({ backend: 'basic_text' });
    expect(() => new SafeStorageKeyProvider({ safeStorage: weak, dataDir, platform: 'linux' }).getKey()).toThrow(/basic_text.*KIOSK_ALLOW_WEAK_KEYSTORE=1/);
    expect(new SafeStorageKeyProvider({ safeStorage: weak, dataDir, platform: 'linux', allowWeakBackend: true }).getKey()).toHaveLength(32);
  });

  it('does not ask for a Linux backend on Windows', () => {
    const safeStorage = {
      ...fakeSafeStorage(),
      getSelectedStorageBackend: () => {
        throw new Error('Linux only');
      },
    };
    expect(new SafeStorageKeyProvider({ safeStorage, dataDir, platform: 'win32' }).getKey()).toHaveLength(32);
  });

  it('names the file when it cannot be decrypted or is not a sealed key', () => {
    const file = path.join(dataDir, SAFE_STORAGE_KEY_FILE_NAME);
    writeFileSync(file, JSON.stringify({ format: 'hall-kiosk/safestorage-key', version: 1, ciphertext: Buffer.from('garbage').toString('base64') }));
    expect(() => new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' }).getKey()).toThrow(
      new RegExp(`${SAFE_STORAGE_KEY_FILE_NAME} cannot be decrypted`),
    );
    writeFileSync(file, 'not json');
    expect(() => new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' }).getKey()).toThrow(/is not a sealed key file/);
    const storage = fakeSafeStorage();
    writeFileSync(
      file,
      JSON.stringify({
        format: 'hall-kiosk/safestorage-key',
        version: 1,
        ciphertext: storage.encryptString(Buffer.alloc(16).toString('base64')).toString('base64'),
      }),
    );
    expect(() => new SafeStorageKeyProvider({ safeStorage: storage, dataDir, platform: 'linux' }).getKey()).toThrow(/32-byte key \(found 16 bytes\)/);
  });

  it('adopts a plain key file left by the web shell, so its data stays readable, then removes the plain copy', () => {
    const plain = Buffer.alloc(32, 7);
    writeFileSync(path.join(dataDir, KEY_FILE_NAME), plain.toString('base64') + '\n', { mode: 0o600 });
    const key = new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' }).getKey();
    expect(key.equals(plain)).toBe(true);
    expect(existsSync(path.join(dataDir, KEY_FILE_NAME))).toBe(false);
    expect(new SafeStorageKeyProvider({ safeStorage: fakeSafeStorage(), dataDir, platform: 'linux' }).getKey().equals(plain)).toBe(true);
  });
});

describe('safeStorageHallKeys (the hall key under the Electron shell)', () => {
  const terminalKeys = new StaticKeyProvider(randomBytes(32));
  const plainFile = () => path.join(dataDir, HALL_KEY_FILE_NAME);
  const sealedFile = () => path.join(dataDir, SAFE_STORAGE_HALL_KEY_FILE_NAME);
  /** hall.key as the hall's IT places it; 0644 on purpose: the import does not depend on its mode. */
  const placeHallKey = (key: Buffer | string) => {
    writeFileSync(plainFile(), (typeof key === 'string' ? key : key.toString('base64')) + '\n');
    chmodSync(plainFile(), 0o644);
  };
  const options = (safeStorage = fakeSafeStorage()) => ({ safeStorage, dataDir, platform: 'linux' as const });

  it('imports a plain hall.key: sealed into its own 0600 file, the plain file removed, the same key served from then on', () => {
    const hallKey = randomBytes(32);
    placeHallKey(hallKey);
    const first = safeStorageHallKeys(options(), terminalKeys);
    expect(first).toMatchObject({ shared: true, problem: null });
    expect(first.keys.getKey().equals(hallKey)).toBe(true);
    expect(existsSync(plainFile())).toBe(false);
    const onDisk = readFileSync(sealedFile(), 'utf8');
    expect(onDisk).not.toContain(hallKey.toString('base64'));
    expect(onDisk).not.toContain(hallKey.toString('hex'));
    expect(statSync(sealedFile()).mode & 0o777).toBe(0o600);

    const later = safeStorageHallKeys(options(), terminalKeys);
    expect(later).toMatchObject({ shared: true, problem: null });
    expect(later.keys.getKey().equals(hallKey)).toBe(true);
    expect(later.keys.description).toContain(sealedFile());
  });

  it('without a hall key, the terminal’s own key serves, nothing is wrong and nothing is written', () => {
    expect(safeStorageHallKeys(options(), terminalKeys)).toEqual({ keys: terminalKeys, shared: false, problem: null });
    expect(existsSync(sealedFile())).toBe(false);
  });

  it('replaces the sealed hall key when the hall’s IT places a new hall.key', () => {
    placeHallKey(randomBytes(32));
    safeStorageHallKeys(options(), terminalKeys);
    const replacement = randomBytes(32);
    placeHallKey(replacement);
    expect(safeStorageHallKeys(options(), terminalKeys).keys.getKey().equals(replacement)).toBe(true);
    expect(existsSync(plainFile())).toBe(false);
    expect(safeStorageHallKeys(options(), terminalKeys).keys.getKey().equals(replacement)).toBe(true);
  });

  it('leaves a hall.key that holds no key in place, says why, and keeps the hall key sealed earlier', () => {
    const hallKey = randomBytes(32);
    placeHallKey(hallKey);
    safeStorageHallKeys(options(), terminalKeys);
    placeHallKey('not a key');
    const hall = safeStorageHallKeys(options(), terminalKeys);
    expect(hall.shared).toBe(true);
    expect(hall.keys.getKey().equals(hallKey)).toBe(true);
    expect(hall.problem).toMatch(new RegExp(`${plainFile()} was not imported .*32-byte key.*the hall key sealed earlier stays in force`));
    expect(existsSync(plainFile())).toBe(true);
  });

  it('runs without the hall key, saying why, when the sealed file cannot be opened by this user', () => {
    writeFileSync(sealedFile(), JSON.stringify({ format: 'hall-kiosk/safestorage-key', version: 1, ciphertext: Buffer.from('garbage').toString('base64') }));
    const hall = safeStorageHallKeys(options(), terminalKeys);
    expect(hall).toMatchObject({ keys: terminalKeys, shared: false });
    expect(hall.problem).toMatch(/hall\.key\.safestorage cannot be decrypted .*recognised on this terminal only/);
  });

  it('refuses, as for the data key, when safeStorage cannot protect it, and leaves the plain file where it is', () => {
    placeHallKey(randomBytes(32));
    expect(() => safeStorageHallKeys(options(fakeSafeStorage({ available: false })), terminalKeys)).toThrow(SafeStorageUnavailableError);
    expect(existsSync(plainFile())).toBe(true);
    expect(existsSync(sealedFile())).toBe(false);
  });
});
