import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { createLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import { startWebShell, type WebShell } from '../../main/web-shell/web-shell';
import { rawExchange, statusOf, UPGRADE_HEADERS } from './raw-http';

/**
 * Whoever reaches the web shell's port may send anything. Each request below once ended the
 * whole kiosk (an exception out of the request or upgrade handler); now each gets its answer and
 * the same shell goes on serving.
 */
describe('web shell under malformed requests', () => {
  let dir: string;
  let core: KioskCore;
  let shell: WebShell;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-web-shell-raw-'));
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const destination = new Writable({ write: (_chunk, _e, cb) => cb() });
    core = createKioskCore({ dataDir: dir, shell: 'web', logger: createLogger({ destination }), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
    await core.start();
    shell = await startWebShell({ core, rendererDir, maxMessageBytes: 1024 });
  });

  afterAll(async () => {
    await shell?.close();
    await core?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const stillServes = async () => statusOf(await rawExchange(shell.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));

  for (const target of ['http://[', '//:99999', 'http://:99999/', '//evil.example/']) {
    it(`answers GET ${target} with 400 and goes on serving`, async () => {
      const response = await rawExchange(shell.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(statusOf(response)).toBe(400);
      expect(await stillServes()).toBe(200);
    });

    it(`refuses an upgrade to ${target} with 400 and goes on serving`, async () => {
      const response = await rawExchange(shell.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE_HEADERS}\r\n`);
      expect(statusOf(response)).toBe(400);
      expect(await stillServes()).toBe(200);
    });
  }

  it('answers a POST to a malformed target with 400', async () => {
    const response = await rawExchange(shell.port, 'POST http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    expect(statusOf(response)).toBe(400);
    expect(await stillServes()).toBe(200);
  });

  it('refuses an upgrade without Origin (403), with another Origin (403), without the token (401)', async () => {
    const rpc = `/rpc?token=${shell.token}`;
    expect(statusOf(await rawExchange(shell.port, `GET ${rpc} HTTP/1.1\r\nHost: 127.0.0.1\r\n${UPGRADE_HEADERS}\r\n`))).toBe(403);
    expect(statusOf(await rawExchange(shell.port, `GET ${rpc} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n${UPGRADE_HEADERS}\r\n`))).toBe(
      403,
    );
    expect(statusOf(await rawExchange(shell.port, `GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${shell.origin}\r\n${UPGRADE_HEADERS}\r\n`))).toBe(401);
    expect(statusOf(await rawExchange(shell.port, `GET ${rpc} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${shell.origin}\r\n${UPGRADE_HEADERS}\r\n`))).toBe(101);
    expect(await stillServes()).toBe(200);
  });

  it('closes a connection that breaks the WebSocket protocol (an oversize message) and goes on serving', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc?token=${shell.token}`, { origin: shell.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(4096));
    expect(await closed).toBe(1009);
    expect(await stillServes()).toBe(200);
  });
});
