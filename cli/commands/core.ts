import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { APP_VERSION } from '../../common/version';
import { createKioskCore } from '../../main/core/create-kiosk-core';
import { ConfigStore } from '../../main/config/config-store';
import { defaultDataDir, resolveAssetsDir } from '../../main/config/paths';
import { createLogger, RecentLogLines } from '../../main/logging/logger';
import { connectTerminalHub, type TerminalHub } from '../../hub/embedded-hub';
import { HubConnectionError } from '../../offline-queue/hub-connection';
import { createOfflineQueueStack } from '../../offline-queue/offline-queue-stack';
import { CliExit, commandGroup } from '../command-registry';

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

export function registerCoreCommands(program: Command): void {
  const core = commandGroup(program, 'core', 'the kiosk core without a UI');
  core
    .command('run')
    .description('runs the kiosk core headless (outbox, sync, tickets, heartbeat) until SIGINT/SIGTERM')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--hub <url>', 'hub base URL (default: hub.url of config.json; none: start the local reference hub)')
    .option('--terminal-id <id>', 'terminal id (default: terminal.id of config.json)')
    .option('--secret <secret>', 'terminal secret (default: hub.terminalSecret of config.json)')
    .option('--quiet', 'do not echo log records on stdout')
    .action(async (opts: { data: string; hub?: string; terminalId?: string; secret?: string; quiet?: boolean }) => {
      const config = new ConfigStore(opts.data);
      const report = config.load();
      const recentLogs = new RecentLogLines();
      const logger = createLogger({ logDir: path.join(opts.data, 'logs'), recent: recentLogs, stdout: !opts.quiet });
      if (report.refused) logger.error({ issues: report.refused.issues, source: report.source }, 'configuration file refused');
      const assetsDir = resolveAssetsDir(moduleDir());
      let terminalHub: TerminalHub;
      try {
        terminalHub = await connectTerminalHub({ config: config.config, dataDir: opts.data, assetsDir, flags: { hub: opts.hub, terminalId: opts.terminalId, secret: opts.secret } });
      } catch (err) {
        if (err instanceof HubConnectionError) throw new CliExit(1, err.message);
        throw err;
      }
      if (terminalHub.embedded) logger.info({ url: terminalHub.connection.url }, 'no hub configured: local reference hub started');
      const hub = terminalHub.connection;
      const kiosk = createKioskCore({
        dataDir: opts.data,
        shell: 'headless',
        config,
        logger,
        recentLogs,
        assetsDir,
        services: (ctx) =>
          createOfflineQueueStack({
            dataDir: ctx.dataDir,
            keyProvider: ctx.keyProvider,
            config: ctx.config,
            hub,
            logger: ctx.logger,
            clock: ctx.clock,
            appVersion: APP_VERSION,
            devices: () => Object.fromEntries(ctx.devices.list().map((d) => [d.device, d])),
          }).services,
      });
      try {
        await kiosk.start();
      } catch (err) {
        await kiosk.stop().catch(() => undefined);
        await terminalHub.stop();
        throw new CliExit(1, `core could not start: ${(err as Error).message}`);
      }
      // The core's timers are unref'd; this keeps the process up until a signal.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      clearInterval(keepAlive);
      await kiosk.stop();
      await terminalHub.stop();
    });
}
