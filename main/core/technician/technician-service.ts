import { statfsSync } from 'node:fs';
import { APP_VERSION } from '../../../common/version';
import { maskName } from '../../../common/privacy/mask';
import { RpcError } from '../../../common/rpc/errors';
import { renderTestPage } from '../../../devices/printer/layouts/test-page';
import { PrintError } from '../../../devices/printer/print-error';
import type { CoreService } from '../../../base/lifecycle';
import type { IdCardService } from '../devices/id-card-service';
import type { PrinterService } from '../devices/printer-service';
import type { ScannerService } from '../devices/scanner-service';
import { identityDisplay } from '../identity/identity-service';
import type { DeviceName, DeviceStateRegistry } from '../system/device-states';
import type { PortResolver } from '../devices/id-card-service';
import type { OfflineQueueStack } from '../../../offline-queue/offline-queue-stack';
import { diagnosticsBundle, type DiagnosticsSection } from './diagnostics';
import { writeFileAtomic } from '../../../base/atomic-write';
import { ensurePrivateDir } from '../../../base/private-files';
import path from 'node:path';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { ParsedInput } from '../rpc/parsed-input';
import type { Clock } from '../../../base/clock';
import type { Logger, RecentLogLines } from '../../logging/logger';
import type { StaffAuth } from '../staff/staff-auth';

/** The parts of the offline-queue stack the technician screen reads and drives. */
export interface TechnicianQueue {
  outbox: Pick<OfflineQueueStack['outbox'], 'stats' | 'deadEntries' | 'retryDead'>;
  engine: Pick<OfflineQueueStack['engine'], 'status' | 'syncNow'>;
  heartbeat: Pick<OfflineQueueStack['heartbeat'], 'status' | 'beat'>;
}

export interface TechnicianDevices {
  idCard: IdCardService;
  printer: PrinterService;
  scanner: ScannerService;
  portOf: PortResolver;
  /** Whether a device is the built-in emulator (embedded defaults). */
  emulated: (device: DeviceName) => boolean;
  /** The A4 printer's target (IPP URI or queue) and whether it is the embedded cups-pdf queue; null when there is none. */
  documentPrinter?: () => { target: string; emulated: boolean } | null;
  queue?: TechnicianQueue;
  hubUrl?: string;
  /** Set when the terminal has no hub it can use ("hub not configured: …"); nothing is sent then. */
  hubProblem?: string;
  /** Extra parts of the diagnostics bundle (outbox, hub link). */
  diagnosticsSections?: DiagnosticsSection[];
}

export function diskSpace(dir: string): { freeBytes: number; totalBytes: number } {
  const s = statfsSync(dir);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}

export interface TechnicianServiceDeps {
  logger: Logger;
  clock: Clock;
  dataDir: string;
  /** The terminal id in force (test page, bundle file name). */
  terminalId: () => string;
  staffAuth: Pick<StaffAuth, 'authorize'>;
  deviceStates: Pick<DeviceStateRegistry, 'get'>;
  recentLogs: Pick<RecentLogLines, 'recent'>;
  hardware: TechnicianDevices;
}

/** The technician screen's data and test actions, behind staff mode (every method checks the staff token). */
export class TechnicianService implements CoreService {
  readonly name = 'technician';
  private readonly startedAt: number;

  constructor(private readonly deps: TechnicianServiceDeps) {
    this.startedAt = deps.clock.now();
  }

  summary({ token }: ParsedInput<'tech.summary'>): RpcOutput<'tech.summary'> {
    this.deps.staffAuth.authorize(token);
    const { deps } = this;
    const names: DeviceName[] = ['idCard', 'printer', 'scanner', 'camera', ...(deps.hardware.documentPrinter ? (['documentPrinter'] as const) : [])];
    const a4 = deps.hardware.documentPrinter?.() ?? null;
    return {
      devices: names.map((device) => {
        const s = deps.deviceStates.get(device);
        return {
          device,
          state: s?.state ?? (device === 'camera' ? 'in-renderer' : 'unknown'),
          since: s?.since ?? new Date(this.startedAt).toISOString(),
          port: device === 'documentPrinter' ? (a4?.target ?? null) : device === 'camera' ? null : deps.hardware.portOf(device),
          emulated: device === 'documentPrinter' ? (a4?.emulated ?? false) : deps.hardware.emulated(device),
          ...(s?.detail ? { detail: s.detail } : {}),
          ...(s?.lastError ? { lastError: s.lastError } : {}),
        };
      }),
      versions: {
        app: APP_VERSION,
        node: process.versions.node,
        platform: `${process.platform}-${process.arch}`,
        ...(process.versions.electron ? { electron: process.versions.electron } : {}),
      },
      disk: { dataDir: deps.dataDir, ...diskSpace(deps.dataDir) },
      uptimeS: Math.floor((deps.clock.now() - this.startedAt) / 1000),
      logs: deps.recentLogs.recent(100),
    };
  }

  async readIdCard({ token, timeoutMs }: ParsedInput<'tech.idcard.read'>): Promise<RpcOutput<'tech.idcard.read'>> {
    this.deps.staffAuth.authorize(token);
    const { clock, hardware } = this.deps;
    const started = clock.now();
    const outcome = await hardware.idCard.waitForRead(timeoutMs);
    const elapsedMs = clock.now() - started;
    if (!outcome) return { read: false, elapsedMs };
    if (outcome.kind === 'rejected') return { read: false, elapsedMs, refused: outcome.rejection };
    const record = outcome.record;
    const display = identityDisplay(record);
    return {
      read: true,
      elapsedMs,
      card: { ...display, birthYear: record.birthDate.slice(0, 4), nameMasked: maskName(record.name) },
    };
  }

  async printerStatus({ token }: ParsedInput<'tech.printer.status'>): Promise<RpcOutput<'tech.printer.status'>> {
    this.deps.staffAuth.authorize(token);
    const status = await this.deps.hardware.printer.refresh();
    return {
      status: status.state,
      ...('reason' in status ? { reason: status.reason } : {}),
      ...('error' in status && status.error ? { detail: status.error } : {}),
      ...('printer' in status && status.printer ? { printer: status.printer } : {}),
    };
  }

  async printTestPage({ token }: ParsedInput<'tech.printer.testPage'>): Promise<RpcOutput<'tech.printer.testPage'>> {
    this.deps.staffAuth.authorize(token);
    const { printer } = this.deps.hardware;
    const job = renderTestPage(
      { terminalId: this.deps.terminalId(), printedAt: new Date(this.deps.clock.now()) },
      { profile: printer.profile, timeZone: printer.timeZone },
    );
    try {
      const result = await printer.print(job);
      return { bytes: result.bytes, paperNearEnd: result.paperNearEnd };
    } catch (err) {
      if (err instanceof PrintError) throw new RpcError('not-ready', `test page not printed: ${err.reason} (${err.message})`);
      throw err;
    }
  }

  queueSummary({ token }: ParsedInput<'tech.queue'>): RpcOutput<'tech.queue'> {
    this.deps.staffAuth.authorize(token);
    const { hardware } = this.deps;
    const queue = this.requireQueue();
    const sync = queue.engine.status();
    const hb = queue.heartbeat.status();
    return {
      stats: queue.outbox.stats(),
      dead: queue.outbox.deadEntries().slice(0, 50),
      sync: {
        lastSuccessAt: sync.lastSuccessAt,
        lastError: sync.lastError,
        nextAttemptAt: sync.nextAttemptAt,
        consecutiveFailures: sync.consecutiveFailures,
        authProblem: sync.authProblem,
      },
      // url null: no usable hub, and lastError says why (the technician screen shows "hub not configured").
      hub:
        hardware.hubProblem !== undefined
          ? { url: null, lastOkAt: null, lastError: hardware.hubProblem, clockSkewMs: null }
          : { url: hardware.hubUrl ?? null, lastOkAt: hb.lastOkAt, lastError: hb.lastError, clockSkewMs: hb.clockSkewMs },
    };
  }

  retryDead({ token, keys }: ParsedInput<'tech.queue.retryDead'>): RpcOutput<'tech.queue.retryDead'> {
    this.deps.staffAuth.authorize(token);
    const queue = this.requireQueue();
    const retried = queue.outbox.retryDead(keys);
    this.deps.logger.info({ retried }, 'dead letters put back in the queue by a technician');
    void queue.engine.syncNow().catch(() => undefined);
    return { retried };
  }

  async checkHub({ token }: ParsedInput<'tech.hub.check'>): Promise<RpcOutput<'tech.hub.check'>> {
    this.deps.staffAuth.authorize(token);
    const queue = this.requireQueue();
    const { hubProblem } = this.deps.hardware;
    if (hubProblem !== undefined) return { reachable: false, rttMs: 0, clockSkewMs: null, error: hubProblem };
    const started = performance.now();
    const reachable = await queue.heartbeat.beat().catch(() => false);
    const rttMs = Math.round(performance.now() - started);
    const hb = queue.heartbeat.status();
    return { reachable, rttMs, clockSkewMs: hb.clockSkewMs, ...(hb.lastError && !reachable ? { error: hb.lastError } : {}) };
  }

  async exportBundle({ token }: ParsedInput<'tech.bundle'>): Promise<RpcOutput<'tech.bundle'>> {
    this.deps.staffAuth.authorize(token);
    const { dataDir, clock, logger, hardware } = this.deps;
    const bundle = await diagnosticsBundle(dataDir, hardware.diagnosticsSections ?? []);
    const dir = path.join(dataDir, 'diagnostics');
    ensurePrivateDir(dir);
    const file = path.join(dir, `bundle-${this.deps.terminalId()}-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.json`);
    const text = JSON.stringify(bundle, null, 2) + '\n';
    writeFileAtomic(file, text, 0o600);
    logger.info({ file }, 'diagnostics bundle exported');
    return { file, bytes: Buffer.byteLength(text) };
  }

  async waitForScan({ token, timeoutMs }: ParsedInput<'tech.scanner.wait'>): Promise<RpcOutput<'tech.scanner.wait'>> {
    this.deps.staffAuth.authorize(token);
    const { clock } = this.deps;
    const started = clock.now();
    const code = await this.deps.hardware.scanner.waitForScan(timeoutMs);
    return { code, elapsedMs: clock.now() - started };
  }

  private requireQueue(): TechnicianQueue {
    if (!this.deps.hardware.queue) throw new RpcError('unavailable', 'no offline queue on this terminal');
    return this.deps.hardware.queue;
  }
}
