import http from 'node:http';
import https from 'node:https';
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/** A hub request built by hand (independent of HubClient) so tests can break any part of it. */
export function rawRequest(
  url: string,
  method: string,
  wirePath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; ca?: string } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  const transport = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const target = { hostname: u.hostname, port: u.port, method, path: wirePath, headers: options.headers, agent: false as const, ...(options.ca ? { ca: options.ca } : {}) };
    const req = transport.request(target, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* leave as text */
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body ?? '');
  });
}

/** The protocol's signature (docs/hub-protocol.md, version 2), written out independently of offline-queue/hub-signature.ts. */
export function referenceSignature(secret: string, method: string, wirePath: string, timestamp: string, requestId: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update([method, wirePath, timestamp, requestId, bodyHash].join('\n')).digest('hex');
}

/** Headers of a signed request with a fresh random request id (or the one given). */
export function signedHeaders(
  terminalId: string,
  secret: string,
  method: string,
  wirePath: string,
  body: string | Buffer,
  ts: number,
  requestId = randomBytes(16).toString('hex'),
): Record<string, string> {
  return {
    'X-Terminal-Id': terminalId,
    'X-Timestamp': String(ts),
    'X-Request-Id': requestId,
    'X-Signature': referenceSignature(secret, method, wirePath, String(ts), requestId, body),
    'content-type': 'application/json',
  };
}

/** The admin/ headers of the reference hub: its token, and JSON as admin writes must be. */
export function adminHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}
