import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { SECURITY_HEADERS } from './csp';
import { cacheControlFor, contentTypeFor, resolveRendererFile } from '../security/renderer-files';

/**
 * Maps an `app://kiosk/...` URL to a file of the built renderer, or null when it must not be
 * served (another host, a path escaping the folder). Paths without an extension are routes of
 * the one-page app and get index.html.
 */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  return resolveRendererFile(rendererDir, parsed.pathname);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The `protocol.handle('app', ...)` handler: serves the built renderer (dist/renderer, inside
 * app.asar once packaged; Electron's fs reads from the archive) with the CSP on every response.
 */
export function createAppProtocolHandler(rendererDir: string): (request: { url: string; method: string }) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return textResponse(404, 'not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return textResponse(404, 'not found');
    } catch {
      if (path.basename(file) === 'index.html') return textResponse(503, 'renderer not built: run npm run build');
      return textResponse(404, 'not found');
    }
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': contentTypeFor(file),
        'Cache-Control': cacheControlFor(file),
      },
    });
  };
}
