import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PROFILE_DIR_NAME } from '../security/private-data-dir';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(candidates = CHROMIUM_CANDIDATES): string | null {
  return candidates.find((c) => existsSync(c)) ?? null;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Flags for Chromium as a kiosk: app window, full screen, no first-run noise, camera allowed.
 * `url` is the launch file's file:// URL: a command line is readable by every local user, so
 * the token never goes on it.
 */
export function kioskChromiumArgs(url: string, profileDir: string): string[] {
  return [
    `--app=${url}`,
    '--kiosk',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate,TranslateUI',
    '--overscroll-history-navigation=0',
    '--disable-pinch',
    '--noerrdialogs',
    // The kiosk's own page may use the camera without a prompt nobody could answer.
    '--use-fake-ui-for-media-stream',
  ];
}

export function openKioskBrowser(executable: string, launchFileUrl: string, dataDir: string): ChildProcess {
  const child = spawn(executable, kioskChromiumArgs(launchFileUrl, path.join(dataDir, CHROMIUM_PROFILE_DIR_NAME)), {
    stdio: 'ignore',
    detached: false,
  });
  child.on('error', () => undefined);
  return child;
}
