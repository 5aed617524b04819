import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { errorReply, type Reply } from './protocol-handlers';
import { ADMIN_TOKEN_FILE } from './hub-secret-files';

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Who may use the reference hub's admin/ endpoints: a loopback client holding the admin token
 * (`Authorization: Bearer …`, the hub's admin.token file), in a request no web page can make.
 * A browser marks a page's requests with Origin or Sec-Fetch-Site, and a page's form can only POST
 * form or text content types; admin writes must be `application/json`. Null when allowed.
 */
export function refuseAdminRequest(req: http.IncomingMessage, adminToken: string): Reply | null {
  if (!isLoopback(req.socket.remoteAddress)) return errorReply(403, 'forbidden', 'admin endpoints answer loopback clients only');
  if (header(req, 'origin') !== undefined) return errorReply(403, 'forbidden', 'admin endpoints refuse requests from web pages (Origin header present)');
  const site = header(req, 'sec-fetch-site');
  if (site !== undefined && site !== 'none') return errorReply(403, 'forbidden', `admin endpoints refuse requests from web pages (Sec-Fetch-Site: ${site})`);
  const auth = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(header(req, 'authorization') ?? '');
  if (!auth || !timingSafeEqual(digest(auth[1]!), digest(adminToken))) {
    return {
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="hub admin"' },
      body: { error: 'unauthorized', message: `admin endpoints need Authorization: Bearer <the token in the hub's ${ADMIN_TOKEN_FILE}>` },
    };
  }
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const type = (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return errorReply(415, 'unsupported-media-type', `admin ${method} requests must be content-type: application/json`);
  }
  return null;
}
