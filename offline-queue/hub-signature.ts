import { createHash, createHmac } from 'node:crypto';

/** The authentication headers of HUB-PROTOCOL.md ("Transport and authentication"). */
export const TERMINAL_ID_HEADER = 'x-terminal-id';
export const TIMESTAMP_HEADER = 'x-timestamp';
export const SIGNATURE_HEADER = 'x-signature';

export const TERMINAL_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export function sha256Hex(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** `METHOD\nPATH\nTIMESTAMP\nSHA256HEX(BODY)`, PATH being the request target as sent on the wire. */
export function signingMessage(method: string, wirePath: string, timestamp: string, body: Uint8Array | string): string {
  return `${method.toUpperCase()}\n${wirePath}\n${timestamp}\n${sha256Hex(body)}`;
}

/** Lowercase hex HMAC-SHA256 keyed with the secret's UTF-8 bytes. */
export function signRequest(secret: string, method: string, wirePath: string, timestamp: string, body: Uint8Array | string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(signingMessage(method, wirePath, timestamp, body)).digest('hex');
}
