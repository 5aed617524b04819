import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  REQUEST_ID_PARAM,
  REQUEST_ID_PATTERN,
  signRequest,
  SIGNATURE_HEADER,
  TERMINAL_ID_HEADER,
  TERMINAL_ID_PATTERN,
  TIMESTAMP_HEADER,
} from '../common/hub-protocol/signing';

/** Largest accepted distance between the request's timestamp and the hub's clock (exactly this is accepted). */
export const MAX_SKEW_MS = 300_000;

/** `requestId` null: the request target has no `rid=` (a version 1 terminal's request). */
export type AuthResult = { ok: true; terminalId: string; requestId: string | null; timestamp: number } | { ok: false; message: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The request id in a request target's query (`rid=`): null when there is none, a message when it is malformed. */
export function requestIdOf(wirePath: string): { ok: true; requestId: string | null } | { ok: false; message: string } {
  const q = wirePath.indexOf('?');
  const ids = q < 0 ? [] : new URLSearchParams(wirePath.slice(q + 1)).getAll(REQUEST_ID_PARAM);
  if (ids.length === 0) return { ok: true, requestId: null };
  if (ids.length > 1) return { ok: false, message: `the request target has ${ids.length} ${REQUEST_ID_PARAM}= parameters (one request id per request)` };
  if (!REQUEST_ID_PATTERN.test(ids[0]!)) return { ok: false, message: `${REQUEST_ID_PARAM}= is not 32–128 lowercase hex digits (16–64 random bytes)` };
  return { ok: true, requestId: ids[0]! };
}

/**
 * Checks the HMAC authentication of the hub protocol (HUB-PROTOCOL.md, version 1: the request id
 * travels in the signed request target, docs/hub-protocol.md §1): the message says why a request is
 * refused. Whether a request may come without a request id, and whether its id was seen before, are
 * the caller's checks, made only once the signature holds.
 */
export function authenticate(
  method: string,
  wirePath: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  now: number,
  secretOf: (terminalId: string) => string | undefined,
): AuthResult {
  const terminalId = header(headers, TERMINAL_ID_HEADER);
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  const missing = [
    [TERMINAL_ID_HEADER, terminalId],
    [TIMESTAMP_HEADER, timestamp],
    [SIGNATURE_HEADER, signature],
  ]
    .filter(([, v]) => !v)
    .map(([n]) => n);
  if (missing.length > 0) return { ok: false, message: `missing header ${missing.join(', ')}` };
  if (!TERMINAL_ID_PATTERN.test(terminalId!)) return { ok: false, message: 'X-Terminal-Id is not 1–64 characters of A-Za-z0-9._-' };
  if (!/^\d{1,16}$/.test(timestamp!)) return { ok: false, message: 'X-Timestamp is not milliseconds since the epoch as a decimal string' };
  const rid = requestIdOf(wirePath);
  if (!rid.ok) return rid;
  const skew = now - Number(timestamp);
  if (Math.abs(skew) > MAX_SKEW_MS) {
    return { ok: false, message: `X-Timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'behind' : 'ahead of'} the hub's clock (limit 300 s)` };
  }
  const secret = secretOf(terminalId!);
  if (secret === undefined) return { ok: false, message: `unknown terminal ${terminalId}` };
  if (!/^[0-9a-f]{64}$/.test(signature!)) return { ok: false, message: 'X-Signature is not 64 lowercase hex digits' };
  const expected = Buffer.from(signRequest(secret, method, wirePath, timestamp!, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) return { ok: false, message: 'bad signature' };
  return { ok: true, terminalId: terminalId!, requestId: rid.requestId, timestamp: Number(timestamp) };
}
