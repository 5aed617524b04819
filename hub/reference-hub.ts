// Over 300 lines: the reference hub's HTTP server: authentication, request ids, body limits, faults and routing of every endpoint on one request path.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../base/clock';
import { openHubDb } from './hub-db';
import { authenticate } from './hub-auth';
import { COMMAND_TYPES, HubStore } from './hub-store';
import { FaultInjector, type HubFaults } from './faults';
import { errorReply, handleProtocol, validateCatalogForPublish, type Reply } from './protocol-handlers';
import { REQUEST_ID_PARAM, TERMINAL_ID_PATTERN } from '../common/hub-protocol/signing';
import { MAX_BATCH_BODY_BYTES } from '../common/hub-protocol/limits';
import { addAppointmentFromAdmin } from './appointment-handlers';
import { addDocumentFromAdmin, handleDocuments, isDocumentPath, MAX_ADMIN_DOCUMENT_BODY_BYTES } from './document-handlers';
import { refuseAdminRequest } from './admin-guard';
import { adminTokenOf } from './hub-secret-files';
import { RequestIdLedger } from './request-id-ledger';
import { noticesAnswerSchema, resultDetailsSchema } from '../common/hub-protocol/answers';
import { issuesText } from './issues-text';

export const MAX_OTHER_BODY_BYTES = 1024 * 1024;

export interface TerminalCredential {
  id: string;
  secret: string;
}

export interface ReferenceHubOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Added to (or updated in) the hub's terminal table at start. */
  terminals?: TerminalCredential[];
  /**
   * Terminals whose requests may come without a request id (`rid=`): terminals that speak
   * HUB-PROTOCOL.md version 1 only. Their requests without one are replayable within the ±300 s
   * window, as under version 1; a request of theirs that has one is checked like any other.
   * Not stored: each start of the hub says which terminals it allows. Default: none.
   */
  v1Terminals?: string[];
  faults?: HubFaults;
  /** The catalog published at first start; defaults to catalogFile, else none. */
  catalog?: Record<string, unknown>;
  catalogFile?: string;
  /** Seed demo results for subjects on first query (hub/demo-results.ts). Default true. */
  demoResults?: boolean;
  /** Seed the demo appointments (hub/demo-appointments.ts) and one per subject asked about. Default false. */
  demoAppointments?: boolean;
  /** Seed the demo documents (hub/demo-documents.ts) for subjects on first query. Default true. */
  demoDocuments?: boolean;
  /** Start a hub that has no notices yet with the demo notices (hub/demo-notices.ts). Default true. */
  demoNotices?: boolean;
  /** Serve under a path prefix, e.g. `/hall-3/` (tests that the signed path includes it). */
  pathPrefix?: string;
  clock?: Clock;
  /** The hall clock of the hall this hub serves (IANA zone): tickets restart at 001 at its midnight. Default Asia/Shanghai. */
  timeZone?: string;
  random?: () => number;
  /** Serve https with this key and certificate chain (PEM) instead of plain http. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface ReferenceHub {
  readonly url: string;
  readonly port: number;
  readonly store: HubStore;
  /** The bearer token of the admin/ endpoints (also in DATA/admin.token, 0600). */
  readonly adminToken: string;
  setFaults(faults: HubFaults): void;
  stop(): Promise<void>;
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body), 'utf8');
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  headers['content-length'] = payload?.length ?? 0;
  if (reply.onSent) res.once('finish', reply.onSent);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The reference hub: the hub protocol (HUB-PROTOCOL.md with docs/hub-protocol.md) over node:http or https
 * with SQLite storage, for development, tests and the demo. Admin endpoints under `admin/` answer
 * loopback clients holding the admin token (hub/admin-guard.ts).
 */
export async function startReferenceHub(options: ReferenceHubOptions): Promise<ReferenceHub> {
  const clock = options.clock ?? { now: () => Date.now() };
  const adminToken = adminTokenOf(options.dataDir);
  const v1Terminals = new Set(options.v1Terminals ?? []);
  for (const id of v1Terminals) if (!TERMINAL_ID_PATTERN.test(id)) throw new Error(`v1 terminal id "${id}" must be 1–64 characters of A-Z a-z 0-9 . _ -`);
  const db = openHubDb(options.dataDir);
  let store: HubStore;
  let requestIds: RequestIdLedger;
  try {
    store = new HubStore(db, {
      demoResults: options.demoResults ?? true,
      demoAppointments: options.demoAppointments ?? false,
      demoDocuments: options.demoDocuments ?? true,
      ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
    });
    requestIds = RequestIdLedger.open(options.dataDir, { now: clock.now() });
  } catch (err) {
    db.close();
    throw err;
  }
  if (options.demoAppointments) store.appointments.seedDemo(clock.now());
  if (options.demoNotices ?? true) store.notices.seedDemo(clock.now());
  for (const t of options.terminals ?? []) {
    if (!TERMINAL_ID_PATTERN.test(t.id)) throw new Error(`terminal id "${t.id}" must be 1–64 characters of A-Z a-z 0-9 . _ -`);
    if (!t.secret) throw new Error(`terminal ${t.id} has an empty secret`);
    store.addTerminal(t.id, t.secret, clock.now());
  }
  const initial = options.catalog ?? (options.catalogFile ? (JSON.parse(readFileSync(options.catalogFile, 'utf8')) as unknown) : undefined);
  if (initial !== undefined) {
    const checked = validateCatalogForPublish(initial);
    if (!checked.ok) throw new Error(`initial catalog: ${(checked.reply.body as { message: string }).message}`);
    // Published on a new hub, and again when a newer one ships (an upgrade); one staff published since, of a higher version, stays.
    const stored = store.catalog();
    const shipped = typeof checked.catalog.version === 'number' ? checked.catalog.version : 0;
    if (!stored || shipped > stored.version) store.publishCatalog(checked.catalog, clock.now());
  }
  const faults = new FaultInjector(options.faults ?? {}, options.random ?? Math.random);
  let prefix = options.pathPrefix ?? '/';
  if (!prefix.startsWith('/')) prefix = '/' + prefix;
  if (!prefix.endsWith('/')) prefix += '/';

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const pathname = q >= 0 ? target.slice(0, q) : target;
    const query = new URLSearchParams(q >= 0 ? target.slice(q + 1) : '');
    if (!pathname.startsWith(prefix)) return send(res, errorReply(404, 'not-found', `no endpoint ${pathname}`));
    const rel = pathname.slice(prefix.length);
    if (rel.startsWith('admin/')) return send(res, refuseAdminRequest(req, adminToken) ?? handleAdmin(req.method ?? 'GET', rel, query, body));
    const auth = authenticate(req.method ?? 'GET', target, req.headers, body, clock.now(), (id) => store.secretOf(id));
    if (!auth.ok) return send(res, { status: 401, body: { error: 'unauthorized', message: auth.message, serverTime: clock.now() } });
    const refused = refuseReplay(auth.terminalId, auth.requestId, auth.timestamp);
    if (refused) return send(res, refused);
    query.delete(REQUEST_ID_PARAM);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const decision = faults.decide(rel);
    if (decision.kind === 'status') {
      const headers: Record<string, string> = decision.retryAfterS !== undefined ? { 'retry-after': String(decision.retryAfterS) } : {};
      return send(res, { status: decision.status, headers, body: { error: 'injected-fault', message: `fault injection: status ${decision.status}` } });
    }
    const request = { method: req.method ?? 'GET', path: rel, query, body, terminalId: auth.terminalId, now: clock.now() };
    const reply = isDocumentPath(rel) ? await handleDocuments(store.documents, request) : handleProtocol(store, request);
    if (decision.drop) {
      // Carried out and stored, but the terminal never hears back.
      req.socket.destroy();
      return;
    }
    send(res, reply);
  };

  /** The request-id checks (docs/hub-protocol.md §1), once the signature holds: a refusal, or null to go on. */
  const refuseReplay = (terminalId: string, requestId: string | null, timestamp: number): Reply | null => {
    if (requestId === null) {
      if (v1Terminals.has(terminalId)) return null;
      return {
        status: 401,
        body: {
          error: 'unauthorized',
          message: `no request id: the request target has no ${REQUEST_ID_PARAM}= parameter, which this hub requires against replay (docs/hub-protocol.md §1); ${terminalId} is not allowed version 1 requests`,
          serverTime: clock.now(),
        },
      };
    }
    const claim = requestIds.claim(terminalId, requestId, timestamp, clock.now());
    if (claim.kind === 'replayed') {
      return errorReply(
        409,
        'replayed-request',
        `request id ${requestId} was already used by ${terminalId}: a request is carried out once; send a new request id`,
      );
    }
    if (claim.kind === 'over-limit') {
      return {
        status: 429,
        headers: { 'retry-after': String(claim.retryAfterS) },
        body: { error: 'too-many-requests', message: `${terminalId} sent more requests than the hub remembers within 300 s` },
      };
    }
    if (claim.kind === 'before-restart') {
      return {
        status: 503,
        headers: { 'retry-after': String(claim.retryAfterS) },
        body: {
          error: 'restarted',
          message: `signed before this hub restarted after an unclean stop (${new Date(claim.restartedAt).toISOString()}), when request ids may have been lost: not carried out; send it again`,
        },
      };
    }
    return null;
  };

  const handleAdmin = (method: string, rel: string, query: URLSearchParams, body: Buffer): Reply => {
    let json: Record<string, unknown> = {};
    if (body.length > 0) {
      try {
        json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch (err) {
        return errorReply(400, 'bad-request', `body is not JSON: ${(err as Error).message}`);
      }
    }
    const route = `${method} ${rel}`;
    if (route === 'GET admin/dump') return { status: 200, body: store.dump(query.get('reveal') === '1') };
    if (route === 'POST admin/commands') {
      const { terminalId, type, args } = json as { terminalId?: unknown; type?: unknown; args?: unknown };
      if (typeof terminalId !== 'string' || !TERMINAL_ID_PATTERN.test(terminalId)) return errorReply(400, 'bad-request', 'terminalId is required');
      if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
        return errorReply(400, 'bad-request', `type must be one of ${COMMAND_TYPES.join(', ')}`);
      }
      const id = store.enqueueCommand(terminalId, type, (args && typeof args === 'object' ? args : {}) as Record<string, unknown>, clock.now());
      return { status: 200, body: { id } };
    }
    if (route === 'PUT admin/catalog') {
      const checked = validateCatalogForPublish(json);
      if (!checked.ok) return checked.reply;
      return { status: 200, body: { version: store.publishCatalog(checked.catalog, clock.now()) } };
    }
    const configMatch = /^admin\/config\/([A-Za-z0-9._-]{1,64})$/.exec(rel);
    if (method === 'PUT' && configMatch) {
      const settings = json.settings;
      if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return errorReply(400, 'bad-request', 'settings must be an object');
      return { status: 200, body: { version: store.pushConfig(configMatch[1]!, settings as Record<string, unknown>) } };
    }
    if (route === 'POST admin/faults') {
      try {
        faults.set(json as HubFaults);
      } catch (err) {
        return errorReply(400, 'bad-request', (err as Error).message);
      }
      return { status: 200, body: faults.current };
    }
    if (route === 'POST admin/results') {
      const { subject, title, status, printable, body: resultBody } = json as Record<string, unknown>;
      if (typeof subject !== 'string' || !subject) return errorReply(400, 'bad-request', 'subject is required');
      if (status !== 'ready' && status !== 'in-progress' && status !== 'rejected')
        return errorReply(400, 'bad-request', 'status must be ready, in-progress or rejected');
      const details = resultDetailsSchema.safeParse(json);
      if (!details.success) return errorReply(400, 'bad-request', issuesText(details.error));
      const id = store.addResult(subject, { title: title ?? {}, status, printable: printable === true, body: resultBody ?? {}, details: details.data });
      return { status: 200, body: { id } };
    }
    if (route === 'POST admin/notices') {
      const parsed = noticesAnswerSchema.shape.notices.safeParse(json.notices);
      if (!parsed.success) return errorReply(400, 'bad-request', `notices: ${issuesText(parsed.error)}`);
      return { status: 200, body: { version: store.notices.set(parsed.data, clock.now()) } };
    }
    if (route === 'POST admin/appointments') return addAppointmentFromAdmin(store, json);
    if (route === 'POST admin/documents') return addDocumentFromAdmin(store.documents, json);
    if (route === 'POST admin/terminals') {
      const { id, secret } = json as { id?: unknown; secret?: unknown };
      if (typeof id !== 'string' || !TERMINAL_ID_PATTERN.test(id)) return errorReply(400, 'bad-request', 'id must be 1–64 characters of A-Za-z0-9._-');
      if (typeof secret !== 'string' || secret.length < 16) return errorReply(400, 'bad-request', 'secret must be at least 16 characters');
      store.addTerminal(id, secret, clock.now());
      return { status: 200, body: { id } };
    }
    return errorReply(404, 'not-found', `no admin endpoint ${method} ${rel}`);
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const pathname = (req.url ?? '').split('?')[0]!;
    const limit = pathname.endsWith('/v1/batches')
      ? MAX_BATCH_BODY_BYTES
      : pathname === `${prefix}admin/documents`
        ? MAX_ADMIN_DOCUMENT_BODY_BYTES
        : MAX_OTHER_BODY_BYTES;
    const tooLarge = () => {
      send(res, errorReply(413, 'too-large', `request body over ${limit} bytes`));
      res.once('finish', () => req.socket.destroy());
    };
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > limit) {
        refused = true;
        tooLarge();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      handle(req, res, Buffer.concat(chunks)).catch((err: unknown) => {
        if (!res.headersSent) send(res, errorReply(500, 'internal', (err as Error).message));
        else res.destroy();
      });
    });
    req.on('error', () => res.destroy());
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : http.createServer(onRequest);
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}${prefix}`;

  return {
    url,
    port: address.port,
    store,
    adminToken,
    setFaults: (f) => faults.set(f),
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      requestIds.close();
      db.close();
    },
  };
}

/** The default catalog shipped in assets/, served by a fresh hub unless told otherwise. */
export function defaultCatalogFile(assetsDir: string): string {
  return path.join(assetsDir, 'catalog', 'default-catalog.json');
}
