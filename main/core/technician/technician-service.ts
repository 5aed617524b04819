import { statfsSync } from 'node:fs';
import { APP_VERSION } from '../../../common/version';
import { maskName } from '../../../common/privacy/mask';
import { RpcError } from '../../../common/rpc/errors';
import { renderTestPage } from '../../../devices/printer/layouts/test-page';
import { PrintError } from '../../../devices/printer/print-error';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../../../base/lifecycle';
import type { IdCardService } from '../devices/id-card-service';
import type { PrinterService } from '../devices/printer-service';
import type { ScannerService } from '../devices/scanner-service';
import { identityDisplay } from '../identity/identity-service';
import type { DeviceName } from '../system/device-states';
import type { PortResolver } from '../devices/id-card-service';
import type { OfflineQueueStack } from '../../../offline-queue/offline-queue-stack';
import { diagnosticsBundle, type DiagnosticsSection } from './diagnostics';
import { writeFileAtomic } from '../../../base/atomic-write';
import { ensurePrivateDir } from '../../../base/private-files';
import path from 'node:path';

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

/** The technician screen's data and test actions, behind staff mode. */
export class TechnicianService implements CoreService {
  readonly name = 'technician';
  private readonly startedAt: number;

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly devices: TechnicianDevices,
  ) {
    this.startedAt = ctx.clock.now();
    const { router, staffAuth } = ctx;

    router.handle('tech.summary', ({ token }) => {
      staffAuth.authorize(token);
      return this.summary();
    });

    router.handle('tech.idcard.read', async ({ token, timeoutMs }) => {
      staffAuth.authorize(token);
      const started = ctx.clock.now();
      const outcome = await devices.idCard.waitForRead(timeoutMs);
      const elapsedMs = ctx.clock.now() - started;
      if (!outcome) return { read: false, elapsedMs };
      if (outcome.kind === 'rejected') return { read: false, elapsedMs, refused: outcome.rejection };
      const record = outcome.record;
      const display = identityDisplay(record);
      return {
        read: true,
        elapsedMs,
        card: { ...display, birthYear: record.birthDate.slice(0, 4), nameMasked: maskName(record.name) },
      };
    });

    router.handle('tech.printer.status', async ({ token }) => {
      staffAuth.authorize(token);
      const status = await devices.printer.refresh();
      return {
        status: status.state,
        ...('reason' in status ? { reason: status.reason } : {}),
        ...('error' in status && status.error ? { detail: status.error } : {}),
        ...('printer' in status && status.printer ? { printer: status.printer } : {}),
      };
    });

    router.handle('tech.printer.testPage', async ({ token }) => {
      staffAuth.authorize(token);
      const job = renderTestPage({ terminalId: ctx.config.config.terminal.id, printedAt: new Date(ctx.clock.now()) }, { profile: devices.printer.profile });
      try {
        const result = await devices.printer.print(job);
        return { bytes: result.bytes, paperNearEnd: result.paperNearEnd };
      } catch (err) {
        if (err instanceof PrintError) throw new RpcError('not-ready', `test page not printed: ${err.reason} (${err.message})`);
        throw err;
      }
    });

    router.handle('tech.queue', ({ token }) => {
      staffAuth.authorize(token);
      return this.queueSummary();
    });

    router.handle('tech.queue.retryDead', ({ token, keys }) => {
      staffAuth.authorize(token);
      const queue = this.requireQueue();
      const retried = queue.outbox.retryDead(keys);
      ctx.logger.info({ retried }, 'dead letters put back in the queue by a technician');
      void queue.engine.syncNow().catch(() => undefined);
      return { retried };
    });

    router.handle('tech.hub.check', async ({ token }) => {
      staffAuth.authorize(token);
      const queue = this.requireQueue();
      if (devices.hubProblem !== undefined) return { reachable: false, rttMs: 0, clockSkewMs: null, error: devices.hubProblem };
      const started = performance.now();
      const reachable = await queue.heartbeat.beat().catch(() => false);
      const rttMs = Math.round(performance.now() - started);
      const hb = queue.heartbeat.status();
      return { reachable, rttMs, clockSkewMs: hb.clockSkewMs, ...(hb.lastError && !reachable ? { error: hb.lastError } : {}) };
    });

    router.handle('tech.bundle', async ({ token }) => {
      staffAuth.authorize(token);
      const bundle = await diagnosticsBundle(ctx.dataDir, devices.diagnosticsSections ?? []);
      const dir = path.join(ctx.dataDir, 'diagnostics');
      ensurePrivateDir(dir);
      const file = path.join(dir, `bundle-${ctx.config.config.terminal.id}-${new Date(ctx.clock.now()).toISOString().replace(/[:.]/g, '-')}.json`);
      const text = JSON.stringify(bundle, null, 2) + '\n';
      writeFileAtomic(file, text, 0o600);
      ctx.logger.info({ file }, 'diagnostics bundle exported');
      return { file, bytes: Buffer.byteLength(text) };
    });

    router.handle('tech.scanner.wait', async ({ token, timeoutMs }) => {
      staffAuth.authorize(token);
      const started = ctx.clock.now();
      const code = await devices.scanner.waitForScan(timeoutMs);
      return { code, elapsedMs: ctx.clock.now() - started };
    });
  }

  private requireQueue(): TechnicianQueue {
    if (!this.devices.queue) throw new RpcError('unavailable', 'no offline queue on this terminal');
    return this.devices.queue;
  }

  queueSummary() {
    const queue = this.requireQueue();
    const sync = queue.engine.status();
    const hb = queue.heartbeat.status();
    return {
      stats: queue.outbox.stats(),
      dead: queue.outbox.deadEntries().slice(0, 50),
      sync: { lastSuccessAt: sync.lastSuccessAt, lastError: sync.lastError, nextAttemptAt: sync.nextAttemptAt, consecutiveFailures: sync.consecutiveFailures, authProblem: sync.authProblem },
      // url null: no usable hub, and lastError says why (the technician screen shows "hub not configured").
      hub:
        this.devices.hubProblem !== undefined
          ? { url: null, lastOkAt: null, lastError: this.devices.hubProblem, clockSkewMs: null }
          : { url: this.devices.hubUrl ?? null, lastOkAt: hb.lastOkAt, lastError: hb.lastError, clockSkewMs: hb.clockSkewMs },
    };
  }

  summary() {
    const { ctx, devices } = this;
    const names: DeviceName[] = ['idCard', 'printer', 'scanner', 'camera'];
    return {
      devices: names.map((device) => {
        const s = ctx.devices.get(device);
        return {
          device,
          state: s?.state ?? (device === 'camera' ? 'in-renderer' : 'unknown'),
          since: s?.since ?? new Date(this.startedAt).toISOString(),
          port: device === 'camera' ? null : devices.portOf(device),
          emulated: devices.emulated(device),
          ...(s?.detail ? { detail: s.detail } : {}),
          ...(s?.lastError ? { lastError: s.lastError } : {}),
        };
      }),
      versions: { app: APP_VERSION, node: process.versions.node, platform: `${process.platform}-${process.arch}`, ...(process.versions.electron ? { electron: process.versions.electron } : {}) },
      disk: { dataDir: ctx.dataDir, ...diskSpace(ctx.dataDir) },
      uptimeS: Math.floor((ctx.clock.now() - this.startedAt) / 1000),
      logs: ctx.recentLogs.recent(100),
    };
  }
}
