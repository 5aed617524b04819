import { createHash, createHmac, randomBytes } from 'node:crypto';

/** The authentication headers of the hub protocol ("Transport and authentication", docs/hub-protocol.md). */
export const TERMINAL_ID_HEADER = 'x-terminal-id';
export const TIMESTAMP_HEADER = 'x-timestamp';
export const REQUEST_ID_HEADER = 'x-request-id';
export const SIGNATURE_HEADER = 'x-signature';

export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** A request id: 16 to 64 random bytes as lowercase hex. The terminal sends 16 bytes (32 digits). */
export const REQUEST_ID_PATTERN = /^[0-9a-f]{32,128}$/;

/** A fresh request id for one request (one attempt: a retry gets a new one). */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * `METHOD\nPATH\nTIMESTAMP\nREQUEST_ID\nSHA256HEX(BODY)`, PATH being the request target as sent on
 * the wire (protocol version 2: version 1 had no request id).
 */
export function signingMessage(method: string, wirePath: string, timestamp: string, requestId: string, body: Uint8Array | string): string {
  return `${method.toUpperCase()}\n${wirePath}\n${timestamp}\n${requestId}\n${sha256Hex(body)}`;
}

/** Lowercase hex HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
export function signRequest(secret: string, method: string, wirePath: string, timestamp: string, requestId: string, body: Uint8Array | string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(signingMessage(method, wirePath, timestamp, requestId, body)).digest('hex');
}
