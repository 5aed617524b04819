import { afterEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../common/config/schema';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';

/** A HID device path that no machine has: opening it fails, and the failure names the transport tried. */
const ABSENT_HID_PATH = '/dev/hidraw-kiosk-test-absent';

describe('devices.idCard.kind: the HID ID card transport reached from configuration', () => {
  let kiosk: TestKiosk | null = null;
  afterEach(async () => {
    await kiosk?.stop();
    kiosk = null;
  });

  const idCardState = () => kiosk!.core.devices.list().find((d) => d.device === 'idCard');

  it('is serial unless configured, and refuses any other value naming the two it takes', () => {
    const defaults = validateConfig({});
    expect(defaults.ok && defaults.config.devices.idCard.kind).toBe('serial');
    const refused = validateConfig({ devices: { idCard: { kind: 'usb' } } });
    expect(refused.ok).toBe(false);
    const issue = refused.ok ? undefined : refused.issues.find((i) => i.path === 'devices.idCard.kind');
    expect(issue?.message).toMatch(/"serial".*"hid"/);
  });

  it('opens the configured port as a USB-HID reader when the kind is hid', async () => {
    kiosk = await bootTestKiosk('idcard-hid', { config: { devices: { idCard: { kind: 'hid', port: ABSENT_HID_PATH } } } });
    await expect.poll(() => idCardState()?.lastError?.message ?? '').toContain(`cannot open HID device HID ID card reader ${ABSENT_HID_PATH}`);
  });

  it('opens the same port as a serial port when the kind is serial', async () => {
    kiosk = await bootTestKiosk('idcard-serial', { config: { devices: { idCard: { kind: 'serial', port: ABSENT_HID_PATH } } } });
    await expect.poll(() => idCardState()?.lastError?.message ?? '').toContain(ABSENT_HID_PATH);
    expect(idCardState()!.lastError!.message).not.toContain('HID');
  });
});
