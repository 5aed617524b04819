import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RpcResult } from '../../common/rpc/contract';
import { INVOKE_CHANNEL } from '../../main/electron/ipc-channels';
import type { FakeElectron } from './fake-electron';

// main.ts is the bundle entry: it takes the real `electron` module, mocked here.
const holder = vi.hoisted(() => ({ fake: null as FakeElectron | null, appPath: '' }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron');
  holder.fake = createFakeElectron({ appPath: holder.appPath });
  return holder.fake.modules;
});

let root: string;
let dataDir: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-main-'));
  dataDir = path.join(root, 'data');
  holder.appPath = path.join(root, 'app');
  mkdirSync(path.join(holder.appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(path.join(holder.appPath, 'dist', 'renderer', 'index.html'), '<!doctype html>');
  vi.stubEnv('KIOSK_DATA_DIR', dataDir);
  vi.stubEnv('KIOSK_ASSETS_DIR', path.resolve(__dirname, '..', '..', 'assets'));
});

afterAll(async () => {
  const fake = holder.fake;
  if (fake) {
    let done = false;
    fake.app.once('quit-done', () => (done = true));
    fake.app.quit();
    await vi.waitFor(() => expect(done).toBe(true), { timeout: 15_000 });
    await vi.waitFor(() => expect(existsSync(path.join(dataDir, 'logs', 'kiosk.log'))).toBe(true), { timeout: 15_000 });
  }
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('main.ts (the bundle entry) with electron mocked', () => {
  it('starts the shell on the electron module: userData, lock, then on ready the window and the RPC', async () => {
    await import('../../main/electron/main');
    const fake = holder.fake;
    if (!fake) throw new Error('electron was never imported');
    expect(fake.app.paths.userData).toBe(dataDir);
    expect(fake.calls.map(([name]) => name)).toContain('app.requestSingleInstanceLock');

    fake.fireReady();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 15_000 });
    const invoke = fake.invokeHandlers.get(INVOKE_CHANNEL);
    const about = (await invoke?.({ senderFrame: { url: 'app://kiosk/', parent: null } }, 'system.about', {})) as RpcResult;
    expect(about).toMatchObject({ ok: true, output: { shell: 'electron', dataDir } });
  });
});
