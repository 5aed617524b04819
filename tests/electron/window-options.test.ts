import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../main/electron/window-options';
import { CONTENT_SECURITY_POLICY, withContentSecurityPolicy } from '../../main/electron/csp';
import { contentSecurityPolicy as webShellPolicy } from '../../main/web-shell/static-files';
import { APP_ORIGIN, APP_URL, appSchemePrivileges, isAppUrl, originOf } from '../../main/electron/app-origin';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('kiosk window options', () => {
  const production = kioskWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', production: true });
  const development = kioskWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', production: false });

  it('opens a frameless full-screen kiosk window without a menu bar, shown only when ready', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, show: false });
  });

  it('keeps the square corners that Electron 43+ would round on a frameless Linux window', () => {
    expect(production.roundedCorners).toBe(false);
  });

  it('isolates and sandboxes the renderer, with no Node and no webview', () => {
    expect(production.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads the given preload', () => {
    expect(production.webPreferences?.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('has devtools in development only', () => {
    expect(production.webPreferences?.devTools).toBe(false);
    expect(development.webPreferences?.devTools).toBe(true);
  });

  it('refuses to build a window without a preload', () => {
    expect(() => kioskWindowOptions({ preloadPath: '', production: true })).toThrow(/preloadPath/);
  });
});

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts and styles from the app only, with no inline or eval', () => {
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('allows camera streams and local images, and nothing to connect to but the app', () => {
    expect(policy.get('img-src')).toBe("'self' data: blob:");
    expect(policy.get('media-src')).toBe("'self' blob: mediastream:");
    expect(policy.get('connect-src')).toBe("'self'");
  });

  it('forbids plugins, base rewriting, framing and form posts', () => {
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'none'");
  });

  it('matches the web shell policy except for the WebSocket in connect-src', () => {
    const web = directives(webShellPolicy('ws://127.0.0.1:1234'));
    expect([...policy.keys()].sort()).toEqual([...web.keys()].sort());
    for (const [name, value] of policy) {
      expect(web.get(name), name).toBe(name === 'connect-src' ? "'self' ws://127.0.0.1:1234" : value);
    }
  });

  it('replaces any policy a response brings, whatever the header case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('app origin', () => {
  it('is a standard, secure scheme so the page has a real origin and may use the camera', () => {
    expect(appSchemePrivileges).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_URL).toBe('app://kiosk/');
    expect(APP_ORIGIN).toBe('app://kiosk');
  });

  it('recognises the app and nothing that only looks like it', () => {
    expect(isAppUrl('app://kiosk/')).toBe(true);
    expect(isAppUrl('app://kiosk/about?x=1#y')).toBe(true);
    expect(isAppUrl('app://kiosk')).toBe(true);
    for (const url of [
      'app://kiosk.evil.example/',
      'app://other/',
      'app://kiosk:81/',
      'app://user:pw@kiosk/',
      'https://kiosk/',
      'file:///app/dist/renderer/index.html',
      'http://127.0.0.1/',
      '',
      'not a url',
      undefined,
      42,
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false);
    }
  });

  it('logs only the origin of a URL, never its path or query', () => {
    expect(originOf('https://evil.example/steal?id=310101199001011234')).toBe('https://evil.example');
    expect(originOf('app://kiosk/x?y=1')).toBe('app://kiosk');
    expect(originOf(undefined)).toBe('(none)');
  });
});
