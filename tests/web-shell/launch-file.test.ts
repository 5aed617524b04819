import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { kioskChromiumArgs } from '../../main/web-shell/browser';
import { launchFilePath, launchPage, writeLaunchFile } from '../../main/web-shell/launch-file';
import { REPO_ROOT } from '../../testing/repo-root';
import { readLaunchUrl } from '../../testing/chromium/launch-url';

const LAUNCH_URL = 'http://127.0.0.1:45678/#token=Secret_Token-0123456789abcdef';
const mode = (file: string) => statSync(file).mode & 0o777;

describe('launch file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-launch-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is DATA/run/launch.html, 0600 in a 0700 folder, and sends the browser on to the shell with the token', () => {
    mkdirSync(path.join(dir, 'run'), { mode: 0o755 });
    const { file, url } = writeLaunchFile(dir, LAUNCH_URL);
    expect(file).toBe(path.join(dir, 'run', 'launch.html'));
    expect(fileURLToPath(url)).toBe(file);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(dir, 'run'))).toBe(0o700);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain(`<meta http-equiv="refresh" content="0; url=${LAUNCH_URL}">`);
    expect(page).toContain(`location.replace(${JSON.stringify(LAUNCH_URL)})`);
    expect(readLaunchUrl(dir)).toBe(LAUNCH_URL);
  });

  it('replaces a file or link left in its place instead of writing through it', () => {
    const elsewhere = path.join(dir, 'someone-elses.txt');
    writeFileSync(elsewhere, 'untouched');
    rmSync(launchFilePath(dir), { force: true });
    symlinkSync(elsewhere, launchFilePath(dir));
    writeLaunchFile(dir, LAUNCH_URL);
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(lstatSync(launchFilePath(dir)).isSymbolicLink()).toBe(false);
    expect(mode(launchFilePath(dir))).toBe(0o600);
  });

  it('cannot be turned into markup by the URL it carries', () => {
    const page = launchPage('http://127.0.0.1:1/#token=a"><script>alert(1)</script>');
    expect(page).not.toContain('"><script>alert(1)');
    expect(page).not.toContain('</script>alert');
  });

  it('is what Chromium is given: its command line (ps) carries no token', () => {
    const { url } = writeLaunchFile(dir, LAUNCH_URL);
    const args = kioskChromiumArgs(url, path.join(dir, 'chromium-profile'));
    expect(args).toContain(`--app=${url}`);
    expect(args.join(' ')).not.toContain('Secret_Token');
  });
});

/** The web shell as `npm start` runs it: the token reaches neither stdout nor stderr, only the launch file. */
describe('web shell process and its launch file', () => {
  let dataDir: string;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-launch-process-'));
    const rendererDir = path.join(dataDir, 'renderer-build');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'main', 'web-shell', 'main.ts'), '--data', dataDir, '--no-open', '--renderer-dir', rendererDir],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (/Open the launch page/.test(output)) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`web shell exited with ${code}:\n${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the address and the launch file, never the token; the file opens the RPC', async () => {
    const file = launchFilePath(dataDir);
    expect(output).toContain(`Launch page (carries this launch's token; readable by this user only): ${file}`);
    expect(mode(file)).toBe(0o600);
    const launchUrl = readLaunchUrl(dataDir);
    expect(launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
    const [url, token] = launchUrl!.split('#token=') as [string, string];
    expect(output).toContain(`Kiosk web shell on ${url} `);
    expect(output).not.toContain(token);
    const origin = url.replace(/\/$/, '');
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/rpc?token=${token}`, { origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();
  });

  it('removes the launch file when it stops', async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(existsSync(launchFilePath(dataDir))).toBe(false);
  });
});
