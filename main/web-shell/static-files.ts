import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { cacheControlFor, contentTypeFor, rendererContentSecurityPolicy, resolveRendererFile } from '../security/renderer-files';

/** The Electron shell's policy, plus the web shell's own RPC WebSocket in connect-src. */
export function contentSecurityPolicy(wsOrigin: string): string {
  return rendererContentSecurityPolicy([wsOrigin]);
}

/** Serves the built renderer; routes of the one-page app, and files it does not have, get index.html. */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let file = resolveRendererFile(root, new URL(req.url ?? '/', 'http://localhost').pathname);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('renderer not built: run npm run build\n');
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(file),
    'Cache-Control': cacheControlFor(file),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
