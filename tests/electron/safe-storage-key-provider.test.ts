import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAFE_STORAGE_KEY_FILE_NAME, SafeStorageKeyProvider, SafeStorageUnavailableError } from '../../main/electron/safe-storage-key-provider';
import { KEY_FILE_NAME } from '../../main/security/key-provider';
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
    const safeStorage = { ...fakeSafeStorage(), getSelectedStorageBackend: () => { throw new Error('Linux only'); } };
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
    writeFileSync(file, JSON.stringify({ format: 'hall-kiosk/safestorage-key', version: 1, ciphertext: storage.encryptString(Buffer.alloc(16).toString('base64')).toString('base64') }));
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
