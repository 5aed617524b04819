import type { Session } from 'electron';
import { isAppUrl } from './app-origin';

/** What the permission handlers look at; a subset of Electron's request and check details. */
export interface PermissionRequestDetails {
  requestingUrl?: string;
  isMainFrame?: boolean;
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}
export interface PermissionCheckDetails {
  requestingUrl?: string;
  securityOrigin?: string;
  mediaType?: 'video' | 'audio' | 'unknown';
}

/**
 * Request handler: the camera (`media` with video only) for the kiosk's own main frame; every
 * other permission (microphone, geolocation, notifications, HID, serial, clipboard, ...) and any
 * other origin is denied. Devices are the core's business, never the renderer's.
 */
export function isPermissionRequestGranted(permission: string, details: PermissionRequestDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(details.requestingUrl)) return false;
  if (details.isMainFrame === false) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

/** Check handler (synchronous queries such as enumerateDevices): the same rule. */
export function isPermissionCheckGranted(permission: string, requestingOrigin: string, details: PermissionCheckDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingOrigin)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  return details.mediaType === 'video';
}

type PermissionSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;

/** Installs the handlers on a session (the default session the kiosk window uses). */
export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionRequestGranted(permission, details as PermissionRequestDetails));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => isPermissionCheckGranted(permission, requestingOrigin, details));
  // WebHID / WebSerial / WebUSB from the renderer: never.
  session.setDevicePermissionHandler(() => false);
}
