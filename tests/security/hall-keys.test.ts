import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileHallKeys } from '../../main/security/hall-keys';
import { HALL_KEY_FILE_NAME, SEALED_HALL_KEY_FILE_NAME } from '../../main/security/key-provider';
import { StaticKeyProvider } from '../../base/key-provider';

let dataDir: string;
let file: string;
const terminalKeys = new StaticKeyProvider(randomBytes(32));
const hallKey = randomBytes(32);

/** Places hall.key as the hall's IT would, with `mode` set explicitly (the umask does not decide). */
function placeHallKey(mode: number, content = hallKey.toString('base64') + '\n'): void {
  writeFileSync(file, content);
  chmodSync(file, mode);
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-hall-key-'));
  file = path.join(dataDir, HALL_KEY_FILE_NAME);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the hall key outside the Electron shell (hall.key, 0600 required)', () => {
  it('uses a hall.key of mode 0600 (or stricter) for subject ids and shared templates', () => {
    placeHallKey(0o600);
    const hall = fileHallKeys(dataDir, terminalKeys, 'linux');
    expect(hall).toMatchObject({ shared: true, problem: null });
    expect(hall.keys.getKey().equals(hallKey)).toBe(true);
    expect(hall.keys.description).toContain(file);
    chmodSync(file, 0o400);
    expect(fileHallKeys(dataDir, terminalKeys, 'linux').keys.getKey().equals(hallKey)).toBe(true);
  });

  it('without hall.key, the terminal’s own key serves and nothing is wrong', () => {
    expect(fileHallKeys(dataDir, terminalKeys, 'linux')).toEqual({ keys: terminalKeys, shared: false, problem: null });
  });

  it.each([
    [0o644, 'read'],
    [0o640, 'read'],
    [0o604, 'read'],
    [0o620, 'change'],
  ])('refuses a hall.key of mode %s, naming the file and the chmod, and leaves the file as it was', (mode, what) => {
    placeHallKey(mode);
    const hall = fileHallKeys(dataDir, terminalKeys, 'linux');
    expect(hall.shared).toBe(false);
    expect(hall.keys).toBe(terminalKeys);
    expect(hall.problem).toContain(`${file} is mode 0${mode.toString(8)}: other accounts on this machine can ${what} it`);
    expect(hall.problem).toContain(`chmod 600 ${file}`);
    expect(hall.problem).toContain('recognised on this terminal only');
    expect(statSync(file).mode & 0o777).toBe(mode);
    expect(readFileSync(file, 'utf8').trim()).toBe(hallKey.toString('base64'));
  });

  it('does not judge modes on Windows, where the profile’s ACLs guard the data directory', () => {
    placeHallKey(0o644);
    expect(fileHallKeys(dataDir, terminalKeys, 'win32').keys.getKey().equals(hallKey)).toBe(true);
  });

  it('refuses a hall.key that does not hold a 32-byte key, naming the file', () => {
    placeHallKey(0o600, randomBytes(16).toString('base64'));
    const hall = fileHallKeys(dataDir, terminalKeys, 'linux');
    expect(hall).toMatchObject({ keys: terminalKeys, shared: false });
    expect(hall.problem).toContain(`${file} does not hold a 32-byte key (found 16 bytes)`);
  });

  it('says so when the hall key was sealed by the Electron shell and cannot be opened here', () => {
    writeFileSync(path.join(dataDir, SEALED_HALL_KEY_FILE_NAME), '{}', { mode: 0o600 });
    const hall = fileHallKeys(dataDir, terminalKeys, 'linux');
    expect(hall).toMatchObject({ keys: terminalKeys, shared: false });
    expect(hall.problem).toMatch(/sealed by the Electron shell .*hall\.key\.safestorage.*run the kiosk through the Electron shell/);
  });
});
