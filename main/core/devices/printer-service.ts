import type { KioskConfig } from '../../../common/config/schema';
import { PrinterDriver, type DriverStatus, type PrintResult } from '../../../devices/printer/driver';
import { printerProfile, type PrinterProfile } from '../../../devices/printer/profiles';
import { PrintError, type PrintFailureReason } from '../../../devices/printer/print-error';
import { citizenMessages, type PrinterPurpose } from '../../../devices/printer/messages';
import type { LocalizedText } from '../../../common/i18n/languages';
import { RpcError } from '../../../common/rpc/errors';
import { ReconnectingLink } from '../../../devices/serial/reconnecting-link';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { TransportFactory } from '../../../devices/serial/byte-transport';
import type { KioskCoreContext } from '../create-kiosk-core';
import { DeviceService, type PortResolver } from './device-service';

/** Why the printer cannot take a job now, or null when it can. */
export function notReadyReasonOf(status: DriverStatus): PrintFailureReason | null {
  switch (status.state) {
    case 'ready':
    case 'printing':
      return null;
    case 'not-ready':
      return status.reason;
    case 'disconnected':
      return 'disconnected';
    case 'error':
      return 'offline';
  }
}

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
 * The receipt printer inside the core: its status polled so that a citizen is told the paper ran
 * out before choosing a service, and print() for the services that print tickets and receipts.
 */
export class PrinterService extends DeviceService<PrinterDriver> {
  readonly name = 'printer';
  private poll: NodeJS.Timeout | null = null;

  constructor(
    ctx: KioskCoreContext,
    portOf: PortResolver,
    transport?: TransportFactory,
    private readonly pollMs = 1000,
  ) {
    super(ctx, portOf, 'printer', transport);
  }

  get profile(): PrinterProfile {
    return printerProfile(this.ctx.config.config.devices.printer.profile);
  }

  /** The hall clock's zone: slips print the time the screen shows. */
  get timeZone(): string {
    return this.ctx.config.config.terminal.timeZone;
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

  /** What the citizen is told of the printer from its last known state (never waits on it), or null. */
  problemNow(purpose: PrinterPurpose): LocalizedText | null {
    const reason = notReadyReasonOf(this.status);
    return reason ? citizenMessages(reason, purpose) : null;
  }

  /** Asks the printer now; throws `not-ready` with the citizen's sentence when it cannot print. */
  async ensureReady(purpose: PrinterPurpose): Promise<void> {
    const reason = notReadyReasonOf(await this.refresh());
    if (reason) throw new RpcError('not-ready', `${purpose} printer not ready: ${reason}`, { citizenMessage: citizenMessages(reason, purpose) });
  }

  protected portTransport(port: string, settings: KioskConfig['devices']['printer']): TransportFactory {
    return () => new SerialPortTransport({ path: port, baudRate: settings.baudRate });
  }

  protected createDriver(transport: TransportFactory): PrinterDriver {
    const driver = new PrinterDriver({ link: new ReconnectingLink(transport) });
    driver.on('status', (s: DriverStatus) => {
      const { state, detail } = printerState(s);
      this.ctx.devices.set('printer', state, detail);
    });
    return driver;
  }

  protected override afterStart(driver: PrinterDriver): void {
    this.poll = setInterval(() => {
      if (driver.status.state !== 'printing') void driver.refreshStatus().catch(() => undefined);
    }, this.pollMs);
    this.poll.unref();
  }

  protected override beforeStop(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
  }
}
