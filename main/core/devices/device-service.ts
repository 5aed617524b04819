import type { KioskConfig } from '../../../common/config/schema';
import type { CoreService } from '../../../base/lifecycle';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { DeviceName } from '../system/device-states';

/** Resolves the port a device is on: its configured port, or the embedded emulator's. */
export type PortResolver = (device: 'idCard' | 'printer' | 'scanner') => string | null;

/** What every device driver offers its service. */
export interface DeviceDriver {
  start(): void;
  stop(): Promise<void>;
  removeAllListeners(): unknown;
}

/**
 * A device inside the core: runs its driver on the resolved port, reports 'disabled' or
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
    private readonly device: Exclude<DeviceName, 'camera'>,
  ) {}

  abstract readonly name: string;

  /** Makes the driver for `port` and wires its events; the base starts and stops it. */
  protected abstract createDriver(port: string, settings: KioskConfig['devices'][Exclude<DeviceName, 'camera'>]): D;

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
    if (!port) return this.ctx.devices.set(this.device, 'not-configured', `no port set for the ${this.name}`);
    const driver = this.createDriver(port, settings);
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
