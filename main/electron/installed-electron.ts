import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The Electron binary the `electron` npm package (at `packageDir`) has already downloaded, or
 * null. Unlike `require('electron')`, this never starts a download: since Electron 42 the package
 * has no postinstall script and its `index.js` downloads a missing binary on first require, which
 * on a network that blocks the download would stall `npm start` before it falls back to the web
 * shell. The package writes `path.txt` (the executable's path inside `dist/`) once extracted.
 */
export function installedElectronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  let relative: string;
  try {
    relative = readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
