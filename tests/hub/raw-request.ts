import http from 'node:http';
import { createHash, createHmac } from 'node:crypto';

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
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: u.hostname, port: u.port, method, path: wirePath, headers: options.headers, agent: false }, (res) => {
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

/** HUB-PROTOCOL.md's signature, written out independently of offline-queue/hub-signature.ts. */
export function referenceSignature(secret: string, method: string, wirePath: string, timestamp: string, body: string | Buffer): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', secret).update([method, wirePath, timestamp, bodyHash].join('\n')).digest('hex');
}

export function signedHeaders(terminalId: string, secret: string, method: string, wirePath: string, body: string | Buffer, ts: number): Record<string, string> {
  return {
    'X-Terminal-Id': terminalId,
    'X-Timestamp': String(ts),
    'X-Signature': referenceSignature(secret, method, wirePath, String(ts), body),
    'content-type': 'application/json',
  };
}
