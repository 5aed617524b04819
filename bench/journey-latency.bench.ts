// What a citizen waits for, measured in real Chromium through the web shell with the embedded
// devices (ID card emulator and virtual printer on socat ptys, bytes paced at the wire's baud
// rate) and the local reference hub on loopback:
// - an ID card laid on the reader → the service menu on screen (target ≤ 1.0 s; includes waiting
//   for the reader's next poll, the paced read, the core, the WebSocket and React);
// - a touch on 取号 → the virtual printer has decoded the whole ticket, cut included (target
//   ≤ 1.5 s; includes the printer status query, the hub's number, and the job's bytes at the
//   printer's baud rate).
// The clock is Date.now() on both sides (page and bench run on one machine).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { kioskPage, launchChromium } from '../testing/chromium/chromium';
import { RENDERER_DIR, startWebShellProcess, type RunningWebShell } from '../testing/chromium/web-shell-process';
import { emulatorControl } from '../testing/chromium/web-shell-process';
import { REPO_ROOT } from '../testing/repo-root';
import { wireTimeMs } from '../devices/emulators/paced-writer';
import { latencySummary } from './latency-figures';

const ROUNDS = 15;
/** The embedded default (devices.printer.baudRate); many ticket printers run at 9600, which adds ~0.25 s to a 250-byte ticket. */
const PRINTER_BAUD = 115_200;
const CARD_TO_MENU_TARGET_MS = 1000;
const TAKE_TO_PRINTED_TARGET_MS = 1500;

/** Resolves with Date.now() in the page at the moment `testId` enters the DOM. */
function whenShown(page: Page, testId: string): Promise<number> {
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    const found = () => document.querySelector('[data-testid="${testId}"]') !== null;
    if (found()) return resolve(Date.now());
    const observer = new MutationObserver(() => {
      if (found()) { observer.disconnect(); resolve(Date.now()); }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  })`) as Promise<number>;
}

function newestJobAfter(printedDir: string, knownJobs: Set<string>): { file: string; mtimeMs: number } | null {
  if (!existsSync(printedDir)) return null;
  const fresh = readdirSync(printedDir).filter((f) => f.endsWith('.txt') && !knownJobs.has(f));
  if (fresh.length === 0) return null;
  const file = fresh[0]!;
  return { file, mtimeMs: statSync(path.join(printedDir, file)).mtimeMs };
}

async function waitFor<T>(probe: () => T | null, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function cardToMenu(page: Page, shell: RunningWebShell): Promise<number> {
  await page.getByTestId('attract-screen').waitFor();
  const shown = whenShown(page, 'service-menu');
  const laidAt = Date.now();
  await emulatorControl(shell, 'ttyIdCard', { cmd: 'place', card: 'resident' });
  const elapsed = (await shown) - laidAt;
  await emulatorControl(shell, 'ttyIdCard', { cmd: 'remove' });
  // The reader notices the card gone at its next poll; a new session reads only a fresh placement.
  await new Promise((r) => setTimeout(r, 800));
  await page.getByTestId('home').click();
  return elapsed;
}

async function takeToPrinted(page: Page, shell: RunningWebShell): Promise<number> {
  const printedDir = path.join(shell.dataDir, 'printed');
  await page.getByTestId('attract-screen').waitFor();
  await page.getByTestId('start').click();
  await page.getByTestId('service-A').click();
  await page.getByTestId('ticket-take').waitFor();
  const known = new Set(existsSync(printedDir) ? readdirSync(printedDir) : []);
  const touchedAt = Date.now();
  await page.getByTestId('ticket-take').click();
  const job = await waitFor(() => newestJobAfter(printedDir, known), 20_000, 'the printed ticket');
  const number = await page.getByTestId('ticket-number').textContent();
  if (!number || !readFileSync(path.join(printedDir, job.file), 'utf8').includes(number))
    throw new Error(`the printed job ${job.file} does not hold the number on screen (${number})`);
  await page.getByTestId('ticket-done').click();
  await page.getByTestId('rating-skip').click();
  // A pty does not pace what the host writes: add the job's time on a real serial line.
  const jobBytes = (JSON.parse(readFileSync(path.join(printedDir, job.file.replace(/\.txt$/, '.json')), 'utf8')) as { bytes: number }).bytes;
  return job.mtimeMs - touchedAt + wireTimeMs(jobBytes, PRINTER_BAUD);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    const build = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts'],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('the renderer build failed');
  }
  const shell = await startWebShellProcess({ ui: { idleTimeoutS: 600 } });
  const browser = await launchChromium();
  try {
    const page = await kioskPage(browser);
    await page.goto(shell.launchUrl);
    await page.getByTestId('attract-screen').waitFor();
    // One round of each first: the first read and the first ticket warm up lazy paths.
    await cardToMenu(page, shell);
    await takeToPrinted(page, shell);

    const cardSamples: number[] = [];
    const ticketSamples: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      cardSamples.push(await cardToMenu(page, shell));
      ticketSamples.push(await takeToPrinted(page, shell));
    }
    const cardMet = latencySummary('ID card laid → service menu on screen', cardSamples, CARD_TO_MENU_TARGET_MS);
    const ticketMet = latencySummary('取号 touched → ticket decoded by the virtual printer', ticketSamples, TAKE_TO_PRINTED_TARGET_MS);
    if (!cardMet || !ticketMet) process.exitCode = 1;
  } finally {
    await browser.close();
    await shell.stop();
    rmSync(shell.dataDir, { recursive: true, force: true });
  }
}

await main();
