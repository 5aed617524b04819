import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { cacheControlFor, contentTypeFor, rendererContentSecurityPolicy, resolveRendererFile } from '../security/renderer-files';
import { requestTargetUrl } from './request-target';

/** The Electron shell's policy, plus the web shell's own RPC WebSocket in connect-src. */
export function contentSecurityPolicy(wsOrigin: string): string {
  return rendererContentSecurityPolicy([wsOrigin]);
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Serves the built renderer; routes of the one-page app, and files it does not have, get index.html. */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>): void {
  const url = requestTargetUrl(req.url);
  if (!url) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('malformed request target\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let file = resolveRendererFile(root, url.pathname);
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  if (!isFile(file)) file = path.join(root, 'index.html');
  if (!isFile(file)) {
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
  // The file may go between the check and the read (a renderer being rebuilt): end the
  // response rather than let the stream's error reach the process.
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
