import { ensurePrivateDir } from '../../base/private-files';
import path from 'node:path';
import type { KioskConfig } from '../../common/config/schema';
import { IdCardEmulatorHost } from '../../devices/emulators/id-card/emulator-host';
import { emulatorSampleCards } from '../../devices/emulators/id-card/card-spec';
import { ScannerEmulator } from '../../devices/emulators/scanner/scanner-emulator';
import { VirtualPrinter } from '../../devices/emulators/virtual-printer/virtual-printer';
import { startControlServer } from '../../devices/emulators/id-card/control';
import { executeScannerCommand } from '../../devices/emulators/scanner/scanner-control';
import { listenJsonLines } from '../../devices/emulators/json-line-socket';
import type { Server } from 'node:net';
import type { CoreService } from '../../base/lifecycle';
import type { KioskCoreContext } from '../core/create-kiosk-core';
import type { PortResolver } from '../core/devices/id-card-service';

type EmulatedDevice = 'idCard' | 'printer' | 'scanner';

/**
 * The embedded defaults' devices: on a terminal that is not in production, every enabled device
 * without a configured port gets an emulator on a real pty (socat) under DATA/run/, speaking the
 * real protocol, so the kiosk works end to end with no hardware. The demo panel drives them.
 */
export class EmbeddedDevices implements CoreService {
  readonly name = 'embedded-devices';
  private idCard: IdCardEmulatorHost | null = null;
  private scanner: ScannerEmulator | null = null;
  private printer: VirtualPrinter | null = null;
  /** Control sockets (LINK.ctl) of the emulators: tests and technicians script them while the kiosk runs. */
  private controls: Server[] = [];
  private readonly runDir: string;
  /** Where the virtual printer writes each job it prints, as readable text. */
  readonly printedDir: string;

  /** `given`: devices the host hands a transport of its own, never emulated here. */
  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly given: readonly EmulatedDevice[] = [],
  ) {
    this.runDir = path.join(ctx.dataDir, 'run');
    this.printedDir = path.join(ctx.dataDir, 'printed');
  }

  /** Whether `device` is to be emulated under this configuration. */
  static emulates(config: KioskConfig, device: EmulatedDevice): boolean {
    const settings = config.devices[device];
    return !config.production && settings.enabled && settings.port === null;
  }

  get idCardEmulator(): IdCardEmulatorHost | null {
    return this.idCard;
  }

  get scannerEmulator(): ScannerEmulator | null {
    return this.scanner;
  }

  get virtualPrinter(): VirtualPrinter | null {
    return this.printer;
  }

  isEmulating(device: string): boolean {
    return (device === 'idCard' && this.idCard !== null) || (device === 'scanner' && this.scanner !== null) || (device === 'printer' && this.printer !== null);
  }

  readonly portOf: PortResolver = (device) => {
    const configured = this.ctx.config.config.devices[device].port;
    if (configured) return configured;
    if (device === 'idCard' && this.idCard) return this.idCard.options.linkPath;
    if (device === 'scanner' && this.scanner) return this.scanner.linkPath;
    if (device === 'printer' && this.printer) return this.printer.linkPath;
    return null;
  };

  async start(): Promise<void> {
    const config = this.ctx.config.config;
    ensurePrivateDir(this.runDir);
    // An emulator that cannot start (socat missing) leaves its device not configured; the kiosk runs on.
    const attempt = async (device: EmulatedDevice, run: () => Promise<void>) => {
      if (this.given.includes(device) || !EmbeddedDevices.emulates(config, device)) return;
      try {
        await run();
      } catch (err) {
        this.ctx.logger.error({ device, err }, 'device emulator could not start');
      }
    };
    await attempt('idCard', async () => {
      const host = new IdCardEmulatorHost({
        linkPath: path.join(this.runDir, 'ttyIdCard'),
        cards: emulatorSampleCards(),
        baudRate: config.devices.idCard.baudRate,
      });
      await host.start();
      this.idCard = host;
      this.controls.push(await startControlServer(`${host.options.linkPath}.ctl`, host));
    });
    await attempt('scanner', async () => {
      const scanner = new ScannerEmulator({ linkPath: path.join(this.runDir, 'ttyScanner'), baudRate: config.devices.scanner.baudRate });
      await scanner.start();
      this.scanner = scanner;
      this.controls.push(await listenJsonLines(`${scanner.linkPath}.ctl`, (msg) => executeScannerCommand(scanner, msg)));
    });
    await attempt('printer', async () => {
      const printer = new VirtualPrinter({ linkPath: path.join(this.runDir, 'ttyPrinter'), outDir: this.printedDir });
      await printer.start();
      this.printer = printer;
    });
    const emulated = [this.idCard && 'idCard', this.scanner && 'scanner', this.printer && 'printer'].filter(Boolean);
    if (emulated.length) this.ctx.logger.info({ emulated, runDir: this.runDir }, 'embedded device emulators started');
  }

  async stop(): Promise<void> {
    for (const control of this.controls) control.close();
    this.controls = [];
    await this.idCard?.stop();
    await this.scanner?.stop();
    await this.printer?.stop();
    this.idCard = null;
    this.scanner = null;
    this.printer = null;
  }
}
