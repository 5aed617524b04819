import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { KioskCore } from '../core/create-kiosk-core';
import { RendererSlot } from './renderer-slot';
import { contentSecurityPolicy, serveStatic } from './static-files';
import { upgradeRefusal } from './upgrade-check';

export { RPC_PATH } from './upgrade-check';

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
  /** http://127.0.0.1:PORT/ (no token). */
  readonly url: string;
  /** http://127.0.0.1:PORT (what a browser sends as Origin). */
  readonly origin: string;
  /**
   * The URL to open, with the token in the fragment (never sent to a server). Secret: written
   * only to the 0600 launch file (launch-file.ts), never to stdout, a log or a command line.
   */
  readonly launchUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Ends a refused upgrade with a bare HTTP status; the socket may already be gone. */
function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  try {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } catch {
    socket.destroy();
  }
}

/**
 * The web shell: serves the built renderer and carries the core's RPC over a WebSocket on
 * 127.0.0.1. A WebSocket upgrade without the per-launch token, or without the shell's own
 * Origin, is refused with 401/403 before any message is exchanged; one renderer at a time
 * (renderer-slot.ts). No request, however malformed, can end the process: every handler answers
 * inside a try.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  const slot = new RendererSlot(core);
  let origin = '';

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    try {
      serveStatic(options.rendererDir, req, res, {
        'Content-Security-Policy': contentSecurityPolicy(origin.replace(/^http/, 'ws')),
      });
    } catch (err) {
      core.logger.error({ err: (err as Error)?.message }, 'web shell request failed');
      if (!res.headersSent) res.writeHead(500, { Connection: 'close' }).end();
      else res.destroy();
    }
  });
  // A client that resets mid-response must not surface as an unhandled socket error.
  server.on('connection', (socket: Socket) => socket.on('error', () => undefined));
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 8 * 1024 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    try {
      const refusal = upgradeRefusal(req, token, origin);
      if (refusal) return refuseUpgrade(socket, refusal.status, refusal.text);
      wss.handleUpgrade(req, socket, head, (ws) => slot.attach(ws));
    } catch (err) {
      core.logger.error({ err: (err as Error)?.message }, 'web shell upgrade failed');
      refuseUpgrade(socket, 500, 'Internal Server Error');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    port,
    async close() {
      slot.closeAll();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
