import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliExit, commandGroup } from '../command-registry';
import { IppDocumentPrinter } from '../../devices/document-printer/ipp-document-printer';
import {
  DocumentPrinterUnreachable,
  IPP_MEDIA,
  printerReadiness,
  type DocumentPrinterStatus,
  type PaperSize,
} from '../../devices/document-printer/document-printer';
import { checkDocumentPdf } from '../../main/core/documents/pdf-checks';

/** Exit codes of `kioskctl document ...`. */
export const DOCUMENT_EXIT = { ok: 0, failed: 1, refused: 2, noAnswer: 3, notReady: 4, notCompleted: 5 } as const;

function printerOrExit(target: string): IppDocumentPrinter {
  try {
    return new IppDocumentPrinter(target);
  } catch (err) {
    throw new CliExit(DOCUMENT_EXIT.failed, `--printer: ${(err as Error).message}`);
  }
}

async function statusOrExit(printer: IppDocumentPrinter, json: boolean): Promise<DocumentPrinterStatus> {
  try {
    return await printer.status();
  } catch (err) {
    if (!(err instanceof DocumentPrinterUnreachable)) throw err;
    if (json) process.stdout.write(JSON.stringify({ printer: printer.target, answered: false, ready: false, error: err.message }) + '\n');
    throw new CliExit(DOCUMENT_EXIT.noAnswer, `no answer from ${printer.target}: ${err.message}`);
  }
}

function notReadyExit(target: string, reasons: string[]): CliExit {
  return new CliExit(DOCUMENT_EXIT.notReady, `${target} is not ready: ${reasons.join(', ')}`);
}

export function registerDocumentCommands(program: Command): void {
  const document = commandGroup(program, 'document', 'the A4 printer of official documents, through the print system (CUPS over IPP)');

  document
    .command('status')
    .description('ask the printer through the print system; exit 0 ready, 4 not ready naming the reasons, 3 no answer')
    .requiredOption('--printer <uri>', 'an IPP address (ipp://host:631/printers/NAME) or a CUPS queue name')
    .option('--json', 'one JSON object on stdout')
    .action(async (opts: { printer: string; json?: boolean }) => {
      const printer = printerOrExit(opts.printer);
      const status = await statusOrExit(printer, Boolean(opts.json));
      const readiness = printerReadiness(status);
      const notReady = readiness.ready ? [] : readiness.reasons;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ printer: printer.target, answered: true, ready: readiness.ready, notReady, ...status }) + '\n');
      } else {
        process.stdout.write(
          `${printer.target}: ${status.state}, ${status.acceptingJobs ? 'accepting jobs' : 'not accepting jobs'}` +
            `${status.reasons.length ? `; reasons ${status.reasons.join(', ')}` : ''}${status.message ? `; "${status.message}"` : ''}\n` +
            (readiness.ready ? 'ready\n' : ''),
        );
      }
      if (!readiness.ready) throw notReadyExit(printer.target, readiness.reasons);
    });

  document
    .command('print')
    .description('print a PDF and follow the job; exit 0 only when the printer reports the job completed')
    .argument('<file>', 'the PDF to print')
    .requiredOption('--printer <uri>', 'an IPP address (ipp://host:631/printers/NAME) or a CUPS queue name')
    .option('--copies <n>', 'copies, 1 to 99', '1')
    .option('--paper <size>', 'A4, A3 or Letter', 'A4')
    .option('--duplex', 'print on both sides (long edge)')
    .option('--json', 'one JSON object on stdout')
    .action(async (file: string, opts: { printer: string; copies: string; paper: string; duplex?: boolean; json?: boolean }) => {
      const copies = Number(opts.copies);
      if (!Number.isInteger(copies) || copies < 1 || copies > 99)
        throw new CliExit(DOCUMENT_EXIT.failed, `--copies must be a whole number from 1 to 99, got "${opts.copies}"`);
      if (!(opts.paper in IPP_MEDIA)) throw new CliExit(DOCUMENT_EXIT.failed, `--paper must be A4, A3 or Letter, got "${opts.paper}"`);
      let pdf: Buffer;
      try {
        pdf = readFileSync(file);
      } catch (err) {
        throw new CliExit(DOCUMENT_EXIT.failed, `cannot read ${file}: ${(err as Error).message}`);
      }
      const check = await checkDocumentPdf(pdf);
      if (!check.ok) throw new CliExit(DOCUMENT_EXIT.refused, `${file} refused (${check.reason}): ${check.detail}`);
      const printer = printerOrExit(opts.printer);
      const readiness = printerReadiness(await statusOrExit(printer, Boolean(opts.json)));
      if (!readiness.ready) throw notReadyExit(printer.target, readiness.reasons);
      let outcome;
      try {
        outcome = await printer.print({
          pdf,
          copies,
          jobName: `kioskctl document print ${Date.now()}`,
          pages: check.pages,
          media: IPP_MEDIA[opts.paper as PaperSize],
          sides: opts.duplex ? 'two-sided-long-edge' : 'one-sided',
        });
      } catch (err) {
        if (!(err instanceof DocumentPrinterUnreachable)) throw err;
        throw new CliExit(DOCUMENT_EXIT.noAnswer, `the print system went away during the job; its end is unknown: ${err.message}`);
      }
      if (opts.json) process.stdout.write(JSON.stringify({ printer: printer.target, pages: check.pages, requestedCopies: copies, ...outcome }) + '\n');
      else
        process.stdout.write(`job ${outcome.jobId} on ${printer.target}: ${outcome.end}${outcome.reasons.length ? ` (${outcome.reasons.join(', ')})` : ''}\n`);
      if (outcome.end !== 'completed') throw new CliExit(DOCUMENT_EXIT.notCompleted, `job ${outcome.jobId} ${outcome.end}`);
    });
}
