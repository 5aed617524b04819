import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { kioskPage, launchChromium, saveScreenshot } from '../../testing/chromium/chromium';
import { startWebShellProcess, type RunningWebShell } from '../../testing/chromium/web-shell-process';

const HAN = /[\u3400-\u9fff]/;

describe('kiosk frame in Chromium through the web shell', () => {
  let browser: Browser;
  let shell: RunningWebShell;
  let page: Page;
  /** The core's events as the page's own RPC WebSocket received them (the shell serves one renderer at a time). */
  const events: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    shell = await startWebShellProcess({ terminal: { id: 'T-E2E-07' }, ui: { idleTimeoutS: 15, countdownS: 5 } });
    browser = await launchChromium();
    page = await kioskPage(browser);
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string; event?: string; payload?: unknown };
        if (frame.type === 'event') events.push({ event: frame.event!, payload: frame.payload });
      }),
    );
    // As the shell opens Chromium: on the 0600 launch file, which sends the page on with the token.
    await page.goto(pathToFileURL(shell.launchFile).href);
    await page.getByTestId('attract-screen').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await shell?.stop();
  });

  it('shows the attract screen in Simplified Chinese by default', async () => {
    await expect.poll(() => page.getByTestId('hall-name').textContent()).toBe('市民服务中心 24 小时自助服务厅');
    // The ways in come with the core's attract.info answer, which a loaded machine may give after the first paint.
    await page.getByTestId('prompt-idCard').waitFor();
    const body = await page.locator('body').innerText();
    for (const text of ['请放置身份证', '刷脸办事', '扫码预约码', '点击屏幕开始办事']) expect(body).toContain(text);
    await expect.poll(() => page.getByTestId('clock').textContent()).toMatch(/\d{2}:\d{2}/);
    // The launch file sent the page on to the shell, and the token left the address bar once the renderer took it.
    expect(page.url()).toBe(shell.url);
    await saveScreenshot(page, 'attract-zh-CN');
  });

  it('switches to Traditional Chinese', async () => {
    await page.getByTestId('lang-zh-HK').click();
    await expect.poll(() => page.getByTestId('hall-name').textContent()).toBe('市民服務中心 24 小時自助服務廳');
    const body = await page.locator('body').innerText();
    for (const text of ['請放置身份證', '刷臉辦事', '掃描預約碼', '點擊屏幕開始辦事', '長輩版']) expect(body).toContain(text);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-HK');
    await saveScreenshot(page, 'attract-zh-HK');
  });

  it('switches to English, with every visible string translated', async () => {
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('hall-name').textContent()).toBe('Citizen Service Centre 24-Hour Self-Service Hall');
    // Everything but the language names themselves (each language names itself) is English.
    const text = await page.evaluate(() => {
      const clone = document.body.cloneNode(true) as HTMLElement;
      clone.querySelector('[data-testid="language-switch"]')?.remove();
      return clone.innerText;
    });
    expect(text).toContain('Place your ID card');
    expect(text).toContain('Scan your appointment code');
    expect(text.match(HAN)).toBeNull();
    await saveScreenshot(page, 'attract-en');
    await page.getByTestId('lang-zh-CN').click();
  });

  it('counts down when the citizen walks away, then returns to the attract screen and resets the session', async () => {
    await page.getByTestId('start').click();
    await page.getByTestId('service-menu').waitFor();
    // 15 s idle, then the visible countdown from 5.
    const countdown = page.getByTestId('idle-countdown');
    await countdown.waitFor({ timeout: 30_000 });
    const first = Number(await page.getByTestId('idle-seconds').textContent());
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(5);
    await saveScreenshot(page, 'idle-countdown');
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
    expect(await countdown.count()).toBe(0);
    await expect
      .poll(() => events.some((e) => e.event === 'session.reset' && (e.payload as { reason: string }).reason === 'idle'), { timeout: 10_000 })
      .toBe(true);
  });

  it('keeps the citizen on the screen when they touch "continue" during the countdown', async () => {
    await page.getByTestId('start').click();
    await page.getByTestId('idle-countdown').waitFor({ timeout: 30_000 });
    await page.getByTestId('idle-continue').click();
    expect(await page.getByTestId('idle-countdown').count()).toBe(0);
    expect(await page.getByTestId('service-menu').count()).toBe(1);
    await page.getByTestId('home').click();
  });

  it('shows the about screen with values that came through the RPC', async () => {
    await page.getByTestId('open-about').click();
    await page.getByTestId('about-screen').waitFor();
    await expect.poll(() => page.getByTestId('about-data-dir').textContent()).toBe(shell.dataDir);
    expect(await page.getByTestId('about-terminal').textContent()).toBe('T-E2E-07');
    expect(await page.getByTestId('about-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await page.getByTestId('about-shell').textContent()).toContain('Web');
    const first = Number(await page.getByTestId('about-uptime').getAttribute('data-seconds'));
    await expect.poll(async () => Number(await page.getByTestId('about-uptime').getAttribute('data-seconds')), { timeout: 5000 }).toBeGreaterThan(first);
    await saveScreenshot(page, 'about');
    await page.getByTestId('about-back').click();
  });

  it('hands the kiosk to a second window: the first is let go and does not take it back', async () => {
    const firstSockets: string[] = [];
    page.on('websocket', (ws) => firstSockets.push(ws.url()));
    const second = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const secondSockets: string[] = [];
    second.on('websocket', (ws) => secondSockets.push(ws.url()));
    await second.goto(pathToFileURL(shell.launchFile).href);
    await second.getByTestId('attract-screen').waitFor();
    await second.getByTestId('open-about').click();
    const uptime = async () => Number(await second.getByTestId('about-uptime').getAttribute('data-seconds'));
    await expect.poll(uptime, { timeout: 10_000 }).toBeGreaterThan(0);
    // Three seconds of the second window's calls, well past the bridge's 1 s reconnect delay.
    const start = await uptime();
    await expect.poll(uptime, { timeout: 15_000 }).toBeGreaterThanOrEqual(start + 3);
    expect(firstSockets).toEqual([]);
    expect(secondSockets).toHaveLength(1);
    await second.close();
  });
});

describe('web shell RPC socket', () => {
  let shell: RunningWebShell;
  beforeAll(async () => {
    shell = await startWebShellProcess();
  });
  afterAll(async () => shell?.stop());

  const rpcUrl = () => shell.url.replace('http', 'ws') + 'rpc';
  const ownOrigin = () => shell.url.replace(/\/$/, '');

  it('prints no token: it is only in the launch file', () => {
    expect(shell.output()).toContain(shell.launchFile);
    expect(shell.output()).not.toContain(shell.token);
  });

  it('refuses a connection without the token', async () => {
    expect(await upgradeStatus(rpcUrl(), { origin: ownOrigin() })).toBe(401);
  });

  it('refuses a connection with a wrong token', async () => {
    expect(await upgradeStatus(`${rpcUrl()}?token=not-the-token`, { origin: ownOrigin() })).toBe(401);
  });

  it('refuses a client that sends no Origin even with the token', async () => {
    expect(await upgradeStatus(`${rpcUrl()}?token=${shell.token}`)).toBe(403);
  });

  it('refuses a page from another origin even with the token', async () => {
    expect(await upgradeStatus(`${rpcUrl()}?token=${shell.token}`, { origin: 'http://evil.example' })).toBe(403);
  });

  it('answers calls with the token, and answers invalid input with a typed error naming the field', async () => {
    const ws = new WebSocket(`${rpcUrl()}?token=${shell.token}`, { origin: shell.url.replace(/\/$/, '') });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const call = (id: number, method: string, input: unknown) =>
      new Promise<Record<string, unknown>>((resolve) => {
        ws.on('message', (d) => {
          const frame = JSON.parse(d.toString());
          if (frame.type === 'result' && frame.id === id) resolve(frame);
        });
        ws.send(JSON.stringify({ type: 'invoke', id, method, input }));
      });
    const ok = await call(1, 'system.ping', { nonce: 'abc' });
    expect(ok).toMatchObject({ ok: true, output: { nonce: 'abc' } });
    const bad = await call(2, 'session.reset', { reason: 'because' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'reason' }] } });
    const unknown = await call(3, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    ws.close();
  });
});

function upgradeStatus(url: string, options: { origin?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {});
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}
