import type { CustomScheme } from 'electron';

/**
 * The renderer is served from a custom privileged scheme (`app://kiosk/`), never from file://:
 * one fixed origin that the CSP, the permission handler, the navigation guard and the IPC
 * sender check can all compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/`;

/** Registered before `ready`: standard (real origin, relative URLs) and secure (camera access). */
export const appSchemePrivileges: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

/** True when `url` is a page or resource of the kiosk app itself (same scheme and host). */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** The origin part of a URL for log lines (never the path or query, which may carry data). */
export function originOf(url: unknown): string {
  if (typeof url !== 'string') return '(none)';
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return '(unparsable URL)';
  }
}
