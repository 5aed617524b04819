import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../repo-root';
import { launchFilePath } from '../../main/web-shell/launch-file';
import { readLaunchUrl } from './launch-url';
import { requestJsonLine } from '../../devices/emulators/json-line-socket';

/** The built renderer; KIOSK_E2E_RENDERER_DIR points elsewhere (a build of one's own while others build too). */
export const RENDERER_DIR = process.env.KIOSK_E2E_RENDERER_DIR ?? path.join(REPO_ROOT, 'dist', 'renderer');

export interface RunningWebShell {
  dataDir: string;
  /** http://127.0.0.1:PORT/ */
  url: string;
  /** The URL with the per-launch token in its fragment, as the launch file sends the browser to it. */
  launchUrl: string;
  token: string;
  /** DATA/run/launch.html, the 0600 page the shell opens Chromium on (file://). */
  launchFile: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the web shell as its own process, exactly as `npm start` does on a machine without
 * Electron, on a fresh data directory holding `config` (merged over the embedded defaults).
 */
export async function startWebShellProcess(config: Record<string, unknown> = {}, options: { dataDir?: string } = {}): Promise<RunningWebShell> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the renderer is not built (${RENDERER_DIR}): run \`npm run build:renderer\` first`);
  }
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'kiosk-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config, null, 2));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'main', 'web-shell', 'main.ts'), '--data', dataDir, '--no-open', '--renderer-dir', RENDERER_DIR],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  // The shell prints the launch file's path once it has written it; the token is only in the file.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (!/^Launch page .*\n/m.test(out)) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited with ${code}:\n${out}`));
    });
  });
  const launchFile = launchFilePath(dataDir);
  const launchUrl = readLaunchUrl(dataDir);
  if (!launchUrl) throw new Error(`no launch URL in ${launchFile}`);
  const [url, token] = launchUrl.split('#token=') as [string, string];
  return {
    dataDir,
    url,
    launchUrl,
    token,
    launchFile,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Scripts one of the running kiosk's device emulators through its control socket (run/DEVICE.ctl). */
export function emulatorControl(shell: RunningWebShell, device: 'ttyIdCard' | 'ttyPrinter' | 'ttyScanner', message: object): Promise<unknown> {
  return requestJsonLine(path.join(shell.dataDir, 'run', `${device}.ctl`), message);
}
