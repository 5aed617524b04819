import type { KioskConfig } from '../../common/config/schema';
import type { DocumentPrinter } from '../../devices/document-printer/document-printer';
import { IppDocumentPrinter } from '../../devices/document-printer/ipp-document-printer';
import { ensureEmbeddedCupsQueue } from '../../devices/document-printer/cups-queue';
import type { CoreService } from '../../base/lifecycle';
import type { KioskCoreContext } from '../core/create-kiosk-core';
import { DocumentPrinterService, EMBEDDED_DOCUMENT_QUEUE, type DocumentPrinterSetup } from '../core/devices/document-printer-service';
import { DocumentService } from '../core/documents/document-service';
import { DocumentPrinterTechnician } from '../core/documents/document-printer-technician';
import { documentPrinterTechnicianRoutes, documentRoutes } from '../core/documents/document-rpc';
import type { SessionSubject } from '../core/identity/session-subject';
import type { OfflineQueueStack } from '../../offline-queue/offline-queue-stack';
import { registerRoutes } from '../core/rpc/route-table';
import { PrintedDocuments, printedDocumentsRoutes } from './demo/printed-documents';

export interface DocumentPrintingOptions {
  /**
   * Makes the printer for a configured target. Default: IPP (CUPS on Linux and macOS, or a
   * network printer's IPP URI); the Electron shell on Windows passes the spooler printer.
   */
  printerFor?: (target: string) => DocumentPrinter;
  /** Instead of the configured printer or the embedded queue (tests with an IPP printer emulator). */
  setup?: () => Promise<DocumentPrinterSetup>;
}

/** Where the printer comes from: configured, the embedded cups-pdf queue (not in production), or none. */
async function findPrinter(config: KioskConfig, options: DocumentPrintingOptions, onOutputDir: (dir: string) => void): Promise<DocumentPrinterSetup> {
  const settings = config.devices.documentPrinter;
  if (!settings.enabled) return { kind: 'disabled' };
  if (settings.printer !== null) {
    const printer = options.printerFor?.(settings.printer) ?? new IppDocumentPrinter(settings.printer);
    return { kind: 'printer', printer, emulated: false };
  }
  if (config.production)
    return { kind: 'unavailable', problem: 'no A4 printer configured: set devices.documentPrinter.printer to an IPP address or a print queue name' };
  const queue = await ensureEmbeddedCupsQueue({ queue: EMBEDDED_DOCUMENT_QUEUE });
  if (!queue.ok) return { kind: 'unavailable', problem: queue.problem };
  onOutputDir(queue.outputDir);
  return { kind: 'printer', printer: new IppDocumentPrinter(queue.queue), emulated: true };
}

/** 证明打印's services: the A4 printer as a device, the citizen's documents, the technician's panel, the demo list. */
export function composeDocumentPrinting(
  ctx: KioskCoreContext,
  deps: { queue: Pick<OfflineQueueStack, 'client' | 'outbox'>; subject: SessionSubject; options?: DocumentPrintingOptions },
): { services: CoreService[]; printer: DocumentPrinterService } {
  const options = deps.options ?? {};
  let outputDir: string | null = null;
  const printer = new DocumentPrinterService({
    logger: ctx.logger,
    clock: ctx.clock,
    devices: ctx.devices,
    setup: options.setup ?? (() => findPrinter(ctx.config.config, options, (dir) => (outputDir = dir))),
  });
  const terminalId = () => ctx.config.config.terminal.id;
  const documents = new DocumentService({
    logger: ctx.logger,
    clock: ctx.clock,
    terminalId,
    paper: () => ctx.config.config.devices.documentPrinter,
    session: ctx.session,
    client: deps.queue.client,
    outbox: deps.queue.outbox,
    printer,
    subject: deps.subject,
  });
  registerRoutes(ctx.router, documentRoutes(documents));
  registerRoutes(
    ctx.router,
    documentPrinterTechnicianRoutes(new DocumentPrinterTechnician({ logger: ctx.logger, clock: ctx.clock, terminalId, staffAuth: ctx.staffAuth, printer })),
  );
  registerRoutes(ctx.router, printedDocumentsRoutes(new PrintedDocuments({ production: () => ctx.config.config.production, outputDir: () => outputDir })));
  return { services: [printer, documents], printer };
}
