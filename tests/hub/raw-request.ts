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
    const target = {
      hostname: u.hostname,
      port: u.port,
      method,
      path: wirePath,
      headers: options.headers,
      agent: false as const,
      ...(options.ca ? { ca: options.ca } : {}),
    };
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

/** The protocol's signature (HUB-PROTOCOL.md, version 1), written out independently of common/hub-protocol/signing.ts. */
export function referenceSignature(secret: string, method: string, wirePath: string, timestamp: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update([method, wirePath, timestamp, bodyHash].join('\n')).digest('hex');
}

/** `wirePath` with a request id (docs/hub-protocol.md §1) appended to its query: a fresh random one, or the one given. */
export function withRid(wirePath: string, rid = randomBytes(16).toString('hex')): string {
  return `${wirePath}${wirePath.includes('?') ? '&' : '?'}rid=${rid}`;
}

/** Headers of a request signed for exactly `wirePath` (which carries its request id, or not). */
export function signedHeaders(terminalId: string, secret: string, method: string, wirePath: string, body: string | Buffer, ts: number): Record<string, string> {
  return {
    'X-Terminal-Id': terminalId,
    'X-Timestamp': String(ts),
    'X-Signature': referenceSignature(secret, method, wirePath, String(ts), body),
    'content-type': 'application/json',
  };
}

/** A signed request as the terminal sends it: `path` with a fresh request id, and its headers. */
export function signedRequest(
  terminalId: string,
  secret: string,
  method: string,
  path: string,
  body: string | Buffer,
  ts: number,
): { wirePath: string; headers: Record<string, string> } {
  const wirePath = withRid(path);
  return { wirePath, headers: signedHeaders(terminalId, secret, method, wirePath, body, ts) };
}

/** The admin/ headers of the reference hub: its token, and JSON as admin writes must be. */
export function adminHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}
