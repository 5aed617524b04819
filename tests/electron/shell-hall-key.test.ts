import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { SAFE_STORAGE_HALL_KEY_FILE_NAME } from '../../main/electron/safe-storage-key-provider';
import { runElectronShell } from '../../main/electron/shell';
import { SubjectIdDeriver } from '../../main/face/gallery/subject-id';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { HALL_KEY_FILE_NAME } from '../../main/security/key-provider';
import { StaticKeyProvider } from '../../base/key-provider';
import { subjectKioskGives } from '../helpers/card-subject-in-kiosk';
import { createFakeElectron, type FakeElectron } from './fake-electron';

const repoAssets = path.resolve(__dirname, '..', '..', 'assets');
const resident = SAMPLE_CARDS.find((c) => c.id === 'resident')!;

let root: string;
let dataDir: string;
let fake: FakeElectron | null = null;
let booted: BootedKiosk | null = null;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-hall-key-'));
  dataDir = path.join(root, 'data');
  mkdirSync(path.join(root, 'app', 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(root, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
});

afterEach(async () => {
  if (fake && booted) {
    let done = false;
    fake.app.once('quit-done', () => (done = true));
    fake.app.quit();
    await vi.waitFor(() => expect(done || fake!.app.exitCode !== null).toBe(true), { timeout: 15_000 });
    await vi.waitFor(() => expect(existsSync(path.join(dataDir, 'logs', 'kiosk.log'))).toBe(true), { timeout: 15_000 });
  }
  fake = null;
  booted = null;
  rmSync(root, { recursive: true, force: true });
});

async function startShell(): Promise<BootedKiosk> {
  fake = createFakeElectron({ appPath: path.join(root, 'app') });
  const boot = async (options: Parameters<typeof bootKiosk>[0]) => (booted = await bootKiosk(options));
  const shell = runElectronShell(fake.modules, { env: { KIOSK_DATA_DIR: dataDir, KIOSK_ASSETS_DIR: repoAssets }, boot });
  if (!shell) throw new Error('shell did not start');
  fake.fireReady();
  await shell.ready;
  if (!booted) throw new Error(`the shell booted no core; errors: ${JSON.stringify(fake.errorBoxes)}`);
  return booted;
}

describe('the hall key under the Electron shell', () => {
  it('seals a hall.key placed by IT with safeStorage, removes the plain file, and derives subject ids from it', async () => {
    const hallKey = randomBytes(32);
    mkdirSync(dataDir, { recursive: true });
    const plain = path.join(dataDir, HALL_KEY_FILE_NAME);
    writeFileSync(plain, hallKey.toString('base64') + '\n');
    chmodSync(plain, 0o644);

    const kiosk = await startShell();
    expect(existsSync(plain)).toBe(false);
    const sealed = readFileSync(path.join(dataDir, SAFE_STORAGE_HALL_KEY_FILE_NAME), 'utf8');
    expect(sealed).not.toContain(hallKey.toString('base64'));
    expect(kiosk.hallKeys).toMatchObject({ shared: true, problem: null });
    expect(await subjectKioskGives(kiosk)).toBe(new SubjectIdDeriver(new StaticKeyProvider(hallKey)).subjectFor(resident.idNumber));
  }, 60_000);
});
