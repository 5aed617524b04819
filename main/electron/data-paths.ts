import path from 'node:path';
import type { App } from 'electron';

/**
 * Points Electron's userData at the kiosk data directory (defaultDataDir(): ~/.config/hall-kiosk
 * on Linux, or KIOSK_DATA_DIR), so the Electron shell, the web shell and kioskctl share one
 * terminal state. Needed because Electron derives userData from package.json's productName
 * ("Hall Kiosk") before main runs, and app.setName() afterwards does not move it. Chromium's own
 * profile (cache, local storage) goes to a `chromium/` subfolder instead of mixing with ours.
 * Must run before `ready` and before the single-instance lock (which lives in userData).
 */
export function useKioskDataDir(app: Pick<App, 'setPath'>, dataDir: string): void {
  app.setPath('userData', dataDir);
  app.setPath('sessionData', path.join(dataDir, 'chromium'));
}
