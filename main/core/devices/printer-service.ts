import type { KioskConfig } from '../../../common/config/schema';
import { PrinterDriver, type DriverStatus, type PrintResult } from '../../../devices/printer/driver';
import { printerProfile, type PrinterProfile } from '../../../devices/printer/profiles';
import { PrintError } from '../../../devices/printer/print-error';
import { ReconnectingLink } from '../../../devices/serial/reconnecting-link';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { CoreService } from '../lifecycle';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { PortResolver } from './id-card-service';

/** The device state a technician (and the heartbeat) sees for a driver status. */
export function printerState(status: DriverStatus): { state: string; detail?: string } {
  switch (status.state) {
    case 'ready':
      return { state: status.paperNearEnd ? 'paper-near-end' : 'ready' };
    case 'not-ready':
      return { state: status.reason };
    case 'disconnected':
      return status.error ? { state: 'disconnected', detail: status.error } : { state: 'disconnected' };
    case 'error':
      return { state: 'error', detail: status.error };
    case 'printing':
      return { state: 'printing' };
  }
}

/**
 * The receipt printer inside the core: the driver on the configured port, its status polled so
 * that a citizen is told the paper ran out before choosing a service, and print() for the
 * services that print tickets and receipts.
 */
export class PrinterService implements CoreService {
  readonly name = 'printer';
  private driver: PrinterDriver | null = null;
  private poll: NodeJS.Timeout | null = null;
  private readonly onConfig = (next: KioskConfig, prev: KioskConfig) => {
    if (JSON.stringify(next.devices.printer) !== JSON.stringify(prev.devices.printer)) void this.restart();
  };

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly portOf: PortResolver,
    private readonly pollMs = 1000,
  ) {}

  get profile(): PrinterProfile {
    return printerProfile(this.ctx.config.config.devices.printer.profile);
  }

  get status(): DriverStatus {
    return this.driver?.status ?? { state: 'disconnected', error: 'printer not configured' };
  }

  /** Prints a job; rejects with PrintError (its citizenMessage names what the citizen should do). */
  async print(job: Uint8Array): Promise<PrintResult> {
    if (!this.driver) throw PrintError.of('disconnected', 'before', undefined, 'printer not configured');
    return this.driver.print(job);
  }

  async refresh(): Promise<DriverStatus> {
    if (this.driver) await this.driver.refreshStatus().catch(() => undefined);
    return this.status;
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
    const settings = this.ctx.config.config.devices.printer;
    const port = this.portOf('printer');
    if (!settings.enabled) return this.ctx.devices.set('printer', 'disabled');
    if (!port) return this.ctx.devices.set('printer', 'not-configured', 'no port set for the printer');
    const driver = new PrinterDriver({ link: new ReconnectingLink(() => new SerialPortTransport({ path: port, baudRate: settings.baudRate })) });
    driver.on('status', (s: DriverStatus) => {
      const { state, detail } = printerState(s);
      this.ctx.devices.set('printer', state, detail);
    });
    this.driver = driver;
    this.ctx.devices.set('printer', 'disconnected');
    driver.start();
    this.poll = setInterval(() => {
      if (driver.status.state !== 'printing') void driver.refreshStatus().catch(() => undefined);
    }, this.pollMs);
    this.poll.unref();
  }

  private async close(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    const driver = this.driver;
    this.driver = null;
    if (driver) {
      await driver.stop();
      driver.removeAllListeners();
    }
  }

  private async restart(): Promise<void> {
    await this.close();
    this.open();
  }
}
