import type { KioskConfig } from '../../../common/config/schema';
import type { CoreService } from '../../../base/lifecycle';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { TransportFactory } from '../../../devices/serial/byte-transport';

export type PortDevice = 'idCard' | 'printer' | 'scanner';

/** Resolves the port a device is on: its configured port, or the embedded emulator's. */
export type PortResolver = (device: PortDevice) => string | null;

/** Byte pipes handed to devices directly (tests, hosts with their own transport) in place of a port. */
export type DeviceTransports = Partial<Record<PortDevice, TransportFactory>>;

/** What every device driver offers its service. */
export interface DeviceDriver {
  start(): void;
  stop(): Promise<void>;
  removeAllListeners(): unknown;
}

/**
 * A device inside the core: runs its driver on the given transport or else the resolved port, reports 'disabled' or
 * 'not-configured' when it cannot run, and restarts the driver when staff change the device's
 * settings (no kiosk restart).
 */
export abstract class DeviceService<D extends DeviceDriver> implements CoreService {
  protected driver: D | null = null;
  private readonly onConfig = (next: KioskConfig, prev: KioskConfig) => {
    if (JSON.stringify(next.devices[this.device]) !== JSON.stringify(prev.devices[this.device])) void this.restart();
  };

  constructor(
    protected readonly ctx: KioskCoreContext,
    protected readonly portOf: PortResolver,
    private readonly device: PortDevice,
    /** Used instead of a transport on the resolved port. */
    private readonly givenTransport?: TransportFactory,
  ) {}

  abstract readonly name: string;

  /** The byte pipe to the device on `port` (serial or HID, as the settings say). */
  protected abstract portTransport(port: string, settings: KioskConfig['devices'][PortDevice]): TransportFactory;

  /** Makes the driver on `transport` and wires its events; the base starts and stops it. */
  protected abstract createDriver(transport: TransportFactory, settings: KioskConfig['devices'][PortDevice]): D;

  /** Extra work after the driver started (status polling, ...). */
  protected afterStart(_driver: D): void {}

  /** Extra work before the driver stops. */
  protected beforeStop(_driver: D): void {}

  get configuredPort(): string | null {
    return this.portOf(this.device);
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
    const settings = this.ctx.config.config.devices[this.device];
    const port = this.portOf(this.device);
    if (!settings.enabled) return this.ctx.devices.set(this.device, 'disabled');
    const transport = this.givenTransport ?? (port ? this.portTransport(port, settings) : null);
    if (!transport) return this.ctx.devices.set(this.device, 'not-configured', `no port set for the ${this.name}`);
    const driver = this.createDriver(transport, settings);
    this.driver = driver;
    if (!this.ctx.devices.get(this.device) || this.ctx.devices.get(this.device)!.state !== 'disconnected') {
      this.ctx.devices.set(this.device, 'disconnected');
    }
    driver.start();
    this.afterStart(driver);
  }

  private async close(): Promise<void> {
    const driver = this.driver;
    this.driver = null;
    if (!driver) return;
    this.beforeStop(driver);
    await driver.stop();
    driver.removeAllListeners();
  }

  private async restart(): Promise<void> {
    await this.close();
    this.open();
  }
}
