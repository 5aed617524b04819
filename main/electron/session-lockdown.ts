import type { Session } from 'electron';
import { isAppUrl } from './app-origin';
import { withContentSecurityPolicy } from './csp';
import { installPermissionHandlers } from './permissions';

/** Schemes the renderer may load besides the app itself (inline images, camera blobs, devtools in development). */
const LOCAL_SCHEMES = ['data:', 'blob:', 'devtools:'];

export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  return LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme));
}

type LockdownSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>;

/**
 * The session the kiosk window uses: only the camera permission for the app, the CSP on every
 * response, and no network at all from the renderer (the core reaches the hub from Node, not
 * through Chromium), so a compromised page has nowhere to send anything.
 */
export function lockDownSession(session: LockdownSession): void {
  installPermissionHandlers(session);
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development only) brings its own policy.
    if (details.url.startsWith('devtools:')) return callback({});
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
}
