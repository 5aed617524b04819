/**
 * The embedded default document printer: a queue of the local CUPS backed by cups-pdf, so that a
 * kiosk without an A4 printer (development, demos, tests) prints to PDF files. Set up with the CUPS
 * command-line tools (lpstat, lpadmin, cupsenable, …), which is what a technician would type.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export type EmbeddedCupsQueue = { ok: true; queue: string; outputDir: string } | { ok: false; problem: string };

export interface EmbeddedCupsQueueOptions {
  /** The queue's name. Default `kiosk-a4`. */
  queue?: string;
  /** How long a freshly started cupsd may take to answer. Default 15 s. */
  readyWithinMs?: number;
}

export const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';
export const CUPS_PDF_PPD = 'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd';
const CUPS_PDF_CONFIG = '/etc/cups/cups-pdf.conf';
/** The user the kiosk's jobs are sent as (IppDocumentPrinter's default requesting-user-name). */
const KIOSK_USER = 'kiosk';
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,127}$/;
const SEARCH_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin', '/usr/local/sbin', '/usr/local/bin'];

/**
 * Makes sure the local CUPS runs and has `queue` (cups-pdf), enabled and accepting jobs. Starts
 * cupsd when it is not running (root only) and waits until it answers. Never throws: what is
 * missing comes back as a one-line `problem` with the command that fixes it.
 */
export async function ensureEmbeddedCupsQueue(options: EmbeddedCupsQueueOptions = {}): Promise<EmbeddedCupsQueue> {
  const queue = options.queue ?? 'kiosk-a4';
  if (!QUEUE_NAME.test(queue)) return { ok: false, problem: `"${queue}" is not a usable print queue name (letters, digits, - and _)` };
  const missing = ['lpstat', 'lpadmin', 'cupsd', 'cupsenable', 'cupsaccept'].filter((c) => commandPath(c) === null);
  if (missing.length > 0) {
    return { ok: false, problem: `CUPS is not installed (no ${missing.join(', ')}): sudo apt-get install cups cups-client cups-bsd printer-driver-cups-pdf` };
  }
  if (!existsSync(CUPS_PDF_BACKEND)) return { ok: false, problem: 'cups-pdf is not installed: sudo apt-get install printer-driver-cups-pdf' };

  if (!(await schedulerRunning())) {
    if (!isRoot()) return { ok: false, problem: 'CUPS is not running and only root can start it here: sudo systemctl start cups' };
    const started = await startScheduler(options.readyWithinMs ?? 15_000);
    if (!started.ok) return started;
  }

  if (!(await queueExists(queue))) {
    const added = await run('lpadmin', ['-p', queue, '-E', '-v', 'cups-pdf:/', '-m', CUPS_PDF_PPD]);
    if (!added.ok) {
      return { ok: false, problem: `cannot add the print queue ${queue} (${added.error}): sudo lpadmin -p ${queue} -E -v cups-pdf:/ -m ${CUPS_PDF_PPD}` };
    }
  }
  const enabled = await enableQueueQuietly(queue);
  if (!enabled.ok)
    return { ok: false, problem: `cannot enable the print queue ${queue} (${enabled.error}): sudo cupsenable ${queue} && sudo cupsaccept ${queue}` };
  return { ok: true, queue, outputDir: cupsPdfOutputDir() };
}

/**
 * Where cups-pdf writes the PDFs of `user`'s jobs (default the kiosk's requesting-user-name): its
 * `Out` folder (`${HOME}/PDF` on Debian) for a user of this machine, `AnonDirName`
 * (`/var/spool/cups-pdf/ANONYMOUS`) for a name the machine does not know, as `kiosk` usually is.
 * A file is named after the job's name, so a second job of the same name replaces the first.
 */
export function cupsPdfOutputDir(options: { user?: string; configFile?: string; passwdFile?: string } = {}): string {
  const user = options.user ?? KIOSK_USER;
  const config = readConfig(options.configFile ?? CUPS_PDF_CONFIG);
  const account = passwdEntry(user, options.passwdFile ?? '/etc/passwd');
  if (account === null) return config.get('AnonDirName') ?? '/var/spool/cups-pdf/ANONYMOUS';
  const out = config.get('Out') ?? '/var/spool/cups-pdf/${USER}';
  return out.replaceAll('${HOME}', account.home).replaceAll('${USER}', user);
}

/** cupsdisable: the queue stops (IPP printer-state stopped, reason paused); jobs wait in it. */
export async function disableQueue(name: string, reason: string): Promise<void> {
  await runOrThrow('cupsdisable', ['-r', reason, name]);
}

/** cupsreject: the queue refuses new jobs (printer-is-accepting-jobs false). */
export async function rejectJobs(name: string, reason: string): Promise<void> {
  await runOrThrow('cupsreject', ['-r', reason, name]);
}

/** cupsenable and cupsaccept: undoes disableQueue and rejectJobs. */
export async function enableQueue(name: string): Promise<void> {
  const r = await enableQueueQuietly(name);
  if (!r.ok) throw new Error(`cannot enable the print queue ${name}: ${r.error}`);
}

/** lpadmin -x, cancelling the queue's jobs first; a queue that does not exist is fine. */
export async function removeQueue(name: string): Promise<void> {
  if (!(await queueExists(name))) return;
  await run('cancel', ['-a', name]);
  await runOrThrow('lpadmin', ['-x', name]);
}

async function enableQueueQuietly(name: string): Promise<RunResult> {
  const enabled = await run('cupsenable', [name]);
  return enabled.ok ? run('cupsaccept', [name]) : enabled;
}

async function schedulerRunning(): Promise<boolean> {
  const r = await run('lpstat', ['-r']);
  return r.ok && /scheduler is running/.test(r.stdout);
}

async function queueExists(name: string): Promise<boolean> {
  return (await run('lpstat', ['-p', name])).ok;
}

/** cupsd forks itself into the background; it is ready once lpstat reaches it. */
async function startScheduler(readyWithinMs: number): Promise<EmbeddedCupsQueue | { ok: true }> {
  // A cupsd started at the same moment by another process makes this one exit with an error: the wait below decides.
  const started = await run('cupsd', []);
  const deadline = Date.now() + readyWithinMs;
  let pause = 20;
  while (Date.now() < deadline) {
    if (await schedulerRunning()) return { ok: true };
    await delay(pause);
    pause = Math.min(pause * 2, 250);
  }
  const said = started.ok ? '' : ` (cupsd: ${started.error})`;
  return { ok: false, problem: `CUPS (cupsd) did not answer within ${readyWithinMs} ms${said}: see /var/log/cups/error_log, or sudo systemctl start cups` };
}

type RunResult = { ok: true; stdout: string } | { ok: false; error: string };

function run(command: string, args: string[]): Promise<RunResult> {
  const file = commandPath(command);
  if (file === null) return Promise.resolve({ ok: false, error: `${command} is not installed` });
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 15_000, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } }, (err, stdout, stderr) => {
      if (err === null) resolve({ ok: true, stdout });
      else resolve({ ok: false, error: firstLine(stderr) || firstLine(err.message) || `${command} failed` });
    });
  });
}

async function runOrThrow(command: string, args: string[]): Promise<void> {
  const r = await run(command, args);
  if (!r.ok) throw new Error(`${command} ${args.join(' ')}: ${r.error}`);
}

/** The first line that is not lpadmin's deprecation notice about printer drivers. */
function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0 && !/drivers are deprecated/i.test(l)) ?? ''
  );
}

/** The command's file, looked up also in the sbin folders a non-root PATH often lacks. */
function commandPath(command: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':').filter(Boolean), ...SEARCH_PATH];
  return dirs.map((d) => `${d}/${command}`).find((f) => existsSync(f)) ?? null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function readConfig(file: string): Map<string, string> {
  const config = new Map<string, string>();
  if (!existsSync(file)) return config;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(\w+)\s+(.+?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) config.set(m[1]!, m[2]!);
  }
  return config;
}

function passwdEntry(user: string, file: string): { home: string } | null {
  if (!existsSync(file)) return null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === user && fields.length >= 6) return { home: fields[5]! };
  }
  return null;
}
