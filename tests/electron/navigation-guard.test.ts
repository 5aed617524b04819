import { describe, expect, it } from 'vitest';
import { blockForeignNavigation, denyWindowOpen, hardenWebContents, isDocumentPrintUrl } from '../../main/electron/navigation-guard';
import { FakeWebContents } from './fake-electron';

function navigationEvent(url?: string) {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function recordingLog() {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  return { lines, warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) };
}

describe('navigation guard', () => {
  it('lets the app move within its own origin', () => {
    const event = navigationEvent('app://kiosk/about');
    expect(blockForeignNavigation(event, undefined)).toBe(false);
    expect(event.prevented).toBe(false);
  });

  it('blocks navigation to anywhere else, logging only the target origin', () => {
    const log = recordingLog();
    for (const url of ['https://evil.example/phish?id=310101199001011234', 'file:///etc/passwd', 'app://other/', 'javascript:alert(1)', 'about:blank']) {
      const event = navigationEvent(url);
      expect(blockForeignNavigation(event, undefined, log), url).toBe(true);
      expect(event.prevented, url).toBe(true);
    }
    expect(JSON.stringify(log.lines)).not.toContain('310101199001011234');
    expect(log.lines[0]?.fields).toEqual({ target: 'https://evil.example' });
  });

  it('uses the legacy url argument when the event has none', () => {
    const event = navigationEvent(undefined);
    expect(blockForeignNavigation(event, 'https://evil.example/')).toBe(true);
    expect(blockForeignNavigation(navigationEvent(undefined), 'app://kiosk/')).toBe(false);
  });

  it('denies every new window', () => {
    expect(denyWindowOpen({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(denyWindowOpen({ url: 'app://kiosk/other' })).toEqual({ action: 'deny' });
  });
});

describe('hardenWebContents', () => {
  const contents = new FakeWebContents();
  hardenWebContents(contents as never);

  it('guards will-navigate, will-frame-navigate and will-redirect', () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const foreign = navigationEvent();
      contents.emit(name, foreign, 'https://evil.example/');
      expect(foreign.prevented, name).toBe(true);
      const own = navigationEvent();
      contents.emit(name, own, 'app://kiosk/next');
      expect(own.prevented, name).toBe(false);
    }
    const frame = navigationEvent('https://evil.example/frame');
    contents.emit('will-frame-navigate', frame);
    expect(frame.prevented).toBe(true);
  });

  it('prevents <webview> attachment', () => {
    const event = navigationEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented).toBe(true);
  });

  it('installs a window-open handler that denies', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('the Windows spooler printer’s hidden print window', () => {
  const contents = new FakeWebContents();
  hardenWebContents(contents as never, undefined, isDocumentPrintUrl);

  it('may load its own PDF file into Chromium’s PDF viewer, and still nothing on the web', () => {
    for (const url of [
      'file:///C:/Users/kiosk/AppData/Local/Temp/kiosk-print-x/document.pdf',
      'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html',
    ]) {
      const frame = navigationEvent(url);
      contents.emit('will-frame-navigate', frame);
      expect(frame.prevented, url).toBe(false);
    }
    const foreign = navigationEvent('https://evil.example/');
    contents.emit('will-frame-navigate', foreign);
    expect(foreign.prevented).toBe(true);
    const otherExtension = navigationEvent('chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.html');
    contents.emit('will-frame-navigate', otherExtension);
    expect(otherExtension.prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'file:///C:/x.pdf' })).toEqual({ action: 'deny' });
  });
});
