import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'hall-kiosk';

/**
 * The terminal's data directory on embedded defaults: the same folder Electron's
 * `app.getPath('userData')` gives for this app, so both shells share one terminal state.
 * KIOSK_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KIOSK_DATA_DIR) return path.resolve(env.KIOSK_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

/**
 * The assets/ folder (default catalog, voice prompts): KIOSK_ASSETS_DIR, else found by walking
 * up from this module (works from sources, from dist/, and inside app.asar).
 */
export function resolveAssetsDir(fromDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.KIOSK_ASSETS_DIR) return path.resolve(env.KIOSK_ASSETS_DIR);
  let dir = fromDir;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'assets');
    if (existsSync(path.join(candidate, 'catalog', 'default-catalog.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`assets/ not found above ${fromDir}; set KIOSK_ASSETS_DIR`);
}
