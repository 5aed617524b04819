import { EventEmitter } from 'node:events';
import type { ElectronModules } from '../../main/electron/shell';

/**
 * A stand-in for the parts of Electron the shell touches (Electron's binary cannot run here).
 * It records what the shell asked for, and lets a test play Electron's side: fire `ready`,
 * send an IPC call from a given frame URL, crash the renderer, start a second instance.
 */

export type Call = [name: string, ...args: unknown[]];

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  readonly sent: unknown[][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  forcefullyCrashRenderer(): void {
    this.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 0 });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  readonly calls: string[] = [];
  minimized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.url = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
}

export interface FakeElectron {
  modules: ElectronModules;
  calls: Call[];
  app: EventEmitter & { paths: Record<string, string>; exitCode: number | null; quit(): void };
  fireReady(): void;
  invokeHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  protocolHandlers: Map<string, (request: { url: string; method: string }) => Promise<Response>>;
  permissionRequestHandler: ((...args: unknown[]) => void) | null;
  headersHandler: ((details: unknown, callback: (r: unknown) => void) => void) | null;
  beforeRequestHandler: ((details: unknown, callback: (r: unknown) => void) => void) | null;
  errorBoxes: string[][];
  windows: FakeBrowserWindow[];
}

export interface FakeElectronOptions {
  lock?: boolean;
  appPath: string;
  encryptionAvailable?: boolean;
  backend?: string;
  packaged?: boolean;
}

/** Reversible stand-in for safeStorage: not the key in clear, readable only through decryptString. */
export function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const prefix = Buffer.from('v11');
  const mask = (data: Buffer) => Buffer.from(data.map((byte, i) => byte ^ (0x5a + (i % 7))));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.concat([prefix, mask(Buffer.from(plain, 'utf8'))]),
    decryptString: (encrypted: Buffer) => {
      if (!encrypted.subarray(0, 3).equals(prefix)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return mask(encrypted.subarray(3)).toString('utf8');
    },
  };
}

export function createFakeElectron(options: FakeElectronOptions): FakeElectron {
  const calls: Call[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  let resolveReady!: () => void;
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));

  const app = Object.assign(new EventEmitter(), {
    paths: { appData: '/fake/appData', userData: '/fake/appData/Hall Kiosk' } as Record<string, string>,
    exitCode: null as number | null,
    isPackaged: options.packaged ?? false,
    commandLine: { appendSwitch: record('app.commandLine.appendSwitch') },
    setPath(name: string, value: string) {
      calls.push(['app.setPath', name, value]);
      app.paths[name] = value;
    },
    getPath(name: string) {
      return app.paths[name] ?? `/fake/${name}`;
    },
    getAppPath: () => options.appPath,
    requestSingleInstanceLock() {
      calls.push(['app.requestSingleInstanceLock']);
      return options.lock ?? true;
    },
    quit() {
      calls.push(['app.quit']);
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      app.emit('before-quit', event);
      if (!event.defaultPrevented) app.emit('quit-done');
    },
    exit(code: number) {
      calls.push(['app.exit', code]);
      app.exitCode = code;
    },
    relaunch: record('app.relaunch'),
    whenReady: () => whenReady,
  });

  const invokeHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const protocolHandlers = new Map<string, (request: { url: string; method: string }) => Promise<Response>>();
  const fake: FakeElectron = {
    calls,
    app,
    invokeHandlers,
    protocolHandlers,
    permissionRequestHandler: null,
    headersHandler: null,
    beforeRequestHandler: null,
    errorBoxes: [],
    windows: [],
    fireReady: () => {
      calls.push(['ready']);
      resolveReady();
    },
    modules: undefined as unknown as ElectronModules,
  };
  let blockerId = 0;
  const blockers = new Set<number>();

  class BrowserWindow extends FakeBrowserWindow {
    constructor(windowOptions: Record<string, unknown>) {
      super(windowOptions);
      calls.push(['new BrowserWindow']);
      fake.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
  }

  const modules = {
    app,
    BrowserWindow,
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        calls.push(['ipcMain.handle', channel]);
        invokeHandlers.set(channel, handler);
      },
      removeHandler(channel: string) {
        calls.push(['ipcMain.removeHandler', channel]);
        invokeHandlers.delete(channel);
      },
    },
    Menu: { setApplicationMenu: record('Menu.setApplicationMenu') },
    powerSaveBlocker: {
      start(type: string) {
        calls.push(['powerSaveBlocker.start', type]);
        blockers.add(++blockerId);
        return blockerId;
      },
      stop(id: number) {
        calls.push(['powerSaveBlocker.stop', id]);
        blockers.delete(id);
      },
      isStarted: (id: number) => blockers.has(id),
    },
    protocol: {
      registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged'),
      handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) {
        calls.push(['protocol.handle', scheme]);
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler(handler: (...args: unknown[]) => void) {
          fake.permissionRequestHandler = handler;
        },
        setPermissionCheckHandler: record('session.setPermissionCheckHandler'),
        setDevicePermissionHandler: record('session.setDevicePermissionHandler'),
        webRequest: {
          onHeadersReceived(handler: FakeElectron['headersHandler']) {
            fake.headersHandler = handler;
          },
          onBeforeRequest(handler: FakeElectron['beforeRequestHandler']) {
            fake.beforeRequestHandler = handler;
          },
        },
      },
    },
    safeStorage: fakeSafeStorage({ available: options.encryptionAvailable, backend: options.backend }),
    dialog: {
      showErrorBox(title: string, content: string) {
        fake.errorBoxes.push([title, content]);
      },
    },
  };
  fake.modules = modules as unknown as ElectronModules;
  return fake;
}
