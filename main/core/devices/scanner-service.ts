import type { KioskConfig } from '../../../common/config/schema';
import { Scanner, type Scan, type ScannerStatus } from '../../../devices/scanner/scanner';
import { ScanLineDecoder } from '../../../devices/scanner/scan-line-decoder';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import { HidTransport, nodeHidOpener } from '../../../devices/serial/hid-transport';
import { HidKeyboardDecoder } from '../../../devices/scanner/hid-keyboard-decoder';
import type { KioskCoreContext } from '../create-kiosk-core';
import { DeviceService, type PortResolver } from './device-service';
import { nextEvent } from '../../../base/next-event';

/** The QR/barcode scanner inside the core: each code becomes a `scanner.scanned` event. */
export class ScannerService extends DeviceService<Scanner> {
  readonly name = 'scanner';

  constructor(ctx: KioskCoreContext, portOf: PortResolver) {
    super(ctx, portOf, 'scanner');
  }

  /** The next scanned code (technician test), or null after timeoutMs. */
  async waitForScan(timeoutMs: number): Promise<string | null> {
    return (await nextEvent<Scan>(this.driver, 'scan', timeoutMs))?.code ?? null;
  }


  protected createDriver(port: string, settings: KioskConfig['devices']['scanner']): Scanner {
    // A keyboard-mode USB scanner is read as HID reports (port = its HID device path, as listed on
    // the staff screen), so its codes never type into whatever field the citizen is touching.
    const scanner =
      settings.kind === 'hid'
        ? new Scanner({ transport: () => new HidTransport(nodeHidOpener({ path: port }), `HID scanner ${port}`), decoder: () => new HidKeyboardDecoder() })
        : new Scanner({ transport: () => new SerialPortTransport({ path: port, baudRate: settings.baudRate }), decoder: () => new ScanLineDecoder() });
    scanner.on('status', (s: ScannerStatus) => this.ctx.devices.set('scanner', s.state, s.state === 'ready' ? undefined : s.lastError));
    scanner.on('scan', (s: Scan) => this.ctx.events.publish('scanner.scanned', { code: s.code }));
    return scanner;
  }
}
