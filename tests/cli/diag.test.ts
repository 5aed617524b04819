import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IdCardEmulatorHost } from '../../devices/emulators/id-card/emulator-host';
import { sampleCards } from '../../devices/emulators/id-card/card-spec';
import { VirtualPrinter } from '../../devices/emulators/virtual-printer/virtual-printer';
import { ScannerEmulator } from '../../devices/emulators/scanner/scanner-emulator';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { startIppPrinterEmulator } from '../../testing/ipp-printer-emulator/ipp-printer-emulator';
import { runKioskctl } from '../helpers/kioskctl';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';

interface Report {
  kiosk: { running: boolean };
  devices: { device: string; state: string; source: string }[];
  attention: string[];
}

describe('kioskctl diag against a data directory with emulated devices', () => {
  let dir: string;
  let reader: IdCardEmulatorHost;
  let printer: VirtualPrinter;
  let scanner: ScannerEmulator;
  let hub: ReferenceHub;
  const writeConfig = (hubUrl: string, secret: string) =>
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({
        terminal: { id: 'T-DIAG' },
        hub: { url: hubUrl, terminalSecret: secret },
        devices: {
          idCard: { port: path.join(dir, 'ttyReader') },
          printer: { port: path.join(dir, 'ttyPrinter') },
          scanner: { port: path.join(dir, 'ttyScanner') },
        },
      }),
    );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-'));
    hub = await startReferenceHub({ dataDir: path.join(dir, 'hub'), terminals: [{ id: 'T-DIAG', secret: 'diag-secret-value-123456' }] });
    reader = new IdCardEmulatorHost({ linkPath: path.join(dir, 'ttyReader'), cards: sampleCards() });
    printer = new VirtualPrinter({ linkPath: path.join(dir, 'ttyPrinter'), outDir: path.join(dir, 'printed') });
    scanner = new ScannerEmulator({ linkPath: path.join(dir, 'ttyScanner') });
    await Promise.all([reader.start(), printer.start(), scanner.start()]);
    writeConfig(hub.url, 'diag-secret-value-123456');
  });
  afterAll(async () => {
    await Promise.all([reader.stop(), printer.stop(), scanner.stop()]);
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and reports every device ready when all is well', async () => {
    const r = await runKioskctl(['diag', '--data', dir, '--json'], { timeoutMs: 60_000 });
    const report = JSON.parse(r.stdout) as Report;
    expect(report.attention).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.kiosk.running).toBe(false);
    expect(report.devices.map((d) => [d.device, d.state, d.source])).toEqual([
      ['idCard', 'ready', 'probe'],
      ['printer', 'ready', 'probe'],
      ['scanner', 'ready', 'probe'],
      // The embedded cups-pdf queue exists only while a kiosk runs.
      ['documentPrinter', 'emulated', 'probe'],
    ]);
    expect((report as Report & { sections: { hub: unknown } }).sections.hub).toMatchObject({ reachable: true });
  });

  it('exits non-zero naming the printer out of paper and the reader that is gone', async () => {
    printer.setStatus('paper-end');
    await reader.unplug();
    try {
      const r = await runKioskctl(['diag', '--data', dir], { timeoutMs: 60_000 });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('NEEDS ATTENTION');
      expect(r.stdout).toMatch(/- printer: paper-end/);
      expect(r.stdout).toMatch(/- idCard: disconnected .*ttyReader/);
      expect(r.stdout).not.toMatch(/- scanner/);
    } finally {
      printer.setStatus('ok');
      await reader.replug();
    }
  });

  it('names a hub that refuses the terminal, and one that does not answer', async () => {
    try {
      writeConfig(hub.url, 'not-the-right-secret-000');
      const refused = await runKioskctl(['diag', '--data', dir], { timeoutMs: 60_000 });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/- hub: refuses this terminal's credentials/);
      writeConfig('http://127.0.0.1:9/', 'diag-secret-value-123456'); // discard port: nothing listens
      const silent = await runKioskctl(['diag', '--data', dir], { timeoutMs: 60_000 });
      expect(silent.code).toBe(1);
      expect(silent.stdout).toMatch(/- hub: http:\/\/127.0.0.1:9\/ not reachable/);
    } finally {
      writeConfig(hub.url, 'diag-secret-value-123456');
    }
  });

  it('writes a bundle with the report, the configuration without its secret, and redacted logs', async () => {
    const out = path.join(dir, 'bundle.json');
    const r = await runKioskctl(['diag', 'bundle', '--data', dir, '--out', out], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('diag-secret-value-123456');
    const bundle = JSON.parse(text);
    expect(bundle.report.config.terminalId).toBe('T-DIAG');
    expect(bundle.configuration.terminalSecretSet).toBe(true);
    expect(Array.isArray(bundle.logs)).toBe(true);
  });
});

describe('kioskctl diag against a running kiosk', () => {
  let kiosk: TestKiosk;
  let dir: string;
  beforeAll(async () => {
    kiosk = await bootTestKiosk('diag-run');
    dir = kiosk.dir;
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('reads the device states the kiosk reports instead of opening its ports', async () => {
    await expect
      .poll(
        async () => {
          const r = await runKioskctl(['diag', '--data', dir, '--json'], { timeoutMs: 60_000 });
          return (JSON.parse(r.stdout) as Report).devices.map((d) => `${d.device}:${d.state}:${d.source}`);
        },
        { timeout: 30_000 },
      )
      .toEqual(['idCard:ready:running-kiosk', 'printer:ready:running-kiosk', 'scanner:ready:running-kiosk', 'documentPrinter:ready:running-kiosk']);
    kiosk.embedded.virtualPrinter!.setStatus('cover-open');
    await expect
      .poll(
        async () => {
          const r = await runKioskctl(['diag', '--data', dir, '--json'], { timeoutMs: 60_000 });
          return { code: r.code, attention: (JSON.parse(r.stdout) as Report).attention.join(' ') };
        },
        { timeout: 30_000 },
      )
      .toMatchObject({ code: 1, attention: expect.stringContaining('printer: cover-open') });
  });
});

/** Issue 12, points 6 and 9: a production terminal with no usable hub says so, naming the setting. */
describe('kioskctl diag on a production terminal without a usable hub', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-diag-prod-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const diag = async (config: object) => {
    writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({ production: true, devices: { idCard: { enabled: false }, printer: { enabled: false }, scanner: { enabled: false } }, ...config }),
    );
    const r = await runKioskctl(['diag', '--data', dir, '--json'], { timeoutMs: 60_000 });
    if (!r.stdout.trim()) throw new Error(`kioskctl diag printed no report: ${r.stderr}`);
    return { code: r.code, report: JSON.parse(r.stdout) as Report & { config: { hub: string }; sections: { hub: { configured?: boolean } } } };
  };

  it('exits 1 with "hub not configured" when hub.url is not set', async () => {
    const { code, report } = await diag({});
    expect(code).toBe(1);
    expect(report.attention).toContainEqual(expect.stringMatching(/^hub not configured: set hub\.url/));
    expect(report.config.hub).toBe('not configured');
    expect(report.sections.hub).toMatchObject({ configured: false });
  });

  it('exits 1 naming hub.url when it is http://', async () => {
    const { code, report } = await diag({ hub: { url: 'http://127.0.0.1:9/', terminalSecret: 'diag-secret-value-123456' } });
    expect(code).toBe(1);
    expect(report.attention).toContainEqual(expect.stringMatching(/^hub not configured: hub\.url must be an https:\/\/ address/));
  });

  it('names the A4 printer: not set in production, or what the print system says of the configured one', async () => {
    expect((await diag({})).report.attention).toContainEqual(expect.stringMatching(/^documentPrinter: not-configured \(no A4 printer set/));
    const printer = await startIppPrinterEmulator({ printer: { state: 'stopped', reasons: ['media-empty-error'] } });
    try {
      const { report } = await diag({
        devices: { idCard: { enabled: false }, printer: { enabled: false }, scanner: { enabled: false }, documentPrinter: { printer: printer.uri } },
      });
      expect(report.attention).toContainEqual(`documentPrinter: not-ready (stopped, media-empty) on ${printer.uri}`);
    } finally {
      await printer.close();
    }
  });
});
