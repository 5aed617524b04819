import { existsSync } from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { CliExit, commandGroup } from '../command-registry';
import { IdCardReader, type CardRejection, type ReaderStatus } from '../../devices/id-card/id-card-reader';
import { SerialPortTransport } from '../../devices/serial/serial-port-transport';
import { SamError } from '../../devices/id-card/sam-errors';
import { SW3, describeSw3 } from '../../devices/id-card/sam-protocol';
import type { IdCardRecord } from '../../devices/id-card/card-parser';
import { cardOutput, cardOutputText } from '../../devices/id-card/card-output';
import { IdCardEmulatorHost } from '../../devices/emulators/id-card/emulator-host';
import { loadCardFile, sampleCards, type CardSpec } from '../../devices/emulators/id-card/card-spec';
import { executeControl, parseControlLine, startControlServer } from '../../devices/emulators/id-card/control';

/** Exit codes of `kioskctl idcard ...`. */
export const IDCARD_EXIT = { ok: 0, usage: 1, noCard: 2, deviceError: 3 } as const;

interface PortOptions {
  port: string;
  baud: string;
  timeoutMs: string;
  json?: boolean;
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliExit(IDCARD_EXIT.usage, `${name} must be a positive whole number, got "${value}"`);
  return n;
}

/** A device error in words: port not found / no response / checksum errors / SAM fault. */
function deviceError(port: string, err: unknown): CliExit {
  const e = err as Error;
  if (e instanceof SamError) {
    if (e.kind === 'timeout') return new CliExit(IDCARD_EXIT.deviceError, `no response from the ID card reader on ${port}: ${e.message}`);
    if (e.kind === 'checksum') return new CliExit(IDCARD_EXIT.deviceError, `checksum errors in replies from the ID card reader on ${port}: ${e.message}`);
    if (e.kind === 'status' && e.sw3 !== undefined) return new CliExit(IDCARD_EXIT.deviceError, `SAM fault on ${port}: ${e.message}`);
  }
  return new CliExit(IDCARD_EXIT.deviceError, `ID card reader on ${port}: ${e.message}`);
}

/** Opens the reader, checks the SAM answers, runs `fn`, and always closes the port. */
async function withReader<T>(opts: PortOptions, fn: (reader: IdCardReader, timeoutMs: number) => Promise<T>): Promise<T> {
  const baudRate = positiveInt('--baud', opts.baud);
  const timeoutMs = positiveInt('--timeout-ms', opts.timeoutMs);
  if (!existsSync(opts.port)) throw new CliExit(IDCARD_EXIT.deviceError, `port not found: ${opts.port}`);
  const reader = new IdCardReader({
    transportFactory: () => new SerialPortTransport({ path: opts.port, baudRate }),
    requestTimeoutMs: Math.min(2000, timeoutMs),
  });
  try {
    reader.connect();
    try {
      await reader.waitConnected(Math.min(3000, timeoutMs));
    } catch (err) {
      throw new CliExit(IDCARD_EXIT.deviceError, `cannot open ${opts.port}: ${(err as Error).message}`);
    }
    let sam;
    try {
      sam = await reader.samStatus();
    } catch (err) {
      throw deviceError(opts.port, err);
    }
    if (sam.sw3 !== SW3.ok) throw new CliExit(IDCARD_EXIT.deviceError, `SAM fault on ${opts.port}: SAM status: ${describeSw3(sam.sw3)}`);
    return await fn(reader, timeoutMs);
  } finally {
    await reader.stop();
  }
}

/**
 * Waits for a card. At the timeout: exit 2 when the reader answered cleanly (no card), exit 3 with
 * the last error when it has been failing since its last clean poll (a card that cannot be read,
 * a disconnected reader), so a technician sees the device problem rather than "no card".
 */
function waitForCard(reader: IdCardReader, port: string, timeoutMs: number): Promise<IdCardRecord> {
  return new Promise((resolve, reject) => {
    let failing: string | null = null;
    const onStatus = (status: ReaderStatus) => {
      if (status.state === 'ready') failing = null;
      else if ((status.state === 'error' || status.state === 'disconnected') && status.lastError) failing = status.lastError.message;
    };
    const timer = setTimeout(() => {
      reader.off('card-read', onRead);
      reader.off('card-rejected', onRejected);
      reader.off('status', onStatus);
      if (failing) reject(new CliExit(IDCARD_EXIT.deviceError, `ID card reader on ${port}: ${failing}`));
      else reject(new CliExit(IDCARD_EXIT.noCard, `no card on the reader within ${timeoutMs} ms`));
    }, timeoutMs);
    const onRead = (record: IdCardRecord) => {
      clearTimeout(timer);
      reader.off('status', onStatus);
      reader.off('card-rejected', onRejected);
      resolve(record);
    };
    const onRejected = (rejection: CardRejection) => {
      clearTimeout(timer);
      reader.off('status', onStatus);
      reader.off('card-read', onRead);
      reject(
        new CliExit(
          IDCARD_EXIT.deviceError,
          `the card on ${port} was refused: its data cannot be a genuine record (${rejection.reason}${rejection.field ? `, field ${rejection.field}` : ''})`,
        ),
      );
    };
    reader.once('card-read', onRead);
    reader.once('card-rejected', onRejected);
    reader.on('status', onStatus);
    reader.start();
  });
}

function loadCards(file: string | undefined): CardSpec[] {
  if (!file) return sampleCards();
  try {
    return loadCardFile(file);
  } catch (err) {
    throw new CliExit(IDCARD_EXIT.usage, (err as Error).message);
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export function registerIdCardCommands(program: Command): void {
  const idcard = program
    .command('idcard')
    .description('second-generation ID card reader (SAM protocol, GA 467): read a card, query the SAM')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 bad usage, 2 no card before the timeout, 3 device error (port not found, no response, checksum errors, SAM fault).',
    );

  idcard
    .command('read')
    .description('wait for one card and print it (personal fields masked unless --reveal)')
    .requiredOption('--port <path>', 'serial port of the reader, e.g. /dev/ttyUSB0')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--timeout-ms <n>', 'how long to wait for a card', '15000')
    .option('--json', 'one JSON object on stdout')
    .option('--reveal', 'print name, ID number, address and birth date in clear (personal data!)')
    .action(async (opts: PortOptions & { reveal?: boolean }) => {
      const record = await withReader(opts, (reader, timeoutMs) => waitForCard(reader, opts.port, timeoutMs));
      const output = cardOutput(record, opts.reveal === true);
      process.stdout.write(opts.json ? JSON.stringify(output) + '\n' : cardOutputText(output));
    });

  idcard
    .command('sam')
    .description('SAM module status and id')
    .requiredOption('--port <path>', 'serial port of the reader')
    .option('--baud <n>', 'baud rate', '115200')
    .option('--timeout-ms <n>', 'per-request timeout', '2000')
    .option('--json', 'one JSON object on stdout')
    .action(async (opts: PortOptions) => {
      const samId = await withReader(opts, async (reader) => {
        try {
          return await reader.samId();
        } catch (err) {
          throw deviceError(opts.port, err);
        }
      });
      if (opts.json) process.stdout.write(JSON.stringify({ port: opts.port, status: 'ok', samId }) + '\n');
      else process.stdout.write(`port          ${opts.port}\nSAM status    ok (SW3 90)\nSAM id        ${samId}\n`);
    });

  commandGroup(program, 'emulate', 'device emulators on pseudo-terminals (socat), for tests, demos and training')
    .command('idcard')
    .description('emulate an ID card reader on a pty; script it from stdin or the control socket PATH.ctl (JSON lines)')
    .requiredOption('--link <path>', 'where the reader port appears, e.g. /tmp/ttyIDCARD')
    .option('--cards <file>', 'JSON file of cards (default: one fake sample card per type)')
    .option('--baud <n>', 'baud rate paced on the line', '115200')
    .addHelpText(
      'after',
      '\nstdin commands: place <cardId> | remove | fault <chunked|noise|corrupt-checksum|read-failure|slow|lost-reply|sam-fault> | clear | unplug | replug | status\n' +
        'control socket: the same as JSON lines, e.g. {"cmd":"place","card":"resident"}; each answered by one JSON line.',
    )
    .action(async (opts: { link: string; cards?: string; baud: string }) => {
      const cards = loadCards(opts.cards);
      const baudRate = positiveInt('--baud', opts.baud);
      const host = new IdCardEmulatorHost({ linkPath: opts.link, cards, baudRate });
      try {
        await host.start();
      } catch (err) {
        throw new CliExit(IDCARD_EXIT.deviceError, `cannot create the pty at ${opts.link}: ${(err as Error).message}`);
      }
      const socketPath = `${opts.link}.ctl`;
      const server = await startControlServer(socketPath, host);
      const rl = readline.createInterface({ input: process.stdin });
      let chain = Promise.resolve();
      rl.on('line', (line) => {
        if (!line.trim()) return;
        chain = chain.then(async () => {
          let reply;
          try {
            reply = await executeControl(host, parseControlLine(line));
          } catch (err) {
            reply = { ok: false, error: (err as Error).message };
          }
          process.stdout.write(JSON.stringify(reply) + '\n');
        });
      });
      process.stdout.write(
        `emulating an ID card reader on ${opts.link} at ${baudRate} baud; control socket ${socketPath}; cards: ${host.emulator.cardIds.join(', ')}\n`,
      );
      await untilSignal();
      rl.close();
      process.stdin.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.stop();
    });
}
