import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../common/config/schema';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { IdCardService } from '../../main/core/devices/id-card-service';
import { createLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';

/** A device path that no machine has: opening it fails, and the failure names the transport that tried. */
const ABSENT_PATH = '/dev/hidraw-kiosk-test-absent';

/** The service with its reader in view (to read why its transport did not open). */
class InspectedIdCardService extends IdCardService {
  get reader() {
    return this.driver;
  }
}

describe('devices.idCard.kind: the HID ID card transport reached from configuration', () => {
  let dir: string | null = null;
  let core: KioskCore | null = null;
  afterEach(async () => {
    await core?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    core = null;
    dir = null;
  });

  /** A core whose config.json sets the reader's kind and port, with its ID card service. */
  async function coreWithReader(kind: 'serial' | 'hid'): Promise<InspectedIdCardService> {
    dir = mkdtempSync(path.join(os.tmpdir(), `kiosk-idcard-${kind}-`));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ devices: { idCard: { kind, port: ABSENT_PATH } } }));
    let idCard: InspectedIdCardService | null = null;
    core = createKioskCore({
      dataDir: dir,
      shell: 'headless',
      logger: createLogger({ destination: new Writable({ write: (_chunk, _e, cb) => cb() }) }),
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)),
      services: (ctx) => [(idCard = new InspectedIdCardService(ctx, (device) => ctx.config.config.devices[device].port))],
    });
    await core.start();
    return idCard!;
  }

  it('is serial unless configured, and refuses any other value naming the two it takes', () => {
    const defaults = validateConfig({});
    expect(defaults.ok && defaults.config.devices.idCard.kind).toBe('serial');
    const refused = validateConfig({ devices: { idCard: { kind: 'usb' } } });
    expect(refused.ok).toBe(false);
    const issue = refused.ok ? undefined : refused.issues.find((i) => i.path === 'devices.idCard.kind');
    expect(issue?.message).toMatch(/"serial".*"hid"/);
  });

  it('opens the configured port as a USB-HID reader when the kind is hid', async () => {
    const idCard = await coreWithReader('hid');
    await expect.poll(() => idCard.reader?.linkError?.message ?? '').toContain(`cannot open HID device HID ID card reader ${ABSENT_PATH}`);
  });

  it('opens the same port as a serial port when the kind is serial', async () => {
    const idCard = await coreWithReader('serial');
    await expect.poll(() => idCard.reader?.linkError?.message ?? '').toContain(ABSENT_PATH);
    expect(idCard.reader!.linkError!.message).not.toContain('HID');
  });
});
