/**
 * An IPP printer on 127.0.0.1 (random port) for what a cups-pdf queue cannot show: paper out, an
 * open door, a job aborted by the printer, a job stopped mid-way, a printer that vanishes mid-job.
 * Real IPP over HTTP (the `ipp` package's parser and serializer); each job's state follows its fate,
 * worked out when it is asked for, so no timer runs between requests.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseIppRequest, serializeIppResponse, type IppGroup, type IppIncoming, type IppOutgoing } from './ipp-wire';

export interface EmulatedPrinterState {
  state: 'idle' | 'processing' | 'stopped';
  /** printer-state-reasons (`media-empty-error`, `door-open-error`, `offline-report`, …); empty = none. */
  reasons: string[];
  acceptingJobs: boolean;
  message: string;
}

/** What becomes of the next jobs. `afterMs` counts from the Print-Job (default 0). */
export type JobFate =
  | { end: 'completed'; afterMs?: number; impressions?: number }
  | { end: 'aborted'; afterMs?: number; reason?: string }
  | { end: 'canceled'; afterMs?: number; reason?: string }
  /** processing-stopped (e.g. `media-jam`) until canceled. */
  | { end: 'processing-stopped'; reason?: string }
  /** processing until canceled. */
  | { end: 'processing' }
  /** The server closes every connection and stops listening when the job's state is first asked for. */
  | { end: 'vanish' };

export interface ReceivedJob {
  id: number;
  jobName: string;
  userName: string;
  documentFormat: string;
  copies: number;
  media: string | null;
  sides: string | null;
  bytes: number;
  /** A Cancel-Job for this job arrived while it had not ended. */
  canceledByClient: boolean;
}

export interface IppRequestSeen {
  operation: string;
  jobId: number | null;
}

interface EmulatedJob {
  record: ReceivedJob;
  fate: JobFate;
  createdAt: number;
  canceledAt: number | null;
}

const PRINTER_PATH = '/ipp/print';
const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

/** Starts an emulated printer; `uri` is its IPP address. Events: `request` (IppRequestSeen), `job` (ReceivedJob). */
export async function startIppPrinterEmulator(options: { printer?: Partial<EmulatedPrinterState>; fate?: JobFate } = {}): Promise<IppPrinterEmulator> {
  const emulator = new IppPrinterEmulator(options);
  await emulator.listen();
  return emulator;
}

export class IppPrinterEmulator extends EventEmitter {
  readonly jobs: ReceivedJob[] = [];
  readonly requests: IppRequestSeen[] = [];
  private printer: EmulatedPrinterState;
  private fate: JobFate;
  private readonly emulatedJobs = new Map<number, EmulatedJob>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private port = 0;

  constructor(options: { printer?: Partial<EmulatedPrinterState>; fate?: JobFate } = {}) {
    super();
    this.printer = { state: 'idle', reasons: [], acceptingJobs: true, message: '', ...options.printer };
    this.fate = options.fate ?? { end: 'completed' };
  }

  get uri(): string {
    return `ipp://127.0.0.1:${this.port}${PRINTER_PATH}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  setPrinter(state: Partial<EmulatedPrinterState>): void {
    this.printer = { ...this.printer, ...state };
  }

  /** The fate of the jobs received from now on. */
  setJobFate(fate: JobFate): void {
    this.fate = fate;
  }

  /** Closes every connection at once, answering nothing more: a printer switched off. */
  vanish(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    return closed;
  }

  close(): Promise<void> {
    return this.server.listening ? this.vanish() : Promise.resolve();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/ipp') {
      res.writeHead(req.method === 'POST' ? 415 : 405).end();
      return;
    }
    let incoming: IppIncoming;
    try {
      incoming = parseIppRequest(await readBody(req));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const jobId = typeof incoming.operationAttributes['job-id'] === 'number' ? incoming.operationAttributes['job-id'] : null;
    const seen: IppRequestSeen = { operation: incoming.operation, jobId };
    this.requests.push(seen);
    this.emit('request', seen);
    const job = jobId === null ? undefined : this.emulatedJobs.get(jobId);
    if (incoming.operation === 'Get-Job-Attributes' && job?.fate.end === 'vanish') {
      await this.vanish();
      return;
    }
    const reply = req.url?.split('?')[0] === PRINTER_PATH ? this.answer(incoming) : { status: 'client-error-not-found', statusMessage: 'no such printer' };
    const body = serializeIppResponse({ requestId: incoming.requestId, ...reply });
    res.writeHead(200, { 'Content-Type': 'application/ipp', 'Content-Length': body.length }).end(body);
  }

  private answer(incoming: IppIncoming): Omit<IppOutgoing, 'requestId'> {
    switch (incoming.operation) {
      case 'Get-Printer-Attributes':
        return { status: 'successful-ok', printerAttributes: this.printerAttributes() };
      case 'Validate-Job':
        return this.refusal(incoming) ?? { status: 'successful-ok' };
      case 'Print-Job':
        return this.refusal(incoming) ?? this.createJob(incoming);
      case 'Get-Job-Attributes':
        return this.withJob(incoming, (job) => ({ status: 'successful-ok', jobAttributes: this.jobAttributes(job) }));
      case 'Cancel-Job':
        return this.withJob(incoming, (job) => {
          if (['completed', 'aborted', 'canceled'].includes(this.stateOf(job).state)) {
            return { status: 'client-error-not-possible', statusMessage: `job ${job.record.id} has already ended` };
          }
          job.canceledAt = Date.now();
          job.record.canceledByClient = true;
          return { status: 'successful-ok' };
        });
      default:
        return { status: 'server-error-operation-not-supported', statusMessage: `${incoming.operation} is not supported` };
    }
  }

  /** Why a job cannot be taken, as IPP answers it; null when it can. */
  private refusal(incoming: IppIncoming): Omit<IppOutgoing, 'requestId'> | null {
    if (!this.printer.acceptingJobs) return { status: 'server-error-not-accepting-jobs', statusMessage: 'not accepting jobs' };
    const format = incoming.operationAttributes['document-format'];
    if (format !== undefined && format !== 'application/pdf') return { status: 'client-error-document-format-not-supported', statusMessage: 'PDF only' };
    return null;
  }

  private createJob(incoming: IppIncoming): Omit<IppOutgoing, 'requestId'> {
    if (incoming.document.length === 0) return { status: 'client-error-bad-request', statusMessage: 'no document' };
    const op = incoming.operationAttributes;
    const ja = incoming.jobAttributes;
    const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    const record: ReceivedJob = {
      id: this.jobs.length + 1,
      jobName: text(op['job-name']) ?? '',
      userName: text(op['requesting-user-name']) ?? '',
      documentFormat: text(op['document-format']) ?? 'application/octet-stream',
      copies: typeof ja.copies === 'number' ? ja.copies : 1,
      media: text(ja.media),
      sides: text(ja.sides),
      bytes: incoming.document.length,
      canceledByClient: false,
    };
    const job: EmulatedJob = { record, fate: this.fate, createdAt: Date.now(), canceledAt: null };
    this.jobs.push(record);
    this.emulatedJobs.set(record.id, job);
    this.emit('job', record);
    return {
      status: 'successful-ok',
      jobAttributes: { 'job-uri': `${this.uri}/jobs/${record.id}`, 'job-id': record.id, 'job-state': 'pending', 'job-state-reasons': 'none' },
    };
  }

  private withJob(incoming: IppIncoming, then: (job: EmulatedJob) => Omit<IppOutgoing, 'requestId'>): Omit<IppOutgoing, 'requestId'> {
    const id = incoming.operationAttributes['job-id'];
    const job = typeof id === 'number' ? this.emulatedJobs.get(id) : undefined;
    return job ? then(job) : { status: 'client-error-not-found', statusMessage: `no job ${String(id)}` };
  }

  private printerAttributes(): IppGroup {
    return {
      'printer-uri-supported': this.uri,
      'printer-name': 'emulated-a4',
      'printer-state': this.printer.state,
      'printer-state-reasons': this.printer.reasons.length > 0 ? this.printer.reasons : 'none',
      'printer-state-message': this.printer.message,
      'printer-is-accepting-jobs': this.printer.acceptingJobs,
      'document-format-supported': ['application/pdf'],
    };
  }

  private jobAttributes(job: EmulatedJob): IppGroup {
    const { state, reasons, impressions } = this.stateOf(job);
    return {
      'job-id': job.record.id,
      'job-uri': `${this.uri}/jobs/${job.record.id}`,
      'job-state': state,
      'job-state-reasons': reasons.length > 0 ? reasons : 'none',
      'job-impressions-completed': impressions,
      copies: job.record.copies,
    };
  }

  private stateOf(job: EmulatedJob): { state: string; reasons: string[]; impressions: number } {
    if (job.canceledAt !== null) return { state: 'canceled', reasons: ['job-canceled-by-user'], impressions: 0 };
    const fate = job.fate;
    const due = Date.now() - job.createdAt >= ('afterMs' in fate ? (fate.afterMs ?? 0) : 0);
    switch (fate.end) {
      case 'completed':
        return due ? { state: 'completed', reasons: ['job-completed-successfully'], impressions: fate.impressions ?? 0 } : printing;
      case 'aborted':
        return due ? { state: 'aborted', reasons: [fate.reason ?? 'aborted-by-system'], impressions: 0 } : printing;
      case 'canceled':
        return due ? { state: 'canceled', reasons: [fate.reason ?? 'job-canceled-at-device'], impressions: 0 } : printing;
      case 'processing-stopped':
        return { state: 'processing-stopped', reasons: [fate.reason ?? 'media-jam'], impressions: 0 };
      case 'processing':
      case 'vanish':
        return printing;
    }
  }
}

const printing = { state: 'processing', reasons: ['job-printing'], impressions: 0 };

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_REQUEST_BYTES) req.destroy(new Error('request too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, length)));
    req.on('error', reject);
  });
}
