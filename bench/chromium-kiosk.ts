// For benchmarks that drive the kiosk in Chromium (benchmarks import no test helper): the web shell
// as its own process on a fresh data directory, as `npm start` runs it on a machine without
// Electron, and Debian's chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchFilePath } from '../main/web-shell/launch-file';
import { requestJsonLine } from '../devices/emulators/json-line-socket';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
/** The built renderer; KIOSK_E2E_RENDERER_DIR points at a build of one's own (as for the e2e tests). */
export const RENDERER_DIR = process.env.KIOSK_E2E_RENDERER_DIR ?? path.join(REPO_ROOT, 'dist', 'renderer');

export interface WebShellProcess {
  dataDir: string;
  /** The URL with the per-launch token, as the launch file sends the browser to it. */
  launchUrl: string;
  stop(): Promise<void>;
}

/** Builds the renderer into RENDERER_DIR when it is not there. */
export function ensureRenderer(): void {
  if (existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--outDir', RENDERER_DIR], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the renderer build failed');
}

/** The web shell on a fresh data directory holding `config` (merged over the embedded defaults). */
export async function startWebShellProcess(config: Record<string, unknown>): Promise<WebShellProcess> {
  ensureRenderer();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config, null, 2));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'main', 'web-shell', 'main.ts'), '--data', dataDir, '--no-open', '--renderer-dir', RENDERER_DIR],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  // The shell prints the launch file's path once it has written it; the token is only in the file.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the web shell did not start in 60 s:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      if (!/^Launch page .*\n/m.test(out)) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the web shell exited with ${code}:\n${out}`));
    });
  });
  const launchUrl = /url=(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(readFileSync(launchFilePath(dataDir), 'utf8'))?.[1];
  if (!launchUrl) throw new Error(`no launch URL in ${launchFilePath(dataDir)}`);
  return {
    dataDir,
    launchUrl,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Debian's chromium, headless, with `extraArgs` (a fake camera, ...). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  });
}

/** A kiosk-sized page (1920×1080 touch screen). */
export async function kioskPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true, locale: 'zh-CN' });
  return context.newPage();
}

/** Scripts one of the running kiosk's device emulators through its control socket (run/DEVICE.ctl). */
export function emulatorControl(shell: WebShellProcess, device: 'ttyIdCard' | 'ttyPrinter' | 'ttyScanner', message: object): Promise<unknown> {
  return requestJsonLine(path.join(shell.dataDir, 'run', `${device}.ctl`), message);
}
