import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { commandGroup, CliExit } from '../command-registry';
import { ScannerEmulator } from '../../devices/emulators/scanner/scanner-emulator';
import { executeScannerCommand, parseScannerLine } from '../../devices/emulators/scanner/scanner-control';
import { listenJsonLines } from '../../devices/emulators/json-line-socket';
import { Scanner } from '../../devices/scanner/scanner';
import { ScanLineDecoder, type ScanTerminator } from '../../devices/scanner/scan-line-decoder';
import { SerialPortTransport } from '../../devices/serial/serial-port-transport';

const TERMINATORS: ScanTerminator[] = ['cr', 'lf', 'crlf', 'tab', 'none'];

function parseTerminator(value: string): ScanTerminator {
  if (!TERMINATORS.includes(value as ScanTerminator)) throw new CliExit(1, `--suffix must be one of ${TERMINATORS.join(', ')}`);
  return value as ScanTerminator;
}

function parseBaud(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliExit(1, `--baud must be a positive integer, got ${value}`);
  return n;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function registerScannerCommands(program: Command): void {
  commandGroup(program, 'emulate', 'device emulators on pseudo-terminals (socat)')
    .command('scanner')
    .description('a serial QR/barcode scanner on a pty; each stdin line is scanned (or: unplug, replug); control socket at LINK.ctl')
    .requiredOption('--link <path>', 'where the scanner port appears (the path a driver opens)')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--suffix <kind>', `suffix after each code: ${TERMINATORS.join(', ')}`, 'crlf')
    .action(async (opts: { link: string; baud: string; suffix: string }) => {
      const emulator = new ScannerEmulator({ linkPath: opts.link, baudRate: parseBaud(opts.baud), terminator: parseTerminator(opts.suffix) });
      await emulator.start();
      const control = await listenJsonLines(`${opts.link}.ctl`, (msg) => executeScannerCommand(emulator, msg));
      process.stderr.write(`scanner emulator on ${opts.link} (control: ${opts.link}.ctl)\n`);
      const rl = createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        if (!line.trim()) return;
        // Fire and forget: executeScannerCommand turns an emulator error into an { ok: false } reply.
        void executeScannerCommand(emulator, parseScannerLine(line)).then((reply) => process.stdout.write(JSON.stringify(reply) + '\n'));
      });
      await untilSignal();
      rl.close();
      control.close();
      await emulator.stop();
    });

  program
    .command('scanner')
    .description('scanner tests for technicians')
    .command('listen')
    .description('wait for one scanned code and print it (exit 0 scanned, 2 nothing scanned before the timeout, 3 device error)')
    .requiredOption('--port <path>', 'serial port of the scanner')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--suffix <kind>', `suffix the scanner sends: ${TERMINATORS.join(', ')}`, 'crlf')
    .option('--timeout-ms <n>', 'how long to wait', '30000')
    .option('--json', 'one JSON object on stdout')
    .action(async (opts: { port: string; baud: string; suffix: string; timeoutMs: string; json?: boolean }) => {
      const terminator = parseTerminator(opts.suffix);
      const scanner = new Scanner({
        transport: () => new SerialPortTransport({ path: opts.port, baudRate: parseBaud(opts.baud) }),
        decoder: () => new ScanLineDecoder({ terminator }),
      });
      scanner.start();
      try {
        await scanner.waitReady(3000).catch((err: Error) => {
          throw new CliExit(3, `scanner port ${opts.port}: ${err.message}`);
        });
        const started = Date.now();
        const scan = await new Promise<{ code: string; at: number } | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), Number(opts.timeoutMs));
          scanner.once('scan', (s: { code: string; at: number }) => {
            clearTimeout(timer);
            resolve(s);
          });
        });
        if (!scan) throw new CliExit(2, `nothing scanned within ${opts.timeoutMs} ms`);
        const waitedMs = scan.at - started;
        process.stdout.write(opts.json ? JSON.stringify({ code: scan.code, waitedMs }) + '\n' : `${scan.code}\n`);
      } finally {
        await scanner.stop();
      }
    });
}
