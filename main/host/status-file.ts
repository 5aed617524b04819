import { rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../base/atomic-write';
import type { CoreService } from '../../base/lifecycle';
import type { KioskCoreContext } from '../core/create-kiosk-core';
import { STATUS_FILE, type KioskStatusFile } from '../core/system/kiosk-status-file';
import type { PortResolver } from '../core/devices/id-card-service';

/**
 * A running kiosk writes its device states to DATA/run/status.json every few seconds, so that
 * `kioskctl diag` can report them without opening ports the kiosk holds.
 */
export class StatusFileWriter implements CoreService {
  readonly name = 'status-file';
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly file: string;
  private readonly startedAt: string;

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly shell: string,
    private readonly portOf: PortResolver,
    private readonly intervalMs = 2000,
  ) {
    this.file = path.join(ctx.dataDir, STATUS_FILE);
    this.startedAt = new Date(ctx.clock.now()).toISOString();
  }

  write(): void {
    const status: KioskStatusFile = {
      pid: process.pid,
      shell: this.shell,
      updatedAt: new Date(this.ctx.clock.now()).toISOString(),
      startedAt: this.startedAt,
      devices: this.ctx.devices.list().map((d) => ({ ...d, port: d.device === 'camera' || d.device === 'documentPrinter' ? null : this.portOf(d.device) })),
    };
    writeFileAtomic(this.file, JSON.stringify(status, null, 2) + '\n', 0o600);
  }

  start(): void {
    this.write();
    this.unsubscribe = this.ctx.events.subscribe((event) => {
      if (event === 'device.state') this.write();
    });
    this.timer = setInterval(() => this.write(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    rmSync(this.file, { force: true });
  }
}
