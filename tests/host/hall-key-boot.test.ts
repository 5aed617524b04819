import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { SubjectIdDeriver } from '../../main/face/gallery/subject-id';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { HALL_KEY_FILE_NAME } from '../../main/security/key-provider';
import { StaticKeyProvider } from '../../base/key-provider';
import { subjectKioskGives } from '../helpers/card-subject-in-kiosk';

const resident = SAMPLE_CARDS.find((c) => c.id === 'resident')!;
const hallKey = randomBytes(32);
const terminalKey = randomBytes(32);
const subjectUnder = (key: Buffer) => new SubjectIdDeriver(new StaticKeyProvider(key)).subjectFor(resident.idNumber);

let dataDir: string;
let kiosk: BootedKiosk | null = null;
afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** A kiosk (web shell / CLI path: no hall key handed in) on a data directory where IT placed hall.key with `mode`. */
async function bootWithHallKey(mode: number): Promise<BootedKiosk> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-hall-key-boot-'));
  const file = path.join(dataDir, HALL_KEY_FILE_NAME);
  writeFileSync(file, hallKey.toString('base64') + '\n');
  chmodSync(file, mode);
  kiosk = await bootKiosk({ dataDir, shell: 'headless', keyProvider: new StaticKeyProvider(terminalKey) });
  return kiosk;
}

describe('the hall key at boot outside the Electron shell', () => {
  it('derives the citizen’s subject id from a hall.key of mode 0600', async () => {
    const booted = await bootWithHallKey(0o600);
    expect(booted.hallKeys).toMatchObject({ shared: true, problem: null });
    expect(await subjectKioskGives(booted)).toBe(subjectUnder(hallKey));
  }, 60_000);

  it('refuses a hall.key others can read before tightening the data directory, logs the file and the chmod, and keeps bindings local', async () => {
    const booted = await bootWithHallKey(0o644);
    const file = path.join(dataDir, HALL_KEY_FILE_NAME);
    expect(booted.hallKeys.shared).toBe(false);
    expect(await subjectKioskGives(booted)).toBe(subjectUnder(terminalKey));
    const log = path.join(dataDir, 'logs', 'kiosk.log');
    await vi.waitFor(() => expect(readFileSync(log, 'utf8')).toContain(`chmod 600 ${file}`), { timeout: 15_000 });
    const record = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.includes('hall key:'))
      .map((line) => JSON.parse(line) as { level: unknown; msg: string })[0];
    expect(record?.msg).toContain(`${file} is mode 0644`);
    expect(record?.msg).toContain('recognised on this terminal only');
    // The data directory is still made private, but hall.key is left as IT placed it: a key others
    // could read may have been read, so it stays refused at every start until IT acts.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    await kiosk!.stop();
    kiosk = await bootKiosk({ dataDir, shell: 'headless', keyProvider: new StaticKeyProvider(terminalKey) });
    expect(kiosk.hallKeys.shared).toBe(false);
    expect(await subjectKioskGives(kiosk)).toBe(subjectUnder(terminalKey));
  }, 60_000);
});
