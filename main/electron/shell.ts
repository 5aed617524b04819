import path from 'node:path';
import type * as ElectronModule from 'electron';
import type { BrowserWindow } from 'electron';
import { bootKiosk, type BootedKiosk, type BootOptions } from '../host/boot';
import { defaultDataDir, resolveAssetsDir } from '../config/paths';
import { APP_SCHEME, APP_URL, appSchemePrivileges } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { createCrashRecovery, watchForHang } from './crash-recovery';
import { useKioskDataDir } from './data-paths';
import { forwardEvents, registerInvokeHandler } from './ipc-bridge';
import { hardenWebContents, isDocumentPrintUrl } from './navigation-guard';
import { DOCUMENT_PRINT_PARTITION, SpoolerDocumentPrinter, type SpoolerElectron } from './spooler-document-printer';
import type { SpoolerPrinterInfo } from './spooler-printer-status';
import { endSessionWhenRendererGoes } from './renderer-session';
import { SafeStorageKeyProvider, safeStorageHallKeys } from './safe-storage-key-provider';
import { lockDownSession } from './session-lockdown';
import { bringWindowToFront, claimSingleInstance } from './single-instance';
import { kioskWindowOptions } from './window-options';

/** The Electron modules the shell uses, passed in (main.ts passes the real ones, tests fakes). */
export type ElectronModules = Pick<
  typeof ElectronModule,
  'app' | 'BrowserWindow' | 'ipcMain' | 'Menu' | 'powerSaveBlocker' | 'protocol' | 'session' | 'safeStorage' | 'dialog'
>;

export interface ElectronShellOptions {
  env?: NodeJS.ProcessEnv;
  /** Starts the core; bootKiosk unless a test replaces it. */
  boot?: (options: BootOptions) => Promise<BootedKiosk>;
  /** Where lines go until the core's logger exists (startup failures); the console by default. */
  log?: ShellLog;
}

export interface ElectronShell {
  readonly dataDir: string;
  /** Settles once the core runs and the kiosk window is loading (or startup failed and the app exits). */
  readonly ready: Promise<void>;
  window(): BrowserWindow | null;
}

export type ShellLog = {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
};

const consoleLog: ShellLog = {
  info: (fields, message) => console.log(`hall-kiosk: ${message}`, fields),
  warn: (fields, message) => console.warn(`hall-kiosk: ${message}`, fields),
  error: (fields, message) => console.error(`hall-kiosk: ${message}`, fields),
};

/**
 * The Electron shell: hosts the same core as the web shell (bootKiosk) behind a locked-down
 * kiosk window. Returns null when another instance already runs (this one quits).
 */
export function runElectronShell(electron: ElectronModules, options: ElectronShellOptions = {}): ElectronShell | null {
  const { app } = electron;
  const env = options.env ?? process.env;
  const boot = options.boot ?? bootKiosk;
  const dataDir = defaultDataDir(env);
  useKioskDataDir(app, dataDir);

  let kioskWindow: BrowserWindow | null = null;
  if (!claimSingleInstance(app, () => bringWindowToFront(kioskWindow))) return null;

  electron.protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
  // A touch screen: no pinch zoom (the 长辈版 switch enlarges the UI instead).
  app.commandLine.appendSwitch('disable-pinch');
  // Linux: Chromium lists speech-dispatcher's voices to Web Speech only with this switch. Without a
  // fitting voice the core's espeak-ng says the prompts instead (docs/decisions.md, "Voice").
  if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');

  let log: ShellLog = options.log ?? consoleLog;
  let booted: BootedKiosk | null = null;
  let removeInvokeHandler: (() => void) | null = null;
  let displaySleepBlocker: number | null = null;
  let quitting = false;
  let stopped = false;

  // The Windows spooler printer's hidden window (its own in-memory session) may show its PDF in Chromium's viewer; nothing else may.
  const isPrintWindow = (contents: { session?: unknown }) =>
    contents.session !== undefined && contents.session === electron.session.fromPartition?.(DOCUMENT_PRINT_PARTITION);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log, isPrintWindow(contents) ? isDocumentPrintUrl : undefined));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    void shutdown().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  const appPath = app.getAppPath();
  const production = app.isPackaged || env.NODE_ENV === 'production';

  let starting: Promise<void> | null = null;
  function start(): Promise<void> {
    starting = startKiosk();
    return starting;
  }

  const spooler: SpoolerElectron = {
    listPrinters: async () => ((await kioskWindow?.webContents.getPrintersAsync()) ?? []) as unknown as SpoolerPrinterInfo[],
    createWindow: (options) => new electron.BrowserWindow(options),
  };

  async function startKiosk(): Promise<void> {
    electron.Menu.setApplicationMenu(null);
    lockDownSession(electron.session.defaultSession);
    electron.protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(appPath, 'dist', 'renderer')));

    const keyStore = { safeStorage: electron.safeStorage, dataDir, allowWeakBackend: env.KIOSK_ALLOW_WEAK_KEYSTORE === '1' };
    const keyProvider = new SafeStorageKeyProvider(keyStore);
    keyProvider.getKey(); // refuse now, with its message, rather than at the first encrypted write
    // Imported and sealed before boot tightens the data directory; its problems are logged by boot.
    const hallKeys = safeStorageHallKeys(keyStore, keyProvider);
    booted = await boot({
      dataDir,
      shell: 'electron',
      keyProvider,
      hallKeys,
      assetsDir: resolveAssetsDir(path.join(appPath, 'dist', 'electron'), env),
      // On Windows a configured A4 printer is a spooler printer, printed to silently; elsewhere CUPS over IPP.
      ...(process.platform === 'win32'
        ? { documentPrinting: { printerFor: (printerName: string) => new SpoolerDocumentPrinter({ printerName, electron: spooler }) } }
        : {}),
    });
    log = booted.core.logger;
    if (quitting) return;

    removeInvokeHandler = registerInvokeHandler(electron.ipcMain, booted.core, log);
    displaySleepBlocker = electron.powerSaveBlocker.start('prevent-display-sleep');
    kioskWindow = createKioskWindow(booted);
  }

  function createKioskWindow(kiosk: BootedKiosk): BrowserWindow {
    const window = new electron.BrowserWindow(kioskWindowOptions({ preloadPath: path.join(appPath, 'dist', 'electron', 'preload.cjs'), production }));
    forwardEvents(kiosk.core, window.webContents);
    const endSession = () => {
      // While quitting, the core is being stopped and the session goes with the process.
      if (!quitting) kiosk.core.session.reset('renderer');
    };
    endSessionWhenRendererGoes(window.webContents, endSession, log);
    const load = () => {
      if (!window.isDestroyed()) window.loadURL(APP_URL).catch((err: Error) => log.error({ err: err.message }, 'kiosk page failed to load'));
    };
    const recovery = createCrashRecovery({
      reloadRenderer: load,
      relaunchApp: () => {
        app.relaunch();
        app.quit();
      },
      log,
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      if (!quitting) recovery.onRenderProcessGone(details.reason, details.exitCode);
    });
    watchForHang(window, {
      crashRenderer: () => {
        if (!window.isDestroyed()) window.webContents.forcefullyCrashRenderer();
      },
      log,
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (kioskWindow === window) kioskWindow = null;
    });
    load();
    return window;
  }

  async function shutdown(): Promise<void> {
    removeInvokeHandler?.();
    removeInvokeHandler = null;
    if (displaySleepBlocker !== null && electron.powerSaveBlocker.isStarted(displaySleepBlocker)) {
      electron.powerSaveBlocker.stop(displaySleepBlocker);
    }
    displaySleepBlocker = null;
    // Quitting while the core boots: let it finish booting, then stop it.
    await (starting as Promise<void> | null)?.catch(() => undefined);
    try {
      await booted?.stop();
    } catch (err) {
      log.error({ err: (err as Error).message }, 'kiosk core failed to stop cleanly');
    }
  }

  async function fail(err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err: message }, 'cannot start');
    try {
      electron.dialog.showErrorBox('Hall Kiosk cannot start', message);
    } catch {
      /* no display: the log line above is all there is */
    }
    try {
      await booted?.stop();
    } catch {
      /* exiting anyway */
    } finally {
      stopped = true;
      app.exit(1);
    }
  }

  const ready: Promise<void> = app.whenReady().then(start);
  const settled = ready.catch(fail);

  return {
    dataDir,
    ready: settled,
    window: () => kioskWindow,
  };
}
