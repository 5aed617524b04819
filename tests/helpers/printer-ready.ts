import type { DeviceStateRegistry } from '../../main/core/system/device-states';
import { nextEvent, type CoreEvents } from './next-event';

/** Device states of a printer that takes a job (`notReadyReasonOf` in main/core/devices/printer-service). */
const TAKES_JOBS = new Set(['ready', 'paper-near-end', 'printing']);

/**
 * Resolves once the kiosk's printer can take a job: it answers its first status query shortly
 * after start. Rejects if it cannot within `timeoutMs` (a bound on a hang, not a speed check).
 */
export async function printerReady(core: CoreEvents & { devices: Pick<DeviceStateRegistry, 'get'> }, timeoutMs = 30_000): Promise<void> {
  if (TAKES_JOBS.has(core.devices.get('printer')?.state ?? '')) return;
  await nextEvent(core, 'device.state', (s) => s.device === 'printer' && TAKES_JOBS.has(s.state), timeoutMs);
}
