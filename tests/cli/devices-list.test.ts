import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScannerEmulator } from '../../devices/emulators/scanner/scanner-emulator';
import { guessDevice } from '../../main/core/devices/device-detection';
import { runKioskctl } from '../helpers/kioskctl';

describe('kioskctl devices list', () => {
  let dir: string;
  let emulator: ScannerEmulator;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-devices-'));
    mkdirSync(path.join(dir, 'run'));
    emulator = new ScannerEmulator({ linkPath: path.join(dir, 'run', 'ttyScanner') });
    await emulator.start();
  });
  afterEach(async () => {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the terminal emulators with what they look like, as JSON and as a table', async () => {
    const json = await runKioskctl(['devices', 'list', '--data', dir, '--json']);
    expect(json.code).toBe(0);
    const devices = JSON.parse(json.stdout) as { path: string; kind: string; looksLike: string }[];
    expect(devices).toContainEqual(expect.objectContaining({ path: path.join(dir, 'run', 'ttyScanner'), kind: 'emulator', looksLike: 'scanner' }));
    const table = await runKioskctl(['devices', 'list', '--data', dir]);
    expect(table.stdout).toMatch(/ttyScanner\s+emulator\s+QR\/barcode scanner/);
  });

  it('guesses the kind of device from its name or USB vendor', () => {
    expect(guessDevice('Honeywell Imaging 1900')).toBe('scanner');
    expect(guessDevice('POS58 Thermal Printer')).toBe('printer');
    expect(guessDevice('Synjones ID card reader')).toBe('idCard');
    expect(guessDevice('USB Serial', '1eab')).toBe('scanner');
    expect(guessDevice('USB Serial', '1a86')).toBe('unknown');
  });
});
