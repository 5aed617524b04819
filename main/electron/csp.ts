import { rendererContentSecurityPolicy } from '../security/renderer-files';

/**
 * The renderer's Content-Security-Policy in the Electron shell: the web shell's policy with nothing
 * added to connect-src, since here the renderer talks to the core over IPC.
 */
export const CONTENT_SECURITY_POLICY = rendererContentSecurityPolicy();

/** Headers every response of the app scheme carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Adds the CSP to response headers (session.webRequest.onHeadersReceived), replacing any
 * policy a response brought with it, whatever the case of its header name.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}
