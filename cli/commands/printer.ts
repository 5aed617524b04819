import { writeFileSync } from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { CliExit, commandGroup } from '../command-registry';
import { LANGUAGES, type Language } from '../../common/i18n/languages';
import { ReconnectingLink } from '../../devices/serial/reconnecting-link';
import { SerialPortTransport } from '../../devices/serial/serial-port-transport';
import { PrinterDriver } from '../../devices/printer/driver';
import { PrintError } from '../../devices/printer/print-error';
import { notReadyReason } from '../../devices/printer/status';
import { technicianDetail } from '../../devices/printer/messages';
import { DEFAULT_PROFILE_NAME, printerProfile, PRINTER_PROFILES, type PrinterProfile } from '../../devices/printer/profiles';
import { renderTicket } from '../../devices/printer/layouts/ticket';
import { renderReceipt } from '../../devices/printer/layouts/receipt';
import { renderTestPage } from '../../devices/printer/layouts/test-page';
import { VirtualPrinter, type SavedJob } from '../../devices/emulators/virtual-printer/virtual-printer';
import { isVirtualPrinterStatus, VIRTUAL_PRINTER_STATUSES } from '../../devices/emulators/virtual-printer/status-replies';

/** Exit codes of `kioskctl printer ...`. */
export const PRINTER_EXIT = { ok: 0, failed: 1, noAnswer: 3, notReady: 4, incomplete: 5 } as const;

const DEFAULT_HALL: Record<Language, string> = { 'zh-CN': '政务服务中心', 'zh-HK': '政務服務中心', en: 'Government Service Centre' };

interface PortOptions {
  port: string;
  baud: string;
  timeout: string;
  profile: string;
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliExit(PRINTER_EXIT.failed, `${name} must be a positive whole number, got "${value}"`);
  return n;
}

function profileOrExit(name: string): PrinterProfile {
  try {
    return printerProfile(name);
  } catch (err) {
    throw new CliExit(PRINTER_EXIT.failed, (err as Error).message);
  }
}

function languageOrExit(lang: string): Language {
  if (!(LANGUAGES as readonly string[]).includes(lang)) throw new CliExit(PRINTER_EXIT.failed, `--lang must be one of ${LANGUAGES.join(', ')}, got "${lang}"`);
  return lang as Language;
}

function timeOrExit(iso: string | undefined): Date {
  if (iso === undefined) return new Date();
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new CliExit(PRINTER_EXIT.failed, `--time must be an ISO date and time, got "${iso}"`);
  return d;
}

/** Opens the port, runs `fn` with a connected driver, and always closes the port. */
async function withPrinter<T>(opts: PortOptions, fn: (driver: PrinterDriver) => Promise<T>): Promise<T> {
  const baudRate = positiveInt('--baud', opts.baud);
  const timeoutMs = positiveInt('--timeout', opts.timeout);
  const link = new ReconnectingLink(() => new SerialPortTransport({ path: opts.port, baudRate }), { retryMs: 200 });
  const driver = new PrinterDriver({ link, statusTimeoutMs: timeoutMs });
  driver.start();
  try {
    await driver.waitConnected(3000).catch((err: Error) => {
      throw new CliExit(PRINTER_EXIT.noAnswer, `cannot open the printer port: ${err.message}`);
    });
    return await fn(driver);
  } finally {
    await driver.stop();
  }
}

function printErrorToExit(err: unknown): never {
  if (!(err instanceof PrintError)) throw err;
  const code =
    err.phase !== 'before'
      ? PRINTER_EXIT.incomplete
      : err.reason === 'offline' || err.reason === 'disconnected'
        ? PRINTER_EXIT.noAnswer
        : PRINTER_EXIT.notReady;
  throw new CliExit(
    code,
    `${err.phase === 'before' ? 'not printed' : 'printing may be incomplete'}: ${err.reason}\n  ${err.detail}\n  citizen sees: ${err.citizenMessage('zh-CN')}`,
  );
}

function portOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--port <path>', 'serial port of the printer, e.g. /dev/ttyUSB0')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--timeout <ms>', 'time allowed for each status reply', '1000')
    .option('--profile <name>', `printer profile (${Object.keys(PRINTER_PROFILES).join(', ')})`, DEFAULT_PROFILE_NAME);
}

function ticketOptions(cmd: Command): Command {
  return cmd
    .option('--number <ticket>', 'ticket number, e.g. A023')
    .option('--service <name>', 'service name, e.g. 社保业务')
    .option('--waiting <n>', 'people waiting ahead', '0')
    .option('--hall <name>', 'hall name (default: a generic name in the ticket language)')
    .option('--qr <url>', 'queue status address printed as a QR code')
    .option('--note <text>', 'one-line note at the bottom')
    .option('--lang <lang>', `ticket language (${LANGUAGES.join(', ')})`, 'zh-CN')
    .option('--time <iso>', 'print time (default now)');
}

interface TicketCliOptions {
  number?: string;
  service?: string;
  waiting: string;
  hall?: string;
  qr?: string;
  note?: string;
  lang: string;
  time?: string;
}

function ticketBytes(opts: TicketCliOptions, profile: PrinterProfile): Buffer {
  if (!opts.number) throw new CliExit(PRINTER_EXIT.failed, 'a ticket needs --number');
  if (!opts.service) throw new CliExit(PRINTER_EXIT.failed, 'a ticket needs --service');
  const waiting = Number(opts.waiting);
  if (!Number.isInteger(waiting) || waiting < 0) throw new CliExit(PRINTER_EXIT.failed, `--waiting must be a whole number ≥ 0, got "${opts.waiting}"`);
  const lang = languageOrExit(opts.lang);
  try {
    return renderTicket(
      {
        hall: opts.hall ?? DEFAULT_HALL[lang],
        number: opts.number,
        service: opts.service,
        waitingAhead: waiting,
        issuedAt: timeOrExit(opts.time),
        lang,
        ...(opts.qr ? { statusUrl: opts.qr } : {}),
        ...(opts.note ? { note: opts.note } : {}),
      },
      { profile },
    );
  } catch (err) {
    if (err instanceof CliExit) throw err;
    throw new CliExit(PRINTER_EXIT.failed, `cannot lay out the ticket: ${(err as Error).message}`);
  }
}

async function printJob(opts: PortOptions, job: Buffer, what: string): Promise<void> {
  await withPrinter(opts, async (driver) => {
    const result = await driver.print(job).catch(printErrorToExit);
    process.stdout.write(`${what} printed (${result.bytes} bytes)${result.paperNearEnd ? '; warning: paper near end' : ''}\n`);
  });
}

export function registerPrinterCommands(program: Command): void {
  const printer = program
    .command('printer')
    .description('receipt printer (ESC/POS): status, test page, tickets; exit 0 ok, 3 no answer, 4 not ready, 5 job incomplete');

  portOptions(printer.command('status'))
    .description('query DLE EOT 1-4; exit 0 ready, 4 not ready (reason named), 3 no answer')
    .option('--json', 'one JSON object on stdout')
    .action(async (opts: PortOptions & { json?: boolean }) => {
      profileOrExit(opts.profile);
      await withPrinter(opts, async (driver) => {
        const r = await driver.refreshStatus();
        if (!r.responding) {
          const detail = technicianDetail('offline', undefined, `no reply to DLE EOT ${r.unansweredRequest} in ${r.timeoutMs} ms`);
          if (opts.json) process.stdout.write(JSON.stringify({ port: opts.port, responding: false, ready: false, reason: 'offline', detail }) + '\n');
          throw new CliExit(PRINTER_EXIT.noAnswer, `printer on ${opts.port} does not answer: ${detail}`);
        }
        const reason = notReadyReason(r.status);
        if (opts.json) {
          process.stdout.write(JSON.stringify({ port: opts.port, responding: true, ready: reason === null, reason, status: r.status, bytes: r.bytes }) + '\n');
        } else {
          const flags = Object.entries(r.status)
            .map(([k, v]) => `  ${k}: ${v}`)
            .join('\n');
          process.stdout.write(`${opts.port}: ${reason ? `NOT READY (${reason})` : 'ready'}\n${flags}\n`);
        }
        if (reason) throw new CliExit(PRINTER_EXIT.notReady, `printer not ready: ${reason} — ${technicianDetail(reason, r.bytes)}`);
      });
    });

  portOptions(printer.command('test'))
    .description('print the technician test page')
    .action(async (opts: PortOptions) => {
      const profile = profileOrExit(opts.profile);
      await printJob(opts, renderTestPage({ printedAt: new Date() }, { profile }), 'test page');
    });

  ticketOptions(portOptions(printer.command('ticket')))
    .description('print one queue ticket')
    .action(async (opts: PortOptions & TicketCliOptions) => {
      const profile = profileOrExit(opts.profile);
      await printJob(opts, ticketBytes(opts, profile), `ticket ${opts.number}`);
    });

  ticketOptions(printer.command('render'))
    .description('write the ESC/POS bytes of a layout to a file, without a printer')
    .requiredOption('--layout <name>', 'ticket, receipt or test')
    .requiredOption('--out <file>', 'output file (.bin)')
    .option('--profile <name>', 'printer profile', DEFAULT_PROFILE_NAME)
    .option('--submission <number>', 'receipt: submission number')
    .option('--name <name>', 'receipt: applicant name (printed masked)')
    .action((opts: TicketCliOptions & { layout: string; out: string; profile: string; submission?: string; name?: string }) => {
      const profile = profileOrExit(opts.profile);
      let bytes: Buffer;
      if (opts.layout === 'ticket') bytes = ticketBytes(opts, profile);
      else if (opts.layout === 'test') bytes = renderTestPage({ printedAt: timeOrExit(opts.time) }, { profile });
      else if (opts.layout === 'receipt') {
        if (!opts.submission || !opts.service || !opts.name) throw new CliExit(PRINTER_EXIT.failed, 'a receipt needs --submission, --service and --name');
        const lang = languageOrExit(opts.lang);
        try {
          bytes = renderReceipt(
            {
              hall: opts.hall ?? DEFAULT_HALL[lang],
              submissionNumber: opts.submission,
              service: opts.service,
              applicantName: opts.name,
              submittedAt: timeOrExit(opts.time),
              lang,
            },
            { profile },
          );
        } catch (err) {
          if (err instanceof CliExit) throw err;
          throw new CliExit(PRINTER_EXIT.failed, `cannot lay out the receipt: ${(err as Error).message}`);
        }
      } else throw new CliExit(PRINTER_EXIT.failed, `--layout must be ticket, receipt or test, got "${opts.layout}"`);
      writeFileSync(opts.out, bytes);
      process.stdout.write(`${opts.out}: ${bytes.length} bytes (${opts.layout}, ${profile.name})\n`);
    });

  commandGroup(program, 'emulate', 'device emulators on pseudo-terminals (socat), for tests, demos and training')
    .command('printer')
    .description(`virtual ESC/POS printer; status changeable on stdin ("status paper-end") or LINK.ctl (JSON lines)`)
    .requiredOption('--link <path>', 'the port path the kiosk opens')
    .requiredOption('--out <dir>', 'directory for decoded jobs (job-NNNN.txt / .json)')
    .option('--status <status>', `initial status (${VIRTUAL_PRINTER_STATUSES.join(', ')})`, 'ok')
    .option('--encoding <enc>', 'font encoding: gb18030 or big5', 'gb18030')
    .action(async (opts: { link: string; out: string; status: string; encoding: string }) => {
      if (!isVirtualPrinterStatus(opts.status))
        throw new CliExit(PRINTER_EXIT.failed, `--status must be one of ${VIRTUAL_PRINTER_STATUSES.join(', ')}, got "${opts.status}"`);
      if (opts.encoding !== 'gb18030' && opts.encoding !== 'big5')
        throw new CliExit(PRINTER_EXIT.failed, `--encoding must be gb18030 or big5, got "${opts.encoding}"`);
      const vp = new VirtualPrinter({ linkPath: opts.link, outDir: opts.out, status: opts.status, encoding: opts.encoding });
      await vp.start();
      vp.on('job', (job: SavedJob) => {
        process.stdout.write(`job ${job.file} (${job.bytes} bytes)\n`);
        for (const u of job.unknown) process.stderr.write(`job ${job.file}: ${u}\n`);
      });
      vp.on('status', (s: string) => process.stdout.write(`status ${s}\n`));
      process.stdout.write(`virtual printer on ${opts.link} (control ${vp.controlPath}), status ${vp.status}, jobs to ${opts.out}\n`);
      const rl = readline.createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const m = /^\s*status\s+(\S+)\s*$/.exec(line);
        if (m && isVirtualPrinterStatus(m[1]!)) vp.setStatus(m[1]);
        else if (line.trim()) process.stdout.write(`unknown input; type: status ${VIRTUAL_PRINTER_STATUSES.join('|')}\n`);
      });
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      rl.close();
      await vp.stop();
    });
}
