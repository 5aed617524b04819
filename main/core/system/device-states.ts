import type { z } from 'zod';
import type { deviceStateSchema } from '../../../common/rpc/contract';
import type { EventBus } from '../rpc/event-bus';
import type { Clock } from '../clock';

export type DeviceName = 'idCard' | 'printer' | 'scanner' | 'camera';
export type DeviceState = z.infer<typeof deviceStateSchema>;

/** The last known state of each device, for the technician screen, diagnostics and the heartbeat. */
export class DeviceStateRegistry {
  private readonly states = new Map<DeviceName, DeviceState>();

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  set(device: DeviceName, state: string, detail?: string): void {
    const previous = this.states.get(device);
    if (previous && previous.state === state && previous.detail === detail) return;
    const next: DeviceState = { device, state, since: new Date(this.clock.now()).toISOString(), ...(detail ? { detail } : {}) };
    this.states.set(device, next);
    this.events.publish('device.state', next);
  }

  get(device: DeviceName): DeviceState | undefined {
    return this.states.get(device);
  }

  list(): DeviceState[] {
    return [...this.states.values()];
  }
}
