import path from 'node:path';

/**
 * How both shells serve the built renderer: the same Content-Security-Policy, content types and
 * path rules, whether over the Electron app:// scheme or the web shell's HTTP server.
 */

/**
 * The renderer's policy. `connectSrc` adds what the renderer may connect to beside its own origin
 * (the web shell's WebSocket); Electron adds nothing (IPC). No 'unsafe-inline': React sets inline
 * styles through the CSSOM, which style-src does not govern.
 */
export function rendererContentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSrc].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export function cacheControlFor(file: string): string {
  return path.basename(file) === 'index.html' ? 'no-store' : 'public, max-age=3600';
}

/**
 * The file of the built renderer for a URL path, or null when it must not be served (bad
 * encoding, NUL, a path escaping the folder). Paths without an extension are routes of the
 * one-page app and get index.html.
 */
export function resolveRendererFile(rendererDir: string, urlPathname: string): string | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (file === root || path.extname(file) === '') return path.join(root, 'index.html');
  return file;
}
