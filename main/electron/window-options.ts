import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowOptionsInput {
  /** Absolute path of the built preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** Packaged or NODE_ENV=production: no devtools. */
  production: boolean;
  title?: string;
}

/**
 * The kiosk window: full screen, no frame and no menu, and a renderer that is sandboxed, context
 * isolated and without Node. Everything the renderer may do goes through the preload's two
 * functions.
 */
export function kioskWindowOptions(input: KioskWindowOptionsInput): BrowserWindowConstructorOptions {
  if (!input.preloadPath) throw new Error('kioskWindowOptions: preloadPath is required');
  return {
    title: input.title ?? 'Hall Kiosk',
    kiosk: true,
    fullscreen: true,
    frame: false,
    // Since Electron 43 frameless windows get rounded corners on Linux too: the screen's corners
    // (and the staff gesture's corner taps) stay square and reachable.
    roundedCorners: false,
    autoHideMenuBar: true,
    // Shown on ready-to-show, so a citizen never sees a white flash while the renderer loads.
    show: false,
    backgroundColor: '#000000',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: !input.production,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      experimentalFeatures: false,
      enableWebSQL: false,
      // Voice prompts play on the attract screen before anyone has touched the screen.
      autoplayPolicy: 'no-user-gesture-required',
      zoomFactor: 1,
    },
  };
}
