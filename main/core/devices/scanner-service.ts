import type { KioskConfig } from '../../../common/config/schema';
import { Scanner, type Scan, type ScannerStatus } from '../../../devices/scanner/scanner';
import { ScanLineDecoder } from '../../../devices/scanner/scan-line-decoder';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { TransportFactory } from '../../../devices/serial/byte-transport';
import { HidTransport, nodeHidOpener } from '../../../devices/serial/hid-transport';
import { HidKeyboardDecoder } from '../../../devices/scanner/hid-keyboard-decoder';
import type { KioskCoreContext } from '../create-kiosk-core';
import { DeviceService, type PortResolver } from './device-service';
import { nextEvent } from '../../../base/next-event';

/** The QR/barcode scanner inside the core: each code becomes a `scanner.scanned` event. */
export class ScannerService extends DeviceService<Scanner> {
  readonly name = 'scanner';

  constructor(ctx: KioskCoreContext, portOf: PortResolver, transport?: TransportFactory) {
    super(ctx, portOf, 'scanner', transport);
  }

  /** The next scanned code (technician test), or null after timeoutMs. */
  async waitForScan(timeoutMs: number): Promise<string | null> {
    return (await nextEvent<Scan>(this.driver, 'scan', timeoutMs))?.code ?? null;
  }

  protected portTransport(port: string, settings: KioskConfig['devices']['scanner']): TransportFactory {
    // A keyboard-mode USB scanner is read as HID reports (port = its HID device path, as listed on
    // the staff screen), so its codes never type into whatever field the citizen is touching.
    return settings.kind === 'hid'
      ? () => new HidTransport(nodeHidOpener({ path: port }), `HID scanner ${port}`)
      : () => new SerialPortTransport({ path: port, baudRate: settings.baudRate });
  }

  protected createDriver(transport: TransportFactory, settings: KioskConfig['devices']['scanner']): Scanner {
    const scanner = new Scanner({ transport, decoder: () => (settings.kind === 'hid' ? new HidKeyboardDecoder() : new ScanLineDecoder()) });
    scanner.on('status', (s: ScannerStatus) => this.ctx.devices.set('scanner', s.state, s.state === 'ready' ? undefined : s.lastError));
    scanner.on('scan', (s: Scan) => this.ctx.events.publish('scanner.scanned', { code: s.code }));
    return scanner;
  }
}
