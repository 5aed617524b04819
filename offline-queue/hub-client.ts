import http from 'node:http';
import https from 'node:https';
import type { Clock } from '../base/clock';
import {
  newRequestId,
  SIGNATURE_HEADER,
  signRequest,
  TERMINAL_ID_HEADER,
  TERMINAL_ID_PATTERN,
  TIMESTAMP_HEADER,
  withRequestId,
} from '../common/hub-protocol/signing';

/** What one hub call came to. Every failure is a value, never a thrown error. */
export type HubResponse =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'not-modified'; status: 304 }
  | { kind: 'unauthorized'; status: 401; message: string; serverTime: number | null; skewMs: number | null }
  | { kind: 'http-error'; status: number; code: string | null; message: string; retryAfterMs: number | null }
  | { kind: 'bad-response'; status: number; message: string }
  | { kind: 'network-error'; message: string }
  | { kind: 'timeout'; timeoutMs: number };

export interface HubClientOptions {
  /** Base URL, e.g. `https://hub.example/` or `http://127.0.0.1:8080/hall-3/`. */
  url: string;
  terminalId: string;
  secret: string;
  timeoutMs?: number;
  clock?: Clock;
  /** Responses larger than this are cut off and reported as bad responses. */
  maxResponseBytes?: number;
  /**
   * PEM certificate(s) trusted for an https hub instead of the system's roots (`hub.caFile`): the
   * hall's own CA. Passed to the https Agent, so it works where NODE_EXTRA_CA_CERTS is ignored.
   */
  ca?: string | Buffer;
}

/** `Retry-After` as delay-seconds or an HTTP-date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return null;
  const s = v.trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const at = Date.parse(s);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/**
 * The terminal's side of the hub protocol (HUB-PROTOCOL.md with the changes of docs/hub-protocol.md):
 * gives every request a fresh request id (`rid=` in its query), signs the path exactly as it goes on
 * the wire (base-URL prefix and query, request id included), enforces a timeout, and classifies the answer.
 */
export class HubClient {
  readonly terminalId: string;
  private readonly base: URL;
  private readonly secret: string;
  private readonly timeoutMs: number;
  private readonly clock: Clock;
  private readonly maxResponseBytes: number;
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  /** Set on a client of a terminal without a usable hub: every call answers this, nothing is sent. */
  readonly notConfigured: string | null = null;

  /**
   * A client that never sends anything: every call is a network error saying why the hub is not
   * configured (`problem`), so the outbox keeps its entries and tickets fall back as for an
   * unreachable hub.
   */
  static notConfigured(terminalId: string, problem: string): HubClient {
    const client = new HubClient({ url: 'http://hub.invalid/', terminalId, secret: 'not-configured' });
    (client as { notConfigured: string | null }).notConfigured = problem;
    return client;
  }

  constructor(options: HubClientOptions) {
    let base: URL;
    try {
      base = new URL(options.url);
    } catch {
      throw new Error(`hub URL "${options.url}" is not a URL`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`hub URL "${options.url}" must be http:// or https://`);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    base.search = '';
    base.hash = '';
    if (!TERMINAL_ID_PATTERN.test(options.terminalId)) throw new Error(`terminal id "${options.terminalId}" must be 1–64 characters of A-Z a-z 0-9 . _ -`);
    if (!options.secret) throw new Error('the terminal secret is empty');
    this.base = base;
    this.terminalId = options.terminalId;
    this.secret = options.secret;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.maxResponseBytes = options.maxResponseBytes ?? 32 * 1024 * 1024;
    this.transport = base.protocol === 'https:' ? https : http;
    this.agent =
      base.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 4, ...(options.ca !== undefined ? { ca: options.ca } : {}) })
        : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  get url(): string {
    return this.base.toString();
  }

  /** The request target for a protocol path such as `v1/catalog?since=3`, before its request id is added. */
  wirePath(relativePath: string): string {
    return this.base.pathname + relativePath.replace(/^\/+/, '');
  }

  get(relativePath: string): Promise<HubResponse> {
    return this.request('GET', relativePath);
  }

  /** GET v1/appointments/{code}: the appointment whose QR holds `code` (docs/appointments.md). */
  appointmentByCode(code: string): Promise<HubResponse> {
    return this.get(`v1/appointments/${encodeURIComponent(code)}`);
  }

  /** GET v1/appointments?subject=ID: the appointments of a pseudonymous subject. */
  appointmentsOf(subject: string): Promise<HubResponse> {
    return this.get(`v1/appointments?subject=${encodeURIComponent(subject)}`);
  }

  /**
   * POST v1/faces/verify (docs/hub-protocol.md, “人证核验”): is this live template (base64 of 128 float32,
   * little-endian) the pseudonymous subject's? Read the answer with `faceVerifyAnswerSchema`.
   */
  verifyFace(subject: string, template: string): Promise<HubResponse> {
    return this.post('v1/faces/verify', { subject, template });
  }

  post(relativePath: string, body: unknown): Promise<HubResponse> {
    return this.request('POST', relativePath, typeof body === 'string' ? body : JSON.stringify(body));
  }

  request(method: 'GET' | 'POST', relativePath: string, body?: string): Promise<HubResponse> {
    if (this.notConfigured !== null) return Promise.resolve({ kind: 'network-error', message: this.notConfigured });
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body, 'utf8');
    // A new id for every request: the hub refuses an id it has seen (a replayed request).
    const path = withRequestId(this.wirePath(relativePath), newRequestId());
    const timestamp = String(this.clock.now());
    const headers: http.OutgoingHttpHeaders = {
      [TERMINAL_ID_HEADER]: this.terminalId,
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signRequest(this.secret, method, path, timestamp, bytes),
      accept: 'application/json',
    };
    if (method === 'POST') {
      headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = bytes.length;
    }
    return new Promise<HubResponse>((resolve) => {
      let settled = false;
      const finish = (r: HubResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      };
      const req = this.transport.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
          port: this.base.port || undefined,
          method,
          path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > this.maxResponseBytes) {
              finish({ kind: 'bad-response', status: res.statusCode ?? 0, message: `response over ${this.maxResponseBytes} bytes` });
              res.destroy();
              return;
            }
            chunks.push(c);
          });
          res.on('error', (err) => finish({ kind: 'network-error', message: err.message }));
          res.on('aborted', () => finish({ kind: 'network-error', message: 'response aborted' }));
          res.on('end', () => finish(this.classify(res, Buffer.concat(chunks))));
        },
      );
      const timer = setTimeout(() => {
        finish({ kind: 'timeout', timeoutMs: this.timeoutMs });
        req.destroy();
      }, this.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => finish({ kind: 'network-error', message: err.code ? `${err.code}: ${err.message}` : err.message }));
      req.end(bytes);
    });
  }

  private classify(res: http.IncomingMessage, raw: Buffer): HubResponse {
    const status = res.statusCode ?? 0;
    if (status === 304) return { kind: 'not-modified', status: 304 };
    let body: unknown = undefined;
    let parseError: string | null = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (err) {
        parseError = (err as Error).message;
      }
    }
    const obj = (body && typeof body === 'object' ? body : {}) as { error?: unknown; message?: unknown; serverTime?: unknown };
    const message = typeof obj.message === 'string' ? obj.message : `HTTP ${status}`;
    if (status === 401) {
      const serverTime = typeof obj.serverTime === 'number' && Number.isFinite(obj.serverTime) ? obj.serverTime : null;
      return { kind: 'unauthorized', status: 401, message, serverTime, skewMs: serverTime === null ? null : serverTime - this.clock.now() };
    }
    if (status >= 200 && status < 300) {
      if (parseError !== null) return { kind: 'bad-response', status, message: `body is not JSON: ${parseError}` };
      return { kind: 'ok', status, body };
    }
    return {
      kind: 'http-error',
      status,
      code: typeof obj.error === 'string' ? obj.error : null,
      message,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], this.clock.now()),
    };
  }

  /** Closes kept-alive sockets. */
  close(): void {
    this.agent.destroy();
  }
}
