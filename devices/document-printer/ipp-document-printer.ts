/**
 * DocumentPrinter over IPP (CUPS on Linux, or a network printer's own IPP service): Print-Job with
 * the PDF, then Get-Job-Attributes every `pollIntervalMs` until the job ends. Nothing here logs; an
 * error message names the printer and the operation, never the document.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { systemClock, type Clock } from '../../base/clock';
import type { DocumentJobEnd, DocumentJobOutcome, DocumentPrinter, DocumentPrinterStatus, DocumentPrintRequest } from './document-printer';
import { DocumentPrinterUnreachable } from './document-printer';
import { keywordsOf, sendIpp, type IppAttributes, type IppEndpoint, type IppReply, type IppRequest } from './ipp-request';

export interface IppDocumentPrinterOptions {
  /** Between two Get-Job-Attributes. Default 250 ms. */
  pollIntervalMs?: number;
  /**
   * How long a job may stay processing-stopped (or pending on a stopped printer) before print()
   * gives up with `stopped` and cancels it, so that it cannot come out later for nobody. Default 20 s.
   */
  stoppedAfterMs?: number;
  /** The longest one IPP request may take. Default 10 s. */
  requestTimeoutMs?: number;
  /** IPP requesting-user-name. Default `kiosk` (CUPS: the job's owner; cups-pdf: whose folder). */
  userName?: string;
  /** Certificate authority of an ipps:// printer with its own certificate. */
  ca?: string | Buffer;
  clock?: Clock;
}

const JOB_ENDS: Record<string, DocumentJobEnd> = { completed: 'completed', aborted: 'aborted', canceled: 'canceled' };
const JOB_ATTRIBUTES = ['job-state', 'job-state-reasons', 'job-impressions-completed', 'copies'];
const PRINTER_ATTRIBUTES = ['printer-state', 'printer-state-reasons', 'printer-is-accepting-jobs', 'printer-state-message'];

/** The IPP URI of a target: an ipp:// or ipps:// URI as given, a queue name as the local CUPS's queue. */
export function ippUriOf(target: string): string {
  if (/^ipps?:\/\//i.test(target)) return new URL(target).href;
  if (target.length === 0 || /[/#]/.test(target)) throw new DocumentPrinterUnreachable(`"${target}" is neither an IPP URI nor a print queue name`);
  return `ipp://localhost:631/printers/${encodeURIComponent(target)}`;
}

interface JobState {
  state: string;
  reasons: string[];
  impressions: number | null;
  copies: number | null;
}

export class IppDocumentPrinter implements DocumentPrinter {
  readonly target: string;
  private readonly endpoint: IppEndpoint;
  private readonly pollIntervalMs: number;
  private readonly stoppedAfterMs: number;
  private readonly userName: string;
  private readonly clock: Clock;

  /** `target`: an ipp:// or ipps:// URI, or the name of a queue of the local CUPS. */
  constructor(target: string, options: IppDocumentPrinterOptions = {}) {
    this.target = ippUriOf(target);
    this.endpoint = { printerUri: this.target, timeoutMs: options.requestTimeoutMs ?? 10_000, ...(options.ca ? { ca: options.ca } : {}) };
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.stoppedAfterMs = options.stoppedAfterMs ?? 20_000;
    this.userName = options.userName ?? 'kiosk';
    this.clock = options.clock ?? systemClock;
  }

  async status(): Promise<DocumentPrinterStatus> {
    const reply = await this.send({
      operation: 'Get-Printer-Attributes',
      operationAttributes: { 'requesting-user-name': this.userName, 'requested-attributes': PRINTER_ATTRIBUTES },
    });
    const a = reply.printerAttributes;
    const state = a['printer-state'];
    if (state !== 'idle' && state !== 'processing' && state !== 'stopped') {
      throw new DocumentPrinterUnreachable(`${this.target} reported no printer-state (got ${String(state)})`);
    }
    return {
      state,
      reasons: keywordsOf(a['printer-state-reasons']).filter((r) => r !== 'none'),
      acceptingJobs: a['printer-is-accepting-jobs'] === true,
      message: typeof a['printer-state-message'] === 'string' ? a['printer-state-message'] : '',
    };
  }

  /**
   * Aborting `signal` before the job exists sends nothing and rejects with the signal's reason;
   * after, it sends Cancel-Job and resolves with the job's end as the printer then reports it.
   */
  async print(request: DocumentPrintRequest, options: { signal?: AbortSignal; onJobCreated?: (jobId: number) => void } = {}): Promise<DocumentJobOutcome> {
    if (!Number.isInteger(request.copies) || request.copies < 1) throw new RangeError(`copies must be a whole number from 1, not ${request.copies}`);
    if (request.pdf.length === 0) throw new RangeError('the document is empty');
    options.signal?.throwIfAborted();
    const created = await this.send({
      operation: 'Print-Job',
      operationAttributes: { 'requesting-user-name': this.userName, 'job-name': request.jobName, 'document-format': 'application/pdf' },
      jobAttributes: { copies: request.copies, media: request.media, sides: request.sides },
      data: request.pdf,
    });
    const jobId = created.jobAttributes['job-id'];
    if (typeof jobId !== 'number' || !Number.isInteger(jobId)) throw new DocumentPrinterUnreachable(`${this.target} accepted Print-Job without a job-id`);
    options.onJobCreated?.(jobId);
    return this.follow(jobId, request, options.signal);
  }

  private async follow(jobId: number, request: DocumentPrintRequest, signal: AbortSignal | undefined): Promise<DocumentJobOutcome> {
    let stoppedSince: number | null = null;
    for (;;) {
      if (signal?.aborted) return this.cancel(jobId, request);
      const job = await this.job(jobId);
      const end = JOB_ENDS[job.state];
      if (end) return this.outcome(end, jobId, job, request);
      if (await this.makesNoProgress(job)) {
        stoppedSince ??= this.clock.now();
        if (this.clock.now() - stoppedSince >= this.stoppedAfterMs) {
          await this.cancelQuietly(jobId);
          return this.outcome('stopped', jobId, job, request);
        }
      } else {
        stoppedSince = null;
      }
      await delay(this.pollIntervalMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** processing-stopped, or waiting on a printer that is stopped (CUPS keeps such a job pending with no reason). */
  private async makesNoProgress(job: JobState): Promise<boolean> {
    if (job.state === 'processing-stopped') return true;
    if (job.state !== 'pending' && job.state !== 'pending-held') return false;
    return (await this.status()).state === 'stopped';
  }

  private async cancel(jobId: number, request: DocumentPrintRequest): Promise<DocumentJobOutcome> {
    await this.cancelQuietly(jobId);
    const job = await this.job(jobId);
    // A job that ended before the Cancel-Job arrived keeps its own end (it may have printed).
    return this.outcome(JOB_ENDS[job.state] ?? 'canceled', jobId, job, request);
  }

  /** Cancel-Job; a refusal (the job already ended) is not an error here. */
  private async cancelQuietly(jobId: number): Promise<void> {
    await this.send({ operation: 'Cancel-Job', operationAttributes: { 'job-id': jobId, 'requesting-user-name': this.userName } }).catch((err: unknown) => {
      if (!(err instanceof DocumentPrinterUnreachable) || err.ippStatus === null) throw err;
    });
  }

  private async job(jobId: number): Promise<JobState> {
    const reply = await this.send({
      operation: 'Get-Job-Attributes',
      operationAttributes: { 'job-id': jobId, 'requesting-user-name': this.userName, 'requested-attributes': JOB_ATTRIBUTES },
    });
    const a: IppAttributes = reply.jobAttributes;
    const state = a['job-state'];
    if (typeof state !== 'string') throw new DocumentPrinterUnreachable(`${this.target} reported no job-state for job ${jobId}`);
    const impressions = a['job-impressions-completed'];
    const copies = a.copies;
    return {
      state,
      reasons: keywordsOf(a['job-state-reasons']).filter((r) => r !== 'none'),
      impressions: typeof impressions === 'number' ? impressions : null,
      copies: typeof copies === 'number' ? copies : null,
    };
  }

  private outcome(end: DocumentJobEnd, jobId: number, job: JobState, request: DocumentPrintRequest): DocumentJobOutcome {
    return { end, jobId, reasons: job.reasons, copies: copiesMade(end, job, request) };
  }

  private send(request: IppRequest): Promise<IppReply> {
    return sendIpp(this.endpoint, request);
  }
}

/**
 * Whole copies the printer reports: impressions completed over the document's pages when both are
 * known (CUPS counts them), else all requested copies for a completed job and none otherwise.
 */
function copiesMade(end: DocumentJobEnd, job: JobState, request: DocumentPrintRequest): number {
  const requested = job.copies ?? request.copies;
  if (request.pages !== undefined && request.pages > 0 && job.impressions !== null && job.impressions > 0) {
    return Math.min(requested, Math.floor(job.impressions / request.pages));
  }
  return end === 'completed' ? requested : 0;
}
