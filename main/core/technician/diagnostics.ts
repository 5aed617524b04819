import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_VERSION } from '../../../common/version';
import { maskPersonalText } from '../../../common/privacy/mask';
import { isHealthyDeviceState } from '../../../common/device-health';
import type { KioskConfig } from '../../../common/config/schema';
import { ConfigStore } from '../../config/config-store';
import { readRunningStatus } from '../system/kiosk-status-file';
import { staffView } from '../staff/settings-service';
import { diskSpace } from './technician-service';
import { probeDevice, probeDocumentPrinter, type ProbeResult } from './device-probe';

export interface DiagnosticsDevice {
  device: string;
  state: string;
  port: string | null;
  source: 'running-kiosk' | 'probe';
  detail?: string;
  lastError?: { message: string; at: string };
}

/** A part of the report that another module supplies (the outbox, the hub link). */
export interface DiagnosticsSection {
  name: string;
  collect(dataDir: string, config: KioskConfig): Promise<{ data: unknown; attention: string[] }>;
}

export interface DiagnosticsReport {
  generatedAt: string;
  version: string;
  dataDir: string;
  kiosk: { running: boolean; pid?: number; shell?: string; since?: string };
  config: { source: string; terminalId: string; hub: string; production: boolean; refused?: { path: string; message: string }[] };
  devices: DiagnosticsDevice[];
  disk: { freeBytes: number; totalBytes: number };
  recentErrors: string[];
  sections: Record<string, unknown>;
  /** Everything that needs a technician, each named. Empty: all is well. */
  attention: string[];
}

const LOW_DISK_BYTES = 1024 ** 3;

/** The last log lines at error level or worse (the log is already redacted; masked again to be sure). */
export function recentLogErrors(dataDir: string, limit = 20): string[] {
  const file = path.join(dataDir, 'logs', 'kiosk.log');
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-5000);
  return lines
    .filter((l) => {
      try {
        return (JSON.parse(l) as { level?: number }).level! >= 50;
      } catch {
        return false;
      }
    })
    .slice(-limit)
    .map(maskPersonalText);
}

export function recentLogLines(dataDir: string, limit = 500): string[] {
  const file = path.join(dataDir, 'logs', 'kiosk.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-limit).map(maskPersonalText);
}

/** A device asked directly (no kiosk holds it), with where it is: its port, or the A4 printer's print queue. */
async function probeWhere(config: KioskConfig, device: 'idCard' | 'printer' | 'scanner' | 'documentPrinter'): Promise<ProbeResult & { port: string | null }> {
  if (device === 'documentPrinter') {
    const { target, ...probe } = await probeDocumentPrinter(config);
    return { ...probe, port: target };
  }
  return { ...(await probeDevice(config, device)), port: config.devices[device].port };
}

/** The technician summary of a data directory, from the running kiosk when there is one, else by probing. */
export async function collectDiagnostics(dataDir: string, sections: DiagnosticsSection[] = []): Promise<DiagnosticsReport> {
  const store = new ConfigStore(dataDir);
  const load = existsSync(store.file) ? store.load() : { source: 'defaults' as const };
  const config = store.config;
  const attention: string[] = [];
  if ('refused' in load && load.refused)
    attention.push(`configuration: ${load.refused.issues.map((i) => `${i.path}: ${i.message}`).join('; ')} (last good configuration in force)`);

  const running = readRunningStatus(dataDir);
  const devices: DiagnosticsDevice[] = [];
  for (const device of ['idCard', 'printer', 'scanner', 'documentPrinter'] as const) {
    const fromKiosk = running?.devices.find((d) => d.device === device);
    if (fromKiosk) {
      devices.push({
        device,
        state: fromKiosk.state,
        port: fromKiosk.port,
        source: 'running-kiosk',
        ...(fromKiosk.detail ? { detail: fromKiosk.detail } : {}),
        ...(fromKiosk.lastError ? { lastError: fromKiosk.lastError } : {}),
      });
    } else {
      const probe = await probeWhere(config, device);
      devices.push({ device, state: probe.state, port: probe.port, source: 'probe', ...(probe.detail ? { detail: probe.detail } : {}) });
    }
  }
  for (const d of devices) {
    if (!isHealthyDeviceState(d.state)) attention.push(`${d.device}: ${d.state}${d.detail ? ` (${d.detail})` : ''}${d.port ? ` on ${d.port}` : ''}`);
  }

  const disk = diskSpace(existsSync(dataDir) ? dataDir : path.dirname(dataDir));
  if (disk.freeBytes < LOW_DISK_BYTES || disk.freeBytes < disk.totalBytes * 0.05) {
    attention.push(`disk: only ${(disk.freeBytes / 1024 ** 2).toFixed(0)} MiB free for ${dataDir}`);
  }

  const extra: Record<string, unknown> = {};
  for (const section of sections) {
    try {
      const { data, attention: more } = await section.collect(dataDir, config);
      extra[section.name] = data;
      attention.push(...more);
    } catch (err) {
      attention.push(`${section.name}: cannot be read (${(err as Error).message})`);
    }
  }

  return {
    generatedAt: new Date().toISOString(),
    version: APP_VERSION,
    dataDir,
    kiosk: running ? { running: true, pid: running.pid, shell: running.shell, since: running.startedAt } : { running: false },
    config: {
      source: load.source,
      terminalId: config.terminal.id,
      hub: config.hub.url ?? (config.production ? 'not configured' : 'local reference hub (embedded default)'),
      production: config.production,
      ...('refused' in load && load.refused ? { refused: load.refused.issues } : {}),
    },
    devices,
    disk,
    recentErrors: recentLogErrors(dataDir),
    sections: extra,
    attention,
  };
}

/** One file for the vendor or the hall's IT: the report, the configuration (secret removed) and recent logs. */
export async function diagnosticsBundle(dataDir: string, sections: DiagnosticsSection[] = []): Promise<object> {
  const report = await collectDiagnostics(dataDir, sections);
  const store = new ConfigStore(dataDir);
  if (existsSync(store.file)) store.load();
  return { kind: 'hall-kiosk-diagnostics', report, configuration: staffView(store.config), logs: recentLogLines(dataDir) };
}
