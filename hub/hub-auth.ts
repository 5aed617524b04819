import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { signRequest, SIGNATURE_HEADER, TERMINAL_ID_HEADER, TERMINAL_ID_PATTERN, TIMESTAMP_HEADER } from '../offline-queue/hub-signature';

/** Largest accepted distance between the request's timestamp and the hub's clock (exactly this is accepted). */
export const MAX_SKEW_MS = 300_000;

export type AuthResult = { ok: true; terminalId: string } | { ok: false; message: string };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Checks the HMAC authentication of HUB-PROTOCOL.md; the message says why a request is refused. */
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
  const skew = now - Number(timestamp);
  if (Math.abs(skew) > MAX_SKEW_MS) {
    return { ok: false, message: `X-Timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? 'behind' : 'ahead of'} the hub's clock (limit 300 s)` };
  }
  const secret = secretOf(terminalId!);
  if (secret === undefined) return { ok: false, message: `unknown terminal ${terminalId}` };
  if (!/^[0-9a-f]{64}$/.test(signature!)) return { ok: false, message: 'X-Signature is not 64 lowercase hex digits' };
  const expected = Buffer.from(signRequest(secret, method, wirePath, timestamp!, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature!, 'hex'))) return { ok: false, message: 'bad signature' };
  return { ok: true, terminalId: terminalId! };
}
