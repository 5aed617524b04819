import path from 'node:path';
import { createKioskCore, type KioskCore, type ShellKind } from '../core/create-kiosk-core';
import { createLogger, RecentLogLines } from '../logging/logger';
import type { KeyProvider } from '../security/key-provider';
import { EmbeddedDevices } from './embedded-devices';
import { IdCardService } from '../core/devices/id-card-service';
import { ScannerService } from '../core/devices/scanner-service';
import { PrinterService } from '../core/devices/printer-service';
import { TechnicianService } from '../core/technician/technician-service';
import { StatusFileWriter } from './status-file';

export interface BootOptions {
  dataDir: string;
  shell: ShellKind;
  /** The Electron shell passes its safeStorage provider; others use the key file. */
  keyProvider?: KeyProvider;
  /** Echo log records on stdout (web shell, kioskctl core run). */
  logToStdout?: boolean;
  assetsDir?: string;
}

export interface BootedKiosk {
  core: KioskCore;
  /** The emulators standing in for unconfigured devices (embedded defaults, demo). */
  embedded: EmbeddedDevices;
  stop(): Promise<void>;
}

/**
 * Starts a kiosk core on its configuration, with what the embedded defaults add (emulated
 * devices, the local reference hub) when the configuration leaves them unset. Shared by the
 * Electron shell, the web shell and `kioskctl core run`, so that all three host the same thing.
 */
export async function bootKiosk(options: BootOptions): Promise<BootedKiosk> {
  const recentLogs = new RecentLogLines();
  const logger = createLogger({
    logDir: path.join(options.dataDir, 'logs'),
    recent: recentLogs,
    stdout: options.logToStdout ?? false,
  });
  let embedded: EmbeddedDevices | undefined;
  const core = createKioskCore({
    dataDir: options.dataDir,
    shell: options.shell,
    logger,
    recentLogs,
    ...(options.keyProvider ? { keyProvider: options.keyProvider } : {}),
    ...(options.assetsDir ? { assetsDir: options.assetsDir } : {}),
    services: (ctx) => {
      const devices = (embedded = new EmbeddedDevices(ctx));
      const idCard = new IdCardService(ctx, devices.portOf);
      const printer = new PrinterService(ctx, devices.portOf);
      const scanner = new ScannerService(ctx, devices.portOf);
      const technician = new TechnicianService(ctx, {
        idCard,
        printer,
        scanner,
        portOf: devices.portOf,
        emulated: (device) => devices.isEmulating(device),
      });
      return [devices, idCard, printer, scanner, technician, new StatusFileWriter(ctx, options.shell, devices.portOf)];
    },
  });
  await core.start();
  return {
    core,
    embedded: embedded!,
    async stop() {
      await core.stop();
    },
  };
}
