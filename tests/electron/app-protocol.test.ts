import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, rendererFileFor } from '../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/csp';

let root: string;
let rendererDir: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'kiosk-protocol-'));
  rendererDir = path.join(root, 'dist', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'not for the renderer');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('maps app URLs into the renderer folder, routes to index.html, and nothing outside', () => {
    expect(rendererFileFor(rendererDir, 'app://kiosk/assets/app.js')).toBe(path.join(rendererDir, 'assets', 'app.js'));
    expect(rendererFileFor(rendererDir, 'app://kiosk/')).toBe(path.join(rendererDir, 'index.html'));
    expect(rendererFileFor(rendererDir, 'app://kiosk/about')).toBe(path.join(rendererDir, 'index.html'));
    for (const url of ['app://kiosk/../secret.txt', 'app://kiosk/%2e%2e/%2e%2e/secret.txt', 'app://kiosk/..%2f..%2fsecret.txt', 'app://kiosk/%00.js']) {
      const file = rendererFileFor(rendererDir, url);
      expect(file === null || file.startsWith(rendererDir + path.sep), url).toBe(true);
    }
    expect(rendererFileFor(rendererDir, 'app://other/index.html')).toBeNull();
    expect(rendererFileFor(rendererDir, 'https://kiosk/index.html')).toBeNull();
    expect(rendererFileFor(rendererDir, 'app://kiosk/%E0%A4%A')).toBeNull();
  });

  it('serves files with their type and the CSP on every response', async () => {
    const handle = createAppProtocolHandler(rendererDir);
    const page = await handle({ url: 'app://kiosk/', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('<title>kiosk</title>');

    const script = await handle({ url: 'app://kiosk/assets/app.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toBe('console.log(1)');

    const missing = await handle({ url: 'app://kiosk/assets/missing.js', method: 'GET' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await handle({ url: 'app://kiosk/../secret.txt', method: 'GET' })).status).not.toBe(200);
    expect((await handle({ url: 'app://kiosk/', method: 'POST' })).status).toBe(405);
  });

  it('says the renderer is not built when index.html is missing', async () => {
    const handle = createAppProtocolHandler(path.join(root, 'nowhere'));
    const response = await handle({ url: 'app://kiosk/', method: 'GET' });
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/npm run build/);
  });
});
