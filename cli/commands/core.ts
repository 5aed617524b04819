import type { Command } from 'commander';
import { defaultDataDir } from '../../main/config/paths';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { HubConnectionError } from '../../offline-queue/hub-connection';
import { CliExit, commandGroup } from '../command-registry';
import { hubOptions } from './queue';

export function registerCoreCommands(program: Command): void {
  const core = commandGroup(program, 'core', 'the kiosk core without a UI');
  hubOptions(
    core
      .command('run')
      .description('runs the kiosk core headless (devices, outbox, sync, tickets, heartbeat) until SIGINT/SIGTERM; the same core the shells host')
      .option('--data <dir>', 'data directory', defaultDataDir()),
  )
    .option('--quiet', 'do not echo log records on stdout')
    .action(async (opts: { data: string; hub?: string; terminalId?: string; secret?: string; quiet?: boolean }) => {
      // Listened for before the boot: a signal during it (the embedded hub still starting) stops the core once up.
      const signalled = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      let kiosk: BootedKiosk;
      try {
        kiosk = await bootKiosk({
          dataDir: opts.data,
          shell: 'headless',
          logToStdout: !opts.quiet,
          hub: { hub: opts.hub, terminalId: opts.terminalId, secret: opts.secret },
        });
      } catch (err) {
        if (err instanceof HubConnectionError) throw new CliExit(1, err.message);
        throw new CliExit(1, `core could not start: ${(err as Error).message}`);
      }
      // The core's timers are unref'd; this keeps the process up until a signal.
      const keepAlive = setInterval(() => undefined, 1 << 30);
      await signalled;
      clearInterval(keepAlive);
      await kiosk.stop();
    });
}
