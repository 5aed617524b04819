import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bootKiosk } from '../host/boot';
import { defaultDataDir } from '../config/paths';
import { startWebShell } from './web-shell';
import { findChromium, hasDisplay, openKioskBrowser } from './browser';
import { removeLaunchFile, writeLaunchFile } from './launch-file';

/**
 * The web shell process: the kiosk core, the built renderer and the RPC WebSocket on 127.0.0.1,
 * and (unless --no-open) Debian's chromium in kiosk mode pointed at it.
 */
export async function runWebShell(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-open': { type: 'boolean', default: false },
      'renderer-dir': { type: 'string' },
    },
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const rendererDir = path.resolve(values['renderer-dir'] ?? path.join(here, '..', 'renderer'));
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);

  const kiosk = await bootKiosk({ dataDir, shell: 'web', logToStdout: false });
  const shell = await startWebShell({ core: kiosk.core, rendererDir, port });
  // The token is only in this file (0600): not on stdout, not on Chromium's command line.
  const launch = writeLaunchFile(dataDir, shell.launchUrl);
  console.log(`Kiosk web shell on ${shell.url} (data: ${dataDir})`);
  console.log(`Launch page (carries this launch's token; readable by this user only): ${launch.file}`);

  const chromium = values['no-open'] ? null : findChromium();
  if (chromium && hasDisplay()) {
    openKioskBrowser(chromium, launch.url, dataDir);
    console.log(`Opened ${chromium} in kiosk mode. Press Ctrl+C here to stop the kiosk.`);
  } else {
    console.log(`Open the launch page in Chromium: ${launch.url}`);
  }

  const shutdown = async () => {
    removeLaunchFile(dataDir);
    await shell.close();
    await kiosk.stop();
    process.exit(0);
  };
  const onSignal = () => {
    shutdown().catch((err: unknown) => {
      console.error(`web shell: shutdown failed: ${(err as Error).message}`);
      process.exit(1);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

runWebShell(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`web shell: ${(err as Error).message}`);
  process.exit(1);
});
