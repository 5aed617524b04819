// For benchmarks that drive the kiosk in Chromium: the web shell as its own process and Debian's
// chromium, from testing/chromium (shared with the e2e tests); a benchmark builds the renderer itself
// when it is missing, where the e2e tests expect `npm test` to have built it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../testing/repo-root';
import { RENDERER_DIR, startWebShellProcess as startShell, type RunningWebShell } from '../testing/chromium/web-shell-process';

export { REPO_ROOT } from '../testing/repo-root';
export { kioskPage, launchChromium } from '../testing/chromium/chromium';
export { emulatorControl, RENDERER_DIR } from '../testing/chromium/web-shell-process';
export type WebShellProcess = RunningWebShell;

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
  return startShell(config);
}
