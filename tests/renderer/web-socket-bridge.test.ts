import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WS from 'ws';
import { RENDERER_REPLACED_CLOSE_CODE } from '../../common/rpc/web-socket-close-codes';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { createLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import { startWebShell, type WebShell } from '../../main/web-shell/web-shell';
import { WebSocketBridge } from '../../renderer/src/bridge/web-socket-bridge';

/**
 * The renderer's WebSocket bridge against the real web shell. Node has no browser WebSocket: the
 * `ws` client stands in, sending the page's Origin as a browser does, and every socket the bridge
 * opens is recorded (a reconnect is a new socket).
 */
const sockets: WS[] = [];
let pageOrigin = '';
class BrowserWebSocket extends WS {
  constructor(url: string) {
    super(url, { origin: pageOrigin });
    sockets.push(this);
  }
}

function closeOf(ws: WS): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('WebSocketBridge', () => {
  let dir: string;
  let rendererDir: string;
  let core: KioskCore;
  const shells: WebShell[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-ws-bridge-'));
    rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const destination = new Writable({ write: (_chunk, _e, cb) => cb() });
    core = createKioskCore({ dataDir: dir, shell: 'web', logger: createLogger({ destination }), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
    await core.start();
    vi.stubGlobal('WebSocket', BrowserWebSocket);
  });

  afterEach(() => vi.useRealTimers());

  afterAll(async () => {
    vi.unstubAllGlobals();
    for (const shell of shells) await shell.close();
    await core?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnects after a lost connection, but not after another renderer replaced it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const token = 'bridge-test-token-0123456789';
    const first = await startWebShell({ core, rendererDir, token });
    shells.push(first);
    pageOrigin = first.origin;
    const bridge = new WebSocketBridge(`ws://127.0.0.1:${first.port}/rpc?token=${token}`);
    expect(await bridge.invoke('system.ping', { nonce: 'one' })).toMatchObject({ ok: true, output: { nonce: 'one' } });
    expect(sockets).toHaveLength(1);

    // The shell goes away and comes back on the same port: the bridge reconnects by itself.
    const lost = closeOf(sockets[0]!);
    await first.close();
    expect(await lost).not.toBe(RENDERER_REPLACED_CLOSE_CODE);
    const second = await startWebShell({ core, rendererDir, token, port: first.port });
    shells.push(second);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    await new Promise((resolve) => sockets[1]!.once('open', resolve));
    expect(await bridge.invoke('system.ping', { nonce: 'two' })).toMatchObject({ ok: true, output: { nonce: 'two' } });

    // Another renderer takes over: this bridge stays disconnected and says why.
    const replaced = closeOf(sockets[1]!);
    const other = new WS(`ws://127.0.0.1:${second.port}/rpc?token=${token}`, { origin: second.origin });
    await new Promise((resolve, reject) => other.once('open', resolve).once('error', reject));
    expect(await replaced).toBe(RENDERER_REPLACED_CLOSE_CODE);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(2);
    expect(bridge.isReplaced).toBe(true);
    expect(await bridge.invoke('system.ping', { nonce: 'three' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/another kiosk window/) },
    });
    expect(sockets).toHaveLength(2);
    other.close();
  });

  it('says when the connection is back after a drop (the core ended the session meanwhile), and not on the first connection', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const token = 'bridge-test-token-reconnected-0123';
    const shell = await startWebShell({ core, rendererDir, token });
    shells.push(shell);
    pageOrigin = shell.origin;
    const bridge = new WebSocketBridge(`ws://127.0.0.1:${shell.port}/rpc?token=${token}`);
    let reconnections = 0;
    bridge.onReconnected(() => reconnections++);
    const resets: string[] = [];
    const off = core.subscribe((event, payload) => {
      if (event === 'session.reset') resets.push((payload as { reason: string }).reason);
    });
    const opened = sockets.length;
    expect(await bridge.invoke('system.ping', { nonce: 'first' })).toMatchObject({ ok: true });
    expect(reconnections).toBe(0);

    // The connection drops (the socket is cut, not closed by the shell): the core ends the session.
    const lost = closeOf(sockets[opened]!);
    sockets[opened]!.terminate();
    await lost;
    await expect.poll(() => resets).toContain('renderer');
    expect(reconnections).toBe(0);
    vi.advanceTimersByTime(1000);
    await new Promise((resolve) => sockets[opened + 1]!.once('open', resolve));
    expect(reconnections).toBe(1);
    expect(await bridge.invoke('system.ping', { nonce: 'again' })).toMatchObject({ ok: true });
    expect(reconnections).toBe(1);
    off();
  });
});
