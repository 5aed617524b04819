/**
 * The A4 printer of official documents, behind the operating system's print system (docs/documents.md):
 * CUPS over IPP on Linux (`ipp-document-printer.ts`), the Windows spooler through Electron's silent
 * printing (`main/electron/spooler-document-printer.ts`). The kiosk never speaks a printer language
 * for A4 itself; it hands the print system a PDF and follows the job to its end.
 */

/** The printer as the print system reports it (IPP `printer-state`, `printer-state-reasons`). */
export interface DocumentPrinterStatus {
  /** IPP printer-state: idle (3), processing (4), stopped (5). */
  state: 'idle' | 'processing' | 'stopped';
  /** IPP printer-state-reasons without `none`, as reported (`media-empty-error`, `door-open-report`, …). */
  reasons: string[];
  /** IPP printer-is-accepting-jobs. */
  acceptingJobs: boolean;
  /** The printer's own message (IPP printer-state-message), for the technician; may be empty. */
  message: string;
}

/** What one job came to. Only `completed` means the citizen has the paper. */
export type DocumentJobEnd = 'completed' | 'aborted' | 'canceled' | 'stopped';

export interface DocumentJobOutcome {
  end: DocumentJobEnd;
  /** The print system's job id (IPP job-id), for the technician's log. */
  jobId: number;
  /** IPP job-state-reasons at the end (`job-completed-successfully`, `aborted-by-system`, …). */
  reasons: string[];
  /** Copies the print system reports it made, when it says (CUPS: job-impressions-completed / pages). */
  copies: number;
}

/** The IPP media name (PWG 5101.1) of each paper size staff may set (`devices.documentPrinter.paperSize`). */
export const IPP_MEDIA = { A4: 'iso_a4_210x297mm', A3: 'iso_a3_297x420mm', Letter: 'na_letter_8.5x11in' } as const;
export type PaperSize = keyof typeof IPP_MEDIA;

export interface DocumentPrintRequest {
  pdf: Buffer;
  copies: number;
  /** Shown in the print system's queue; never the citizen's name or the document's content. */
  jobName: string;
  /** IPP media, e.g. `iso_a4_210x297mm`. */
  media: string;
  sides: 'one-sided' | 'two-sided-long-edge';
  /** The document's page count, when known: turns the printer's impression count into whole copies. */
  pages?: number;
}

/** A print system that cannot be reached, or answered with an IPP error. */
export class DocumentPrinterUnreachable extends Error {
  constructor(
    message: string,
    /** IPP status code name when the print system answered (`client-error-not-found`, …), else null. */
    readonly ippStatus: string | null = null,
  ) {
    super(message);
    this.name = 'DocumentPrinterUnreachable';
  }
}

export interface DocumentPrinter {
  /** Where it prints, for the technician (an IPP URI or a spooler printer name). */
  readonly target: string;
  /** Asks the print system now. Throws DocumentPrinterUnreachable when it does not answer. */
  status(): Promise<DocumentPrinterStatus>;
  /**
   * Sends the job and follows it to its end state (polling the print system); resolves with the
   * outcome, also for an aborted or canceled job. Throws DocumentPrinterUnreachable when the
   * print system vanishes before the job ended (the job's fate is then unknown) or refuses the job.
   */
  print(request: DocumentPrintRequest, options?: { signal?: AbortSignal; onJobCreated?: (jobId: number) => void }): Promise<DocumentJobOutcome>;
}

/**
 * Reasons that stop a citizen from printing. IPP suffixes: `-error` stops printing, `-warning`
 * and `-report` do not (RFC 8011 §5.4.12); a bare keyword is treated as an error except the
 * informational ones below.
 */
const INFORMATIONAL = new Set(['none', 'moving-to-paused', 'connecting-to-device', 'cups-waiting-for-job-completed', 'other']);

export function blockingReasons(status: DocumentPrinterStatus): string[] {
  return status.reasons.filter((r) => {
    if (r.endsWith('-warning') || r.endsWith('-report')) return false;
    const bare = r.replace(/-error$/, '');
    return !INFORMATIONAL.has(bare) && !bare.startsWith('com.') && !bare.startsWith('cups-');
  });
}

/**
 * Whether a citizen may print now; why not, as IPP keywords: `stopped` first when the printer is
 * stopped (also when paused: a CUPS queue disabled with cupsdisable is `stopped` with `paused`),
 * then the blocking reasons, then `not-accepting-jobs`.
 */
export function printerReadiness(status: DocumentPrinterStatus): { ready: true } | { ready: false; reasons: string[] } {
  const reasons = blockingReasons(status).map((r) => r.replace(/-error$/, ''));
  if (status.state === 'stopped') reasons.unshift('stopped');
  if (!status.acceptingJobs) reasons.push('not-accepting-jobs');
  return reasons.length === 0 ? { ready: true } : { ready: false, reasons };
}
