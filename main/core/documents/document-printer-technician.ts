import type { RpcOutput } from '../../../common/rpc/contract';
import type { Clock } from '../../../base/clock';
import { DocumentPrinterUnreachable, IPP_MEDIA } from '../../../devices/document-printer/document-printer';
import type { Logger } from '../../logging/logger';
import type { DocumentPrinterService } from '../devices/document-printer-service';
import type { StaffAuth } from '../staff/staff-auth';
import type { ParsedInput } from '../rpc/parsed-input';
import { renderTestPagePdf } from './test-page';

export interface DocumentPrinterTechnicianDeps {
  logger: Logger;
  clock: Clock;
  terminalId: () => string;
  staffAuth: Pick<StaffAuth, 'authorize'>;
  printer: Pick<DocumentPrinterService, 'readiness' | 'print' | 'printer' | 'problem'>;
}

/** The A4 printer on the technician screen: its state and reasons as the print system says them, and a test page. */
export class DocumentPrinterTechnician {
  constructor(private readonly deps: DocumentPrinterTechnicianDeps) {}

  async status({ token }: ParsedInput<'tech.documentPrinter.status'>): Promise<RpcOutput<'tech.documentPrinter.status'>> {
    const { deps } = this;
    deps.staffAuth.authorize(token);
    const readiness = await deps.printer.readiness();
    const printer = deps.printer.printer;
    if (!printer)
      return {
        target: '',
        emulated: false,
        answered: false,
        state: null,
        reasons: [],
        ready: false,
        message: '',
        error: deps.printer.problem ?? 'no A4 printer',
      };
    const status = readiness.status;
    return {
      target: printer.target,
      emulated: printer.emulated,
      answered: status !== null,
      state: status?.state ?? null,
      reasons: readiness.ready ? (status?.reasons ?? []) : readiness.reasons,
      ready: readiness.ready,
      message: status?.message ?? '',
      ...(!readiness.ready && readiness.error ? { error: readiness.error } : {}),
    };
  }

  async testPage({ token }: ParsedInput<'tech.documentPrinter.testPage'>): Promise<RpcOutput<'tech.documentPrinter.testPage'>> {
    const { deps } = this;
    deps.staffAuth.authorize(token);
    const readiness = await deps.printer.readiness();
    const printer = deps.printer.printer;
    if (!printer) return { end: 'unreachable', jobId: null, detail: deps.printer.problem ?? 'no A4 printer' };
    if (!readiness.ready)
      return { end: readiness.reasons.includes('unreachable') ? 'unreachable' : 'not-ready', jobId: null, detail: readiness.reasons.join(', ') };
    const pdf = await renderTestPagePdf({ terminalId: deps.terminalId(), target: printer.target, at: new Date(deps.clock.now()) });
    try {
      const outcome = await deps.printer.print({
        pdf,
        copies: 1,
        jobName: `kiosk ${deps.terminalId()} test page ${deps.clock.now()}`,
        pages: 1,
        media: IPP_MEDIA.A4,
        sides: 'one-sided',
      });
      deps.logger.info({ jobId: outcome.jobId, end: outcome.end }, 'A4 test page');
      return { end: outcome.end, jobId: outcome.jobId, detail: outcome.reasons.join(', ') };
    } catch (err) {
      if (!(err instanceof DocumentPrinterUnreachable)) throw err;
      return { end: 'unreachable', jobId: null, detail: err.message };
    }
  }
}
