import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RpcResult } from '../../common/rpc/contract';
import { defaultDataDir } from '../../main/config/paths';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/csp';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../main/electron/ipc-channels';
import { SAFE_STORAGE_KEY_FILE_NAME } from '../../main/electron/safe-storage-key-provider';
import { runElectronShell } from '../../main/electron/shell';
import { createFakeElectron, type FakeElectron } from './fake-electron';
import { nextEvent } from '../helpers/next-event';

const repoAssets = path.resolve(__dirname, '..', '..', 'assets');

let root: string;
let dataDir: string;
let appPath: string;
let env: NodeJS.ProcessEnv;
const running: { fake: FakeElectron }[] = [];
const startupErrors: Record<string, unknown>[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-shell-'));
  dataDir = path.join(root, 'data');
  appPath = path.join(root, 'app');
  mkdirSync(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  mkdirSync(path.join(appPath, 'dist', 'electron'), { recursive: true });
  writeFileSync(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  env = { KIOSK_DATA_DIR: dataDir, KIOSK_ASSETS_DIR: repoAssets };
});

afterEach(async () => {
  for (const { fake } of running.splice(0)) {
    if (!fake.calls.some(([name]) => name === 'ready')) continue; // never booted: nothing to stop
    let done = fake.app.exitCode !== null;
    fake.app.once('quit-done', () => (done = true));
    fake.app.quit();
    await vi.waitFor(() => expect(done || fake.app.exitCode !== null).toBe(true), { timeout: 15_000 });
    // The core's log file is opened asynchronously: let it exist before the folder goes.
    if (existsSync(path.join(dataDir, 'logs')))
      await vi.waitFor(() => expect(existsSync(path.join(dataDir, 'logs', 'kiosk.log'))).toBe(true), { timeout: 15_000 });
  }
  rmSync(root, { recursive: true, force: true });
});

let booted: BootedKiosk | null = null;

async function startShell(options: { lock?: boolean; encryptionAvailable?: boolean; packaged?: boolean } = {}) {
  const fake = createFakeElectron({ appPath, ...options });
  const boot = async (bootOptions: Parameters<typeof bootKiosk>[0]) => (booted = await bootKiosk(bootOptions));
  const shell = runElectronShell(fake.modules, {
    env,
    boot,
    log: { info: () => undefined, warn: () => undefined, error: (fields) => startupErrors.push(fields) },
  });
  running.push({ fake });
  return { fake, shell };
}

async function startReadyShell(options: { packaged?: boolean } = {}) {
  const { fake, shell } = await startShell(options);
  if (!shell) throw new Error('shell did not start');
  fake.fireReady();
  await shell.ready;
  const core = booted?.core;
  if (!core) throw new Error('the shell booted no core');
  const window = fake.windows[0];
  if (!window) throw new Error(`no window; calls: ${JSON.stringify(fake.calls)}; errors: ${JSON.stringify(fake.errorBoxes)}`);
  const invoke = fake.invokeHandlers.get(INVOKE_CHANNEL);
  if (!invoke) throw new Error('no invoke handler');
  const call = (url: string, method: unknown, input: unknown) =>
    invoke({ senderFrame: { url, parent: null }, sender: window.webContents }, method, input) as Promise<RpcResult>;
  return { fake, shell, window, call, core };
}

const names = (fake: FakeElectron) => fake.calls.map(([name]) => name);

describe('Electron shell before ready', () => {
  it('points userData at the kiosk data dir before taking the single-instance lock, then registers the app scheme', async () => {
    const { fake, shell } = await startShell();
    expect(shell?.dataDir).toBe(dataDir);
    expect(fake.app.paths.userData).toBe(dataDir);
    expect(fake.app.paths.sessionData).toBe(path.join(dataDir, 'chromium'));
    const order = names(fake);
    expect(order.indexOf('app.setPath')).toBeLessThan(order.indexOf('app.requestSingleInstanceLock'));
    expect(order.indexOf('app.requestSingleInstanceLock')).toBeLessThan(order.indexOf('protocol.registerSchemesAsPrivileged'));
    expect(order).not.toContain('ready');
    const registered = fake.calls.find(([name]) => name === 'protocol.registerSchemesAsPrivileged')?.[1];
    expect(registered).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('uses defaultDataDir(), which on Linux is the userData Electron would give an app named hall-kiosk', () => {
    const linuxEnv = { XDG_CONFIG_HOME: '/home/kiosk/.config' };
    expect(defaultDataDir(linuxEnv, 'linux')).toBe(path.join('/home/kiosk/.config', 'hall-kiosk'));
  });

  it('quits at once, with no window and no core, when another instance holds the lock', async () => {
    const { fake, shell } = await startShell({ lock: false });
    expect(shell).toBeNull();
    expect(names(fake)).toContain('app.quit');
    expect(names(fake)).not.toContain('protocol.registerSchemesAsPrivileged');
    fake.fireReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(fake.windows).toHaveLength(0);
    expect(fake.invokeHandlers.size).toBe(0);
  });
});

describe('Electron shell when ready', () => {
  it('removes the menu, keeps the display awake and opens the kiosk window on app://kiosk/', async () => {
    const { fake, window } = await startReadyShell();
    expect(fake.calls).toContainEqual(['Menu.setApplicationMenu', null]);
    expect(fake.calls).toContainEqual(['powerSaveBlocker.start', 'prevent-display-sleep']);
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true } });
    expect((window.options.webPreferences as { preload: string }).preload).toBe(path.join(appPath, 'dist', 'electron', 'preload.cjs'));
    expect(window.loaded).toEqual(['app://kiosk/']);
    window.emit('ready-to-show');
    expect(window.calls).toContain('show');
  });

  it('has no devtools once packaged', async () => {
    const { window } = await startReadyShell({ packaged: true });
    expect(window.options).toMatchObject({ kiosk: true, webPreferences: { devTools: false } });
  });

  it('seals the data key with safeStorage in the data dir', async () => {
    await startReadyShell();
    expect(existsSync(path.join(dataDir, SAFE_STORAGE_KEY_FILE_NAME))).toBe(true);
    expect(existsSync(path.join(dataDir, 'kiosk.key'))).toBe(false);
  });

  it('serves the renderer over app:// with the CSP and locks down the session', async () => {
    const { fake } = await startReadyShell();
    const handler = fake.protocolHandlers.get('app');
    const response = await handler?.({ url: 'app://kiosk/', method: 'GET' });
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    const granted: boolean[] = [];
    fake.permissionRequestHandler?.({}, 'media', (ok: boolean) => granted.push(ok), {
      requestingUrl: 'app://kiosk/',
      isMainFrame: true,
      mediaTypes: ['video'],
    });
    fake.permissionRequestHandler?.({}, 'geolocation', (ok: boolean) => granted.push(ok), { requestingUrl: 'app://kiosk/', isMainFrame: true });
    expect(granted).toEqual([true, false]);

    const headerAnswers: unknown[] = [];
    fake.headersHandler?.({ url: 'app://kiosk/', responseHeaders: {} }, (r) => headerAnswers.push(r));
    expect(headerAnswers).toEqual([{ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }]);
    const requestAnswers: unknown[] = [];
    fake.beforeRequestHandler?.({ url: 'https://evil.example/beacon' }, (r) => requestAnswers.push(r));
    fake.beforeRequestHandler?.({ url: 'app://kiosk/assets/a.js' }, (r) => requestAnswers.push(r));
    expect(requestAnswers).toEqual([{ cancel: true }, { cancel: false }]);
  });

  it('hardens the window: foreign navigation and new windows are blocked', async () => {
    const { window } = await startReadyShell();
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    window.webContents.emit('will-navigate', event, 'https://evil.example/');
    expect(event.prevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('carries RPC calls from the app to the same core the web shell hosts, and refuses foreign frames', async () => {
    const { call } = await startReadyShell();
    const about = await call('app://kiosk/', 'system.about', {});
    expect(about).toMatchObject({ ok: true, output: { shell: 'electron', dataDir } });
    const invalid = await call('app://kiosk/', 'system.ping', { nonce: '' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const foreign = await call('https://evil.example/', 'system.about', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('forwards core events to the window', async () => {
    const { window, call } = await startReadyShell();
    const reset = await call('app://kiosk/', 'session.reset', { reason: 'idle' });
    expect(reset.ok).toBe(true);
    const sessionId = reset.ok ? (reset.output as { sessionId: string }).sessionId : '';
    expect(window.webContents.sent).toContainEqual([EVENT_CHANNEL, 'session.reset', { sessionId, reason: 'idle' }]);
  });

  it('reloads the page after a renderer crash, and relaunches the app after repeated crashes', async () => {
    const { fake, window } = await startReadyShell();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await vi.waitFor(() => expect(window.loaded).toEqual(['app://kiosk/', 'app://kiosk/']));
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(names(fake)).not.toContain('app.relaunch');
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(names(fake)).toContain('app.relaunch');
    expect(names(fake)).toContain('app.quit');
  });

  it('ends the session when the renderer goes: process gone, main-frame navigation (not same-document), WebContents destroyed', async () => {
    const { window, core } = await startReadyShell();
    const reasons: string[] = [];
    core.subscribe((event, payload) => {
      if (event === 'session.reset') reasons.push((payload as { reason: string }).reason);
    });
    window.webContents.emit('did-start-navigation', { url: 'app://kiosk/#menu', isMainFrame: true, isSameDocument: true });
    window.webContents.emit('did-start-navigation', { url: 'app://kiosk/', isMainFrame: false, isSameDocument: false });
    expect(reasons).toEqual([]);
    window.webContents.emit('did-start-navigation', { url: 'app://kiosk/', isMainFrame: true, isSameDocument: false });
    expect(reasons).toEqual(['renderer']);
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(reasons).toEqual(['renderer', 'renderer']);
    window.webContents.destroyed = true;
    window.webContents.emit('destroyed');
    expect(reasons).toEqual(['renderer', 'renderer', 'renderer']);
  });

  it('forgets the citizen a crashed renderer showed: the reloaded page cannot read their results', async () => {
    const { window, core, call } = await startReadyShell();
    const identified = nextEvent(core, 'identity.changed', (p) => p.kind === 'identified');
    await vi.waitFor(async () => expect(await call('app://kiosk/', 'demo.card.place', { card: 'resident' })).toMatchObject({ ok: true }), { timeout: 15_000 });
    await identified;
    await call('app://kiosk/', 'demo.card.remove', {});
    expect(await call('app://kiosk/', 'results.list', {})).toMatchObject({ ok: true, output: { results: expect.any(Array) } });
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(await call('app://kiosk/', 'results.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/needs the citizen identified/) },
    });
  });

  it('brings the window to the front when a second instance starts', async () => {
    const { fake, window } = await startReadyShell();
    window.minimized = true;
    fake.app.emit('second-instance', {}, [], '/');
    expect(window.calls).toEqual(expect.arrayContaining(['restore', 'show', 'focus']));
  });

  it('stops the core and releases the display on quit', async () => {
    const { fake } = await startReadyShell();
    fake.app.quit();
    await vi.waitFor(() => expect(fake.calls.filter(([name]) => name === 'app.quit')).toHaveLength(2), { timeout: 10_000 });
    expect(names(fake)).toContain('powerSaveBlocker.stop');
    expect(fake.invokeHandlers.has(INVOKE_CHANNEL)).toBe(false);
    const log = path.join(dataDir, 'logs', 'kiosk.log');
    await vi.waitFor(() => expect(existsSync(log) && readFileSync(log, 'utf8')).toContain('kiosk core stopped'), { timeout: 15_000 });
  });
});

describe('Electron shell that cannot protect the data key', () => {
  it('shows why and exits non-zero, without opening a window', async () => {
    const { fake, shell } = await startShell({ encryptionAvailable: false });
    fake.fireReady();
    await shell?.ready;
    expect(fake.errorBoxes).toEqual([['Hall Kiosk cannot start', expect.stringMatching(/safeStorage cannot encrypt/)]]);
    expect(startupErrors).toContainEqual({ err: expect.stringMatching(/safeStorage cannot encrypt/) });
    expect(fake.app.exitCode).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.invokeHandlers.size).toBe(0);
  });
});
