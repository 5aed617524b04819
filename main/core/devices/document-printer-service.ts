import type { CoreService } from '../../../base/lifecycle';
import type { Clock } from '../../../base/clock';
import {
  DocumentPrinterUnreachable,
  printerReadiness,
  type DocumentJobOutcome,
  type DocumentPrinter,
  type DocumentPrinterStatus,
  type DocumentPrintRequest,
} from '../../../devices/document-printer/document-printer';
import type { Logger } from '../../logging/logger';
import type { DeviceStateRegistry } from '../system/device-states';

/** The embedded default's print queue: cups-pdf behind the local CUPS (docs/documents.md). */
export const EMBEDDED_DOCUMENT_QUEUE = 'kiosk-a4';

/** Where the A4 printer is, as the host found it at start. */
export type DocumentPrinterSetup =
  | { kind: 'printer'; printer: DocumentPrinter; emulated: boolean }
  /** Switched off in the configuration. */
  | { kind: 'disabled' }
  /** No printer can be used; `problem` says what is missing and how to set it up, in one line. */
  | { kind: 'unavailable'; problem: string };

/** The printer's readiness for a citizen: IPP keywords of why not, `unreachable` when the print system did not answer. */
export type DocumentPrinterReadiness =
  { ready: true; status: DocumentPrinterStatus } | { ready: false; reasons: string[]; status: DocumentPrinterStatus | null; error?: string };

export interface DocumentPrinterServiceDeps {
  logger: Logger;
  clock: Clock;
  devices: Pick<DeviceStateRegistry, 'set'>;
  /** Called once at start: finds or sets up the printer (the embedded CUPS queue when none is configured). */
  setup: () => Promise<DocumentPrinterSetup>;
  /** How often the printer's state is asked for the technician screen and the heartbeat. */
  pollIntervalMs?: number;
}

/**
 * The A4 document printer as a device of this kiosk: its state in the device registry (asked at
 * start, every `pollIntervalMs` and before each print), readiness for the citizen, and printing.
 */
export class DocumentPrinterService implements CoreService {
  readonly name = 'document-printer';
  private setupResult: DocumentPrinterSetup = { kind: 'unavailable', problem: 'not started' };
  private timer: NodeJS.Timeout | null = null;
  private setupDone: Promise<void> = Promise.resolve();
  private stopped = false;
  private busy = 0;

  constructor(private readonly deps: DocumentPrinterServiceDeps) {}

  /** Sets the printer up in the background: a kiosk starts without waiting for the print system. */
  start(): void {
    this.setupDone = this.setUp();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.setupDone;
  }

  private async setUp(): Promise<void> {
    const { deps } = this;
    this.setupResult = await deps
      .setup()
      .catch((err: unknown) => ({ kind: 'unavailable' as const, problem: err instanceof Error ? err.message : String(err) }));
    const setup = this.setupResult;
    if (setup.kind === 'disabled') return deps.devices.set('documentPrinter', 'disabled');
    if (setup.kind === 'unavailable') {
      deps.logger.warn({ problem: setup.problem }, 'A4 document printer not available');
      return deps.devices.set('documentPrinter', 'not-configured', setup.problem);
    }
    deps.logger.info({ target: setup.printer.target, emulated: setup.emulated }, 'A4 document printer');
    await this.ask();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.ask(), deps.pollIntervalMs ?? 30_000);
    this.timer.unref();
  }

  /** The printer's target and whether it is the embedded cups-pdf queue; null when there is none. */
  get printer(): { target: string; emulated: boolean } | null {
    const setup = this.setupResult;
    return setup.kind === 'printer' ? { target: setup.printer.target, emulated: setup.emulated } : null;
  }

  /** Why there is no printer, when there is none. */
  get problem(): string | null {
    const setup = this.setupResult;
    if (setup.kind === 'unavailable') return setup.problem;
    if (setup.kind === 'disabled') return 'switched off (devices.documentPrinter.enabled)';
    return null;
  }

  /** Asks the print system now (once the printer is set up) and records the device's state. */
  async readiness(): Promise<DocumentPrinterReadiness> {
    await this.setupDone;
    return this.ask();
  }

  private async ask(): Promise<DocumentPrinterReadiness> {
    const setup = this.setupResult;
    if (setup.kind !== 'printer') return { ready: false, reasons: [setup.kind === 'disabled' ? 'disabled' : 'not-configured'], status: null };
    try {
      const status = await setup.printer.status();
      const readiness = printerReadiness(status);
      if (this.busy === 0 || !readiness.ready) this.record(readiness.ready ? 'ready' : 'not-ready', readiness.ready ? undefined : readiness.reasons.join(', '));
      return readiness.ready ? { ready: true, status } : { ready: false, reasons: readiness.reasons, status };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.record('unreachable', message);
      return { ready: false, reasons: ['unreachable'], status: null, error: message };
    }
  }

  /** Prints and follows the job to its end (DocumentPrinter.print); the state shows `printing` meanwhile. */
  async print(request: DocumentPrintRequest, onJobCreated?: (jobId: number) => void): Promise<DocumentJobOutcome> {
    await this.setupDone;
    const setup = this.setupResult;
    if (setup.kind !== 'printer') throw new DocumentPrinterUnreachable(this.problem ?? 'no A4 printer');
    this.busy++;
    this.record('printing');
    try {
      const outcome = await setup.printer.print(request, onJobCreated ? { onJobCreated } : {});
      if (outcome.end !== 'completed') {
        this.deps.logger.warn({ jobId: outcome.jobId, end: outcome.end, reasons: outcome.reasons }, 'A4 print job did not complete');
        // Kept as the device's last error after it is ready again, for the technician.
        this.record('job-failed', `job ${outcome.jobId} ${outcome.end}${outcome.reasons.length ? `: ${outcome.reasons.join(', ')}` : ''}`);
      }
      return outcome;
    } catch (err) {
      this.record('unreachable', err instanceof Error ? err.message : String(err));
      throw err;
    } finally {
      this.busy--;
      if (this.busy === 0) void this.ask();
    }
  }

  private record(state: string, detail?: string): void {
    this.deps.devices.set('documentPrinter', state, detail);
  }
}
