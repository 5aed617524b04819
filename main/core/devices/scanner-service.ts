import type { KioskConfig } from '../../../common/config/schema';
import { Scanner, type Scan, type ScannerStatus } from '../../../devices/scanner/scanner';
import { ScanLineDecoder } from '../../../devices/scanner/scan-line-decoder';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { CoreService } from '../lifecycle';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { PortResolver } from './id-card-service';

/** The QR/barcode scanner inside the core: each code becomes a `scanner.scanned` event. */
export class ScannerService implements CoreService {
  readonly name = 'scanner';
  private scanner: Scanner | null = null;
  private readonly onConfig = (next: KioskConfig, prev: KioskConfig) => {
    const a = next.devices.scanner;
    const b = prev.devices.scanner;
    if (a.enabled !== b.enabled || a.port !== b.port || a.baudRate !== b.baudRate || a.kind !== b.kind) void this.restart();
  };

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly portOf: PortResolver,
  ) {}

  /** The next scanned code (technician test), or null after timeoutMs. */
  waitForScan(timeoutMs: number): Promise<string | null> {
    const scanner = this.scanner;
    if (!scanner) return Promise.resolve(null);
    return new Promise((resolve) => {
      const onScan = (s: Scan) => {
        clearTimeout(timer);
        resolve(s.code);
      };
      const timer = setTimeout(() => {
        scanner.off('scan', onScan);
        resolve(null);
      }, timeoutMs);
      scanner.once('scan', onScan);
    });
  }

  async start(): Promise<void> {
    this.ctx.config.on('changed', this.onConfig);
    this.open();
  }

  async stop(): Promise<void> {
    this.ctx.config.off('changed', this.onConfig);
    await this.close();
  }

  private open(): void {
    const settings = this.ctx.config.config.devices.scanner;
    const port = this.portOf('scanner');
    if (!settings.enabled) return this.ctx.devices.set('scanner', 'disabled');
    if (!port) return this.ctx.devices.set('scanner', 'not-configured', 'no port set for the scanner');
    if (settings.kind === 'hid') {
      // HID scanners are opened by vendor/product id; that selection comes with the device list (staff screens).
      return this.ctx.devices.set('scanner', 'not-configured', 'HID scanner selection is not configured');
    }
    const scanner = new Scanner({
      transport: () => new SerialPortTransport({ path: port, baudRate: settings.baudRate }),
      decoder: () => new ScanLineDecoder(),
    });
    scanner.on('status', (s: ScannerStatus) => this.ctx.devices.set('scanner', s.state, s.lastError));
    scanner.on('scan', (s: Scan) => this.ctx.events.publish('scanner.scanned', { code: s.code }));
    this.scanner = scanner;
    this.ctx.devices.set('scanner', scanner.status.state);
    scanner.start();
  }

  private async close(): Promise<void> {
    const scanner = this.scanner;
    this.scanner = null;
    if (scanner) {
      await scanner.stop();
      scanner.removeAllListeners();
    }
  }

  private async restart(): Promise<void> {
    await this.close();
    this.open();
  }
}
