import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ScannerEmulator } from '../../../devices/emulators/scanner/scanner-emulator';
import { Scanner, type Scan, type ScannerStatus } from '../../../devices/scanner/scanner';
import { ScanLineDecoder } from '../../../devices/scanner/scan-line-decoder';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { requestJsonLine } from '../../../devices/emulators/json-line-socket';
import { runKioskctl, spawnKioskctl } from '../../helpers/kioskctl';
import { nextEvent } from '../../helpers/next-event';

describe('scanner through a real pty', () => {
  let dir: string;
  let link: string;
  let emulator: ScannerEmulator;
  let scanner: Scanner;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-scanner-'));
    link = path.join(dir, 'ttyScanner');
    emulator = new ScannerEmulator({ linkPath: link, baudRate: 9600 });
    await emulator.start();
    scanner = new Scanner({
      transport: () => new SerialPortTransport({ path: link, baudRate: 9600 }),
      decoder: () => new ScanLineDecoder(),
      retryMs: 100,
      repeatWindowMs: 1500,
    });
    scanner.start();
    await scanner.waitReady(5000);
  });

  afterEach(async () => {
    await scanner.stop();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a scanned appointment code', async () => {
    const next = nextEvent<Scan>(scanner, 'scan');
    await emulator.scan('APPT-20261121-0042');
    expect((await next).code).toBe('APPT-20261121-0042');
    expect(scanner.status.state).toBe('ready');
  });

  it('ignores the scanner repeating the same code, but not a new one', async () => {
    const seen: string[] = [];
    scanner.on('scan', (s: Scan) => seen.push(s.code));
    const second = nextEvent<Scan>(scanner, 'scan', (s) => s.code === 'B-2');
    await emulator.scan('A-1');
    await emulator.scan('A-1');
    await emulator.scan('B-2');
    await second;
    expect(seen).toEqual(['A-1', 'B-2']);
  });

  it('reports disconnected when unplugged and reads again after it comes back', async () => {
    const gone = nextEvent<ScannerStatus>(scanner, 'status', (s) => s.state === 'disconnected');
    await emulator.unplug();
    expect((await gone).lastError).toBeTruthy();
    const back = nextEvent<ScannerStatus>(scanner, 'status', (s) => s.state === 'ready');
    await emulator.replug();
    await back;
    const next = nextEvent<Scan>(scanner, 'scan');
    await emulator.scan('AFTER-REPLUG');
    expect((await next).code).toBe('AFTER-REPLUG');
  });

  it('survives noise on the line and reads the next code', async () => {
    const errors: unknown[] = [];
    scanner.on('scan-error', (e) => errors.push(e));
    const next = nextEvent<Scan>(scanner, 'scan');
    await emulator.sendRaw(Buffer.from([0x00, 0x01, 0xfe, 0x0d, 0x0a]));
    await emulator.scan('CLEAN');
    expect((await next).code).toBe('CLEAN');
    expect(errors).toHaveLength(1);
    expect(scanner.status.lastError).toContain('unreadable scan');
  });
});

describe('kioskctl scanner and emulate scanner', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-scanner-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('scanner listen prints a code scanned through the emulator CLI and its control socket', async () => {
    const link = path.join(dir, 'ttyS');
    const emu = spawnKioskctl(['emulate', 'scanner', '--link', link]);
    let emuErr = '';
    emu.stderr!.on('data', (d: Buffer) => (emuErr += d.toString()));
    try {
      await expect.poll(() => emuErr, { timeout: 20_000 }).toContain('scanner emulator on');
      const listen = runKioskctl(['scanner', 'listen', '--port', link, '--json', '--timeout-ms', '20000']);
      // Scan repeatedly until the listener (a separate process still starting) has read one.
      let result: Awaited<typeof listen> | undefined;
      void listen.then((r) => (result = r));
      while (!result) {
        await requestJsonLine(`${link}.ctl`, { cmd: 'scan', code: 'QR-CLI-1' });
        await new Promise((r) => setTimeout(r, 300));
      }
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).code).toBe('QR-CLI-1');
      const bad = await requestJsonLine<{ ok: boolean; error: string }>(`${link}.ctl`, { cmd: 'scan' });
      expect(bad.ok).toBe(false);
      expect(bad.error).toContain('code');
    } finally {
      emu.kill('SIGTERM');
    }
  });

  it('scanner listen exits 3 naming the port when it does not exist, 2 when nothing is scanned', async () => {
    const missing = await runKioskctl(['scanner', 'listen', '--port', path.join(dir, 'nope'), '--timeout-ms', '500']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(path.join(dir, 'nope'));

    const emulator = new ScannerEmulator({ linkPath: path.join(dir, 'ttyQuiet') });
    await emulator.start();
    try {
      const quiet = await runKioskctl(['scanner', 'listen', '--port', path.join(dir, 'ttyQuiet'), '--timeout-ms', '500']);
      expect(quiet.code).toBe(2);
      expect(quiet.stderr).toContain('nothing scanned');
    } finally {
      await emulator.stop();
    }
  });
});
