import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';

/**
 * A tiny hub on loopback that answers each protocol path with a canned status and raw body, for
 * malformed answers a real hub never gives (`null`, an empty body, wrong types). It checks no
 * signature: the real HubClient talks to it as to any hub.
 */
export interface CannedHub {
  readonly url: string;
  /** Requests received, by protocol path (`v1/tickets`), in order. */
  readonly requests: { method: string; path: string; body: string }[];
  /** The answer to `path` from now on; `body` is sent as is (undefined: no body at all). */
  answer(path: string, status: number, body: string | undefined): void;
  close(): Promise<void>;
}

export async function startCannedHub(): Promise<CannedHub> {
  const answers = new Map<string, { status: number; body: string | undefined }>();
  const requests: { method: string; path: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '');
      requests.push({ method: req.method ?? 'GET', path, body: Buffer.concat(chunks).toString('utf8') });
      const a = answers.get(path) ?? { status: 404, body: JSON.stringify({ error: 'not-found', message: `no canned answer for ${path}` }) };
      const payload = a.body === undefined ? Buffer.alloc(0) : Buffer.from(a.body, 'utf8');
      res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    answer: (path, status, body) => void answers.set(path, { status, body }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Malformed 200 bodies every answer must survive: null, empty, a JSON string, an empty object, a list. */
export const MALFORMED_BODIES: [string, string | undefined][] = [
  ['null', 'null'],
  ['no body', undefined],
  ['""', '""'],
  ['{}', '{}'],
  ['[]', '[]'],
];

/** A pino logger whose records land in `records` (parsed), for asserting what the technician sees. */
export function capturingLogger(): { logger: Logger; records: Record<string, unknown>[]; text: () => string } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug', base: undefined }, { write: (line: string) => void lines.push(line) });
  return {
    logger,
    get records() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => lines.join(''),
  };
}
