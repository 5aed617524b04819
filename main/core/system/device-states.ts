import type { z } from 'zod';
import type { deviceStateSchema } from '../../../common/rpc/contract';
import type { EventBus } from '../rpc/event-bus';
import { isHealthyDeviceState } from '../../../common/device-health';
import type { Clock } from '../../../base/clock';

export type DeviceName = 'idCard' | 'printer' | 'scanner' | 'camera' | 'documentPrinter';
export type DeviceState = z.infer<typeof deviceStateSchema>;

/**
 * The last known state of each device, for the technician screen, diagnostics and the heartbeat.
 * The last error is kept after the device recovers, so a technician sees what happened and when.
 */
export class DeviceStateRegistry {
  private readonly states = new Map<DeviceName, DeviceState>();

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  set(device: DeviceName, state: string, detail?: string): void {
    const previous = this.states.get(device);
    if (previous && previous.state === state && previous.detail === detail) return;
    const at = new Date(this.clock.now()).toISOString();
    // A device that has not connected yet since start is not an error; one that stops being ready is.
    const isError = !isHealthyDeviceState(state) && state !== 'not-configured' && (previous !== undefined || detail !== undefined);
    const lastError = isError ? { message: detail ?? state, at } : previous?.lastError;
    const next: DeviceState = {
      device,
      state,
      since: previous && previous.state === state ? previous.since : at,
      ...(detail ? { detail } : {}),
      ...(lastError ? { lastError } : {}),
    };
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
