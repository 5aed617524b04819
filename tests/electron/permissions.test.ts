import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, isPermissionCheckGranted, isPermissionRequestGranted } from '../../main/electron/permissions';

const app = 'app://kiosk/';

describe('permission request handler', () => {
  it('grants the camera to the kiosk app', () => {
    expect(isPermissionRequestGranted('media', { requestingUrl: app, isMainFrame: true, mediaTypes: ['video'] })).toBe(true);
  });

  it('denies the camera to any other origin', () => {
    for (const requestingUrl of ['https://evil.example/', 'app://other/', 'file:///index.html', 'http://127.0.0.1:8080/', undefined]) {
      expect(isPermissionRequestGranted('media', { requestingUrl, isMainFrame: true, mediaTypes: ['video'] }), String(requestingUrl)).toBe(false);
    }
  });

  it('denies the microphone, and media requests that do not say they are for video only', () => {
    expect(isPermissionRequestGranted('media', { requestingUrl: app, mediaTypes: ['audio'] })).toBe(false);
    expect(isPermissionRequestGranted('media', { requestingUrl: app, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(isPermissionRequestGranted('media', { requestingUrl: app, mediaTypes: [] })).toBe(false);
    expect(isPermissionRequestGranted('media', { requestingUrl: app })).toBe(false);
  });

  it('denies the camera to a subframe, even of the app', () => {
    expect(isPermissionRequestGranted('media', { requestingUrl: app, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
  });

  it('denies every other permission, even to the app', () => {
    const others = [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'fullscreen',
      'midi',
      'midiSysex',
      'openExternal',
      'pointerLock',
      'keyboardLock',
      'window-management',
      'idle-detection',
      'fileSystem',
      'storage-access',
      'unknown',
    ];
    for (const permission of others) {
      expect(isPermissionRequestGranted(permission, { requestingUrl: app, isMainFrame: true, mediaTypes: ['video'] }), permission).toBe(false);
    }
  });
});

describe('permission check handler', () => {
  it('answers yes only for video media from the app origin', () => {
    expect(isPermissionCheckGranted('media', 'app://kiosk', { mediaType: 'video', requestingUrl: app })).toBe(true);
    expect(isPermissionCheckGranted('media', 'app://kiosk', { mediaType: 'audio' })).toBe(false);
    expect(isPermissionCheckGranted('media', 'app://kiosk', { mediaType: 'unknown' })).toBe(false);
    expect(isPermissionCheckGranted('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(isPermissionCheckGranted('media', 'app://kiosk', { mediaType: 'video', requestingUrl: 'https://evil.example/' })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'hid', 'serial', 'usb', 'clipboard-read']) {
      expect(isPermissionCheckGranted(permission, 'app://kiosk', { mediaType: 'video' }), permission).toBe(false);
    }
  });
});

describe('installPermissionHandlers', () => {
  it('wires the rules into the session, including a deny-all device handler', () => {
    let request: ((...args: unknown[]) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let device: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (request = handler),
      setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (check = handler),
      setDevicePermissionHandler: (handler: () => boolean) => (device = handler),
    };
    installPermissionHandlers(session as never);

    const answers: boolean[] = [];
    request?.({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: app, isMainFrame: true, mediaTypes: ['video'] });
    request?.({}, 'media', (granted: boolean) => answers.push(granted), { requestingUrl: 'https://evil.example/', isMainFrame: true, mediaTypes: ['video'] });
    request?.({}, 'geolocation', (granted: boolean) => answers.push(granted), { requestingUrl: app, isMainFrame: true });
    expect(answers).toEqual([true, false, false]);
    expect(check?.({}, 'media', 'app://kiosk', { mediaType: 'video' })).toBe(true);
    expect(check?.({}, 'notifications', 'app://kiosk', {})).toBe(false);
    expect(device?.()).toBe(false);
  });
});
