import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  REQUEST_ID_HEADER,
  REQUEST_ID_PATTERN,
  signRequest,
  SIGNATURE_HEADER,
  TERMINAL_ID_HEADER,
  TERMINAL_ID_PATTERN,
  TIMESTAMP_HEADER,
} from '../offline-queue/hub-signature';

/** Largest accepted distance between the request's timestamp and the hub's clock (exactly this is accepted). */
export const MAX_SKEW_MS = 300_000;

export type AuthResult = { ok: true; terminalId: string; requestId: string; timestamp: number } | { ok: false; message: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Checks the HMAC authentication of the hub protocol, version 2 (docs/hub-protocol.md): the
 * message says why a request is refused. Whether the request id was seen before is the caller's
 * check (RequestIdLedger), made only once the signature holds.
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
  const requestId = header(headers, REQUEST_ID_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  const missing = [
    [TERMINAL_ID_HEADER, terminalId],
    [TIMESTAMP_HEADER, timestamp],
    [REQUEST_ID_HEADER, requestId],
    [SIGNATURE_HEADER, signature],
  ]
    .filter(([, v]) => !v)
    .map(([n]) => n);
  if (missing.length > 0) {
    const v1 = missing.length === 1 && missing[0] === REQUEST_ID_HEADER ? ' (hub protocol version 2 requires it; see docs/hub-protocol.md)' : '';
    return { ok: false, message: `missing header ${missing.join(', ')}${v1}` };
  }
  if (!TERMINAL_ID_PATTERN.test(terminalId!)) return { ok: false, message: 'X-Terminal-Id is not 1–64 characters of A-Za-z0-9._-' };
  if (!/^\d{1,16}$/.test(timestamp!)) return { ok: false, message: 'X-Timestamp is not milliseconds since the epoch as a decimal string' };
  if (!REQUEST_ID_PATTERN.test(requestId!)) return { ok: false, message: 'X-Request-Id is not 32–128 lowercase hex digits (16–64 random bytes)' };
  const skew = now - Number(timestamp);
  if (Math.abs(skew) > MAX_SKEW_MS) {
    return { ok: false, message: `X-Timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'behind' : 'ahead of'} the hub's clock (limit 300 s)` };
  }
  const secret = secretOf(terminalId!);
  if (secret === undefined) return { ok: false, message: `unknown terminal ${terminalId}` };
  if (!/^[0-9a-f]{64}$/.test(signature!)) return { ok: false, message: 'X-Signature is not 64 lowercase hex digits' };
  const expected = Buffer.from(signRequest(secret, method, wirePath, timestamp!, requestId!, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) return { ok: false, message: 'bad signature' };
  return { ok: true, terminalId: terminalId!, requestId: requestId!, timestamp: Number(timestamp) };
}
