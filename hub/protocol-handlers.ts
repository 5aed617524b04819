import { catalogSchema } from '../common/catalog/schema';
import { MAX_BATCH_ITEMS } from '../common/hub-protocol/limits';
import { HubStore } from './hub-store';
import { OnlineNumbersUsedUpError, UnknownServiceError } from './ticket-store';
import { AppointmentCheckInError } from './appointment-store';
import { TicketAbandonedError } from './ticket-abandonments';
import { handleAppointmentLookup, isAppointmentPath } from './appointment-handlers';
import { handleFaceVerify } from './face-verify';
import { batchEnvelopeSchema, heartbeatRequestSchema, leaseRequestSchema, ticketRequestSchema } from '../common/hub-protocol/requests';
import { issuesText } from './issues-text';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Runs once the response has been handed to the socket (commands count as delivered then). */
  onSent?: () => void;
}

export interface ProtocolRequest {
  method: string;
  /** Path relative to the hub's base, without the query: `v1/catalog`. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
  terminalId: string;
  now: number;
}

export const errorReply = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch (err) {
    return { ok: false, reply: errorReply(400, 'bad-request', `body is not JSON: ${(err as Error).message}`) };
  }
}

function sinceParam(query: URLSearchParams): { ok: true; since: number | null } | { ok: false; reply: Reply } {
  const raw = query.get('since');
  if (raw === null || raw === '') return { ok: true, since: null };
  if (!/^\d{1,15}$/.test(raw)) return { ok: false, reply: errorReply(400, 'bad-request', `since must be a non-negative integer, got "${raw}"`) };
  return { ok: true, since: Number(raw) };
}

/** The v1/ endpoints of HUB-PROTOCOL.md over a HubStore. */
export function handleProtocol(store: HubStore, req: ProtocolRequest): Reply {
  if (isAppointmentPath(req.path)) return handleAppointmentLookup(store, req);
  const route = `${req.method} ${req.path}`;
  switch (route) {
    case 'POST v1/batches': {
      const json = parseJson(req.body);
      if (!json.ok) return json.reply;
      const env = batchEnvelopeSchema.safeParse(json.value);
      if (!env.success) return errorReply(400, 'bad-request', issuesText(env.error));
      if (env.data.terminalId !== req.terminalId) return errorReply(400, 'bad-request', 'terminalId does not match X-Terminal-Id');
      if (env.data.items.length > MAX_BATCH_ITEMS) return errorReply(413, 'too-large', `${env.data.items.length} items; at most ${MAX_BATCH_ITEMS} per batch`);
      return { status: 200, body: { results: store.storeBatch(req.terminalId, env.data.items, req.now) } };
    }
    case 'POST v1/tickets': {
      const json = parseJson(req.body);
      if (!json.ok) return json.reply;
      const parsed = ticketRequestSchema.safeParse(json.value);
      if (!parsed.success) return errorReply(400, 'bad-request', issuesText(parsed.error));
      try {
        return { status: 200, body: store.issueTicket(req.terminalId, parsed.data, req.now) };
      } catch (err) {
        if (err instanceof UnknownServiceError) return errorReply(400, 'unknown-service', err.message);
        // Not a refusal: the terminal then issues from its lease (leased numbers are a range of their own).
        if (err instanceof OnlineNumbersUsedUpError) return errorReply(503, 'numbers-used-up', err.message);
        if (err instanceof AppointmentCheckInError) return errorReply(err.status, err.code, err.message);
        if (err instanceof TicketAbandonedError) return errorReply(err.status, err.code, err.message);
        throw err;
      }
    }
    case 'POST v1/leases': {
      const json = parseJson(req.body);
      if (!json.ok) return json.reply;
      const parsed = leaseRequestSchema.safeParse(json.value);
      if (!parsed.success) return errorReply(400, 'bad-request', issuesText(parsed.error));
      try {
        return { status: 200, body: { leases: store.leaseNumbers(req.terminalId, parsed.data.serviceCodes, parsed.data.size, req.now) } };
      } catch (err) {
        if (err instanceof UnknownServiceError) return errorReply(400, 'unknown-service', err.message);
        throw err;
      }
    }
    case 'GET v1/catalog': {
      const since = sinceParam(req.query);
      if (!since.ok) return since.reply;
      const catalog = store.catalog();
      if (!catalog) return errorReply(503, 'no-catalog', 'no catalog has been published');
      if (since.since !== null && since.since >= catalog.version) return { status: 304 };
      return { status: 200, body: catalog.body };
    }
    case 'GET v1/config': {
      const since = sinceParam(req.query);
      if (!since.ok) return since.reply;
      const config = store.configFor(req.terminalId);
      if (since.since !== null && since.since >= config.version) return { status: 304 };
      return { status: 200, body: config };
    }
    case 'GET v1/gallery': {
      const raw = req.query.get('since');
      if (raw !== null && raw !== '' && !/^\d{1,15}$/.test(raw)) return errorReply(400, 'bad-request', `cursor "${raw}" was not issued by this hub`);
      return { status: 200, body: store.faceGallery.changesFor(req.terminalId, raw ? Number(raw) : 0, 500, req.now) };
    }
    case 'GET v1/results': {
      const subject = req.query.get('subject');
      if (!subject || subject.length > 128) return errorReply(400, 'bad-request', 'subject is required (1–128 characters)');
      return { status: 200, body: { results: store.results(subject, req.now) } };
    }
    case 'GET v1/notices': {
      const since = sinceParam(req.query);
      if (!since.ok) return since.reply;
      const notices = store.notices.current(req.now);
      if (since.since !== null && since.since >= notices.version) return { status: 304 };
      return { status: 200, body: notices };
    }
    case 'GET v1/queue-status':
      return { status: 200, body: store.queueStatus(req.now) };
    case 'POST v1/faces/verify':
      return handleFaceVerify(store.faceReferences, req);
    case 'POST v1/heartbeat': {
      const json = parseJson(req.body);
      if (!json.ok) return json.reply;
      const parsed = heartbeatRequestSchema.safeParse(json.value);
      if (!parsed.success) return errorReply(400, 'bad-request', issuesText(parsed.error));
      if (parsed.data.terminalId !== req.terminalId) return errorReply(400, 'bad-request', 'terminalId does not match X-Terminal-Id');
      const commands = store.recordHeartbeat(req.terminalId, parsed.data, req.now);
      return {
        status: 200,
        body: { serverTime: req.now, commands },
        onSent: () =>
          store.markDelivered(
            commands.map((c) => c.id),
            Date.now(),
          ),
      };
    }
    default: {
      const known = [
        'v1/batches',
        'v1/tickets',
        'v1/leases',
        'v1/catalog',
        'v1/config',
        'v1/gallery',
        'v1/results',
        'v1/heartbeat',
        'v1/faces/verify',
        'v1/notices',
        'v1/queue-status',
      ];
      if (known.includes(req.path)) return errorReply(405, 'method-not-allowed', `${req.method} is not allowed on ${req.path}`);
      return errorReply(404, 'not-found', `no endpoint ${req.path}`);
    }
  }
}

/** Checks a catalog before the hub publishes it (initial catalog, PUT /admin/catalog). */
export function validateCatalogForPublish(value: unknown): { ok: true; catalog: Record<string, unknown> } | { ok: false; reply: Reply } {
  const parsed = catalogSchema.safeParse(value);
  if (!parsed.success) return { ok: false, reply: errorReply(400, 'bad-request', `invalid catalog: ${issuesText(parsed.error)}`) };
  return { ok: true, catalog: parsed.data as unknown as Record<string, unknown> };
}
