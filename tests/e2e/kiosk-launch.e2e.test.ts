import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { kioskChromiumArgs } from '../../main/web-shell/browser';
import { CHROMIUM_PROFILE_DIR_NAME } from '../../main/security/private-data-dir';
import { CHROMIUM, saveScreenshot } from '../../testing/chromium/chromium';
import { readCardToMenu } from './helpers/kiosk-in-chromium';
import { startWebShellProcess, type RunningWebShell } from '../../testing/chromium/web-shell-process';

/** What a headless run adds to the kiosk's own flags: no display, no sandbox (root in CI), a DevTools port of the system's choosing. */
const HEADLESS_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--remote-debugging-port=0'];

/** The DevTools address Chromium prints on stderr once it listens. */
function devToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium printed no DevTools address in 60 s:\n${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const endpoint = /DevTools listening on (ws:\/\/\S+)/.exec(err)?.[1];
      if (!endpoint) return;
      clearTimeout(timer);
      resolve(endpoint);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`chromium exited (${code ?? signal}) before listening:\n${err}`));
    });
  });
}

/** `pid` and every process below it (Chromium's zygote, GPU, network and renderer processes). */
function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* exited while listing */
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i] && !tree.includes(child)) tree.push(child);
  }
  return tree;
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The kiosk as `npm start` opens it, not as the other e2e tests do (page.goto): the web shell
 * process, and Debian's chromium started with exactly the shell's kiosk flags on the 0600 launch
 * file (`--app=file://…/launch.html`), driven over the DevTools protocol only to look.
 */
describe.skipIf(process.platform !== 'linux')('kiosk launch: Chromium on the launch file, as the web shell starts it', () => {
  let shell: RunningWebShell;
  let browserProcess: ChildProcess;
  let browser: Browser;
  let page: Page;
  let kioskArgs: string[];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium`);
    shell = await startWebShellProcess({ terminal: { id: 'T-E2E-LAUNCH' } });
    kioskArgs = kioskChromiumArgs(pathToFileURL(shell.launchFile).href, path.join(shell.dataDir, CHROMIUM_PROFILE_DIR_NAME));
    browserProcess = spawn(CHROMIUM, [...kioskArgs, ...HEADLESS_FLAGS], { stdio: ['ignore', 'ignore', 'pipe'] });
    browser = await chromium.connectOverCDP(await devToolsEndpoint(browserProcess));
    // The app window Chromium opened on --app: the launch page sends it on to the shell.
    const context = browser.contexts()[0]!;
    page = context.pages()[0] ?? (await context.waitForEvent('page'));
    await page.waitForURL((url) => url.origin === new URL(shell.url).origin, { timeout: 60_000 });
    await page.getByTestId('app').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    if (browserProcess && browserProcess.exitCode === null && browserProcess.signalCode === null) {
      const exited = new Promise((resolve) => browserProcess.once('exit', resolve));
      browserProcess.kill('SIGTERM');
      await exited;
    }
    await shell?.stop();
    if (shell) rmSync(shell.dataDir, { recursive: true, force: true });
  });

  it('shows the kiosk app on the shell’s address, from the launch file', async () => {
    await page.getByTestId('attract-screen').waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(shell.url).origin);
    await saveScreenshot(page, 'kiosk-launch-attract');
  });

  it('talks to the core over the RPC: a card laid on the reader opens the service menu', async () => {
    // Over the page's own WebSocket: the core's identity event in, the menu out.
    await readCardToMenu(shell, page);
    await saveScreenshot(page, 'kiosk-launch-menu');
  });

  it('never had the token on a command line: not Chromium’s, nor any of its processes’', () => {
    const tree = processTree(browserProcess.pid!);
    // The browser, its zygote and at least the renderer showing the kiosk.
    expect(tree.length).toBeGreaterThan(2);
    const lines = tree.map((pid) => ({ pid, args: commandLine(pid) }));
    const browserLine = lines[0]!.args;
    for (const arg of kioskArgs) expect(browserLine).toContain(arg);
    expect(browserLine).toContain(`--app=${pathToFileURL(shell.launchFile).href}`);
    expect(shell.token.length).toBeGreaterThan(16);
    expect(lines.filter(({ args }) => args.join(' ').includes(shell.token))).toEqual([]);
  });
});
