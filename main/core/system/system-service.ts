import type { RpcOutput, UiSettings } from '../../../common/rpc/contract';
import type { Catalog } from '../../../common/catalog/schema';
import type { Clock } from '../../../base/clock';
import type { ParsedInput } from '../rpc/parsed-input';
import type { DeviceStateRegistry } from './device-states';

export interface SystemServiceDeps {
  clock: Clock;
  appVersion: string;
  shell: RpcOutput<'system.about'>['shell'];
  dataDir: string;
  terminalId: () => string;
  uiSettings: () => UiSettings;
  catalog: () => Catalog;
  devices: Pick<DeviceStateRegistry, 'list'>;
}

/** What any screen may ask of the kiosk itself: about, ping, the UI settings, the catalog in force, device states. */
export class SystemService {
  private readonly startedAt: number;

  constructor(private readonly deps: SystemServiceDeps) {
    this.startedAt = deps.clock.now();
  }

  about(): RpcOutput<'system.about'> {
    const { clock, appVersion, shell, dataDir } = this.deps;
    return {
      appVersion,
      shell,
      uptimeS: Math.floor((clock.now() - this.startedAt) / 1000),
      startedAt: new Date(this.startedAt).toISOString(),
      dataDir,
      terminalId: this.deps.terminalId(),
      nodeVersion: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
    };
  }

  ping({ nonce }: ParsedInput<'system.ping'>): RpcOutput<'system.ping'> {
    return { nonce, serverTime: this.deps.clock.now() };
  }

  uiSettings(): RpcOutput<'ui.settings'> {
    return this.deps.uiSettings();
  }

  catalog(): RpcOutput<'catalog.get'> {
    return this.deps.catalog();
  }

  deviceStates(): RpcOutput<'devices.states'> {
    return { devices: this.deps.devices.list() };
  }
}
