import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface V1HubRequest {
  method: string;
  /** The request target as received. */
  target: string;
  pathname: string;
  query: Record<string, string>;
  status: number;
}

/**
 * A hub written from HUB-PROTOCOL.md version 1 alone (not from this repository's hub): it checks
 * the version 1 signature over the request target as received, routes by the path and reads the
 * query parameters it knows, ignoring any other. Stands for a hall's hub that was never upgraded.
 */
export async function startV1Hub(
  secrets: Record<string, string>,
  clock: { now(): number },
): Promise<{ url: string; requests: V1HubRequest[]; close(): Promise<void> }> {
  const requests: V1HubRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = req.url ?? '/';
      const url = new URL(target, 'http://hub.invalid');
      const query = Object.fromEntries(url.searchParams);
      const reply = (status: number, body?: unknown) => {
        requests.push({ method: req.method ?? '', target, pathname: url.pathname, query, status });
        const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': payload.length });
        res.end(payload);
      };
      const id = String(req.headers['x-terminal-id'] ?? '');
      const ts = String(req.headers['x-timestamp'] ?? '');
      const sig = String(req.headers['x-signature'] ?? '');
      const secret = secrets[id];
      const bodyHash = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
      const expected = secret === undefined ? null : createHmac('sha256', secret).update(`${req.method}\n${target}\n${ts}\n${bodyHash}`).digest();
      const given = Buffer.from(sig, 'hex');
      if (!expected || given.length !== expected.length || !timingSafeEqual(expected, given) || Math.abs(clock.now() - Number(ts)) > 300_000) {
        return reply(401, { error: 'unauthorized', message: 'bad signature', serverTime: clock.now() });
      }
      const route = `${req.method} ${url.pathname}`;
      if (route === 'GET /v1/catalog') return query.since === '3' ? reply(304) : reply(200, { version: 3, services: [] });
      if (route === 'GET /v1/config') return reply(200, { version: 0, settings: {} });
      if (route === 'POST /v1/heartbeat') return reply(200, { serverTime: clock.now(), commands: [] });
      return reply(404, { error: 'not-found', message: `no endpoint ${route}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
