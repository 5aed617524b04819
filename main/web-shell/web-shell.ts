import { createServer, type Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { wireRequestSchema, type WireEvent, type WireResponse } from '../../common/rpc/contract';
import type { KioskCore } from '../core/create-kiosk-core';
import { contentSecurityPolicy, serveStatic } from './static-files';

export interface WebShellOptions {
  core: KioskCore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Per-launch token; a random one when omitted. */
  token?: string;
  /** Largest accepted WebSocket message (camera frames travel here later). */
  maxMessageBytes?: number;
}

export interface WebShell {
  readonly url: string;
  /** The URL to open: the token travels in the fragment, never sent to a server or written to a log. */
  readonly launchUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export const RPC_PATH = '/rpc';

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The web shell: serves the built renderer and carries the core's RPC over a WebSocket on
 * 127.0.0.1. A WebSocket upgrade without the per-launch token, or from another origin, is
 * refused with 401/403 before any message is exchanged.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let origin = '';

  const server: Server = createServer((req, res) => {
    serveStatic(options.rendererDir, req, res, {
      'Content-Security-Policy': contentSecurityPolicy(origin.replace(/^http/, 'ws')),
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 8 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== RPC_PATH) return reject(404, 'Not Found');
    if (!tokenMatches(token, url.searchParams.get('token'))) return reject(401, 'Unauthorized');
    // Browsers always send Origin: a page from anywhere else may not drive the kiosk.
    if (req.headers.origin && req.headers.origin !== origin) return reject(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (frame: WireResponse | WireEvent) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = core.subscribe((event, payload) => send({ type: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', async (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'binary frames are not part of the protocol');
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        ws.close(1007, 'not JSON');
        return;
      }
      const request = wireRequestSchema.safeParse(parsed);
      if (!request.success) {
        const id = typeof (parsed as { id?: unknown })?.id === 'number' ? (parsed as { id: number }).id : -1;
        send({ type: 'result', id, ok: false, error: { code: 'invalid-input', message: 'malformed request frame' } });
        return;
      }
      const result = await core.invoke(request.data.method, request.data.input, { origin: 'renderer' });
      send({ type: 'result', id: request.data.id, ...result });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    launchUrl: `${origin}/#token=${token}`,
    token,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
