import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The authentication headers of the hub protocol ("Transport and authentication", HUB-PROTOCOL.md). */
export const TERMINAL_ID_HEADER = 'x-terminal-id';
export const TIMESTAMP_HEADER = 'x-timestamp';
export const SIGNATURE_HEADER = 'x-signature';

export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The query parameter that carries the request id (docs/hub-protocol.md §1). It is part of the
 * request target, which the version 1 signature already covers: no new header, no change to the
 * signed message, and a hub that ignores unknown query parameters still verifies the request.
 */
export const REQUEST_ID_PARAM = 'rid';
/** A request id: 16 to 64 random bytes as lowercase hex. The terminal sends 16 bytes (32 digits). */
export const REQUEST_ID_PATTERN = /^[0-9a-f]{32,128}$/;

/** A fresh request id for one request (one attempt: a retry gets a new one). */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

/** The request target with `rid=<id>` appended to its query string. */
export function withRequestId(wirePath: string, requestId: string): string {
  return `${wirePath}${wirePath.includes('?') ? '&' : '?'}${REQUEST_ID_PARAM}=${requestId}`;
}

export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * `METHOD\nPATH\nTIMESTAMP\nSHA256HEX(BODY)` (HUB-PROTOCOL.md, version 1, unchanged), PATH being the
 * request target exactly as sent on the wire, query string (and so the request id) included.
 */
export function signingMessage(method: string, wirePath: string, timestamp: string, body: Uint8Array | string): string {
  return `${method.toUpperCase()}\n${wirePath}\n${timestamp}\n${sha256Hex(body)}`;
}

/** Lowercase hex HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
export function signRequest(secret: string, method: string, wirePath: string, timestamp: string, body: Uint8Array | string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(signingMessage(method, wirePath, timestamp, body))
    .digest('hex');
}
