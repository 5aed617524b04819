import { statfsSync } from 'node:fs';
import { APP_VERSION } from '../../../common/version';
import { maskName } from '../../../common/privacy/mask';
import { RpcError } from '../../../common/rpc/errors';
import { renderTestPage } from '../../../devices/printer/layouts/test-page';
import { PrintError } from '../../../devices/printer/print-error';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../lifecycle';
import type { IdCardService } from '../devices/id-card-service';
import type { PrinterService } from '../devices/printer-service';
import type { ScannerService } from '../devices/scanner-service';
import { identityDisplay } from '../identity/identity-service';
import type { DeviceName } from '../system/device-states';
import type { PortResolver } from '../devices/id-card-service';

export interface TechnicianDevices {
  idCard: IdCardService;
  printer: PrinterService;
  scanner: ScannerService;
  portOf: PortResolver;
  /** Whether a device is the built-in emulator (embedded defaults). */
  emulated: (device: DeviceName) => boolean;
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
      const record = await devices.idCard.waitForRead(timeoutMs);
      const elapsedMs = ctx.clock.now() - started;
      if (!record) return { read: false, elapsedMs };
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

    router.handle('tech.scanner.wait', async ({ token, timeoutMs }) => {
      staffAuth.authorize(token);
      const started = ctx.clock.now();
      const code = await devices.scanner.waitForScan(timeoutMs);
      return { code, elapsedMs: ctx.clock.now() - started };
    });
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
