import { EventEmitter } from 'node:events';
import type { ReconnectingLink, LinkState } from '../serial/reconnecting-link';
import { StatusReplyParser, notReadyReason, type NotReadyReason, type PrinterStatus, type StatusBytes } from './status';
import { queryStatus, type StatusQueryResult } from './status-query';
import { PrintError } from './print-error';

/** The printer as diagnostics show it. */
export type DriverStatus =
  | { state: 'disconnected'; error?: string }
  | { state: 'ready'; printer: PrinterStatus; paperNearEnd: boolean }
  | { state: 'not-ready'; reason: NotReadyReason; printer?: PrinterStatus; bytes?: StatusBytes }
  | { state: 'printing' }
  | { state: 'error'; error: string };

export interface PrinterDriverOptions {
  /** The serial link to the printer; the driver starts and stops it. */
  link: ReconnectingLink;
  /** Each `DLE EOT n` must be answered within this (ms); no answer = offline. */
  statusTimeoutMs?: number;
  /** After a job, how long the printer may take to report clean again (ms). */
  settleTimeoutMs?: number;
  /** Pause between status polls while waiting for the printer to settle (ms). */
  settlePollMs?: number;
  /** Bytes per write: each write waits for the OS to drain before the next (back-pressure). */
  chunkBytes?: number;
}

export interface PrintResult {
  bytes: number;
  status: PrinterStatus;
  paperNearEnd: boolean;
}

/**
 * ESC/POS receipt printer over a reconnecting serial link. Every operation (status query, job)
 * runs one at a time. `print()` refuses a job before sending a byte when the printer is not
 * ready, and resolves only when the printer reports clean after the job.
 *
 * Events: 'status' (DriverStatus).
 */
export class PrinterDriver extends EventEmitter {
  private readonly link: ReconnectingLink;
  private readonly replies = new StatusReplyParser();
  private readonly statusTimeoutMs: number;
  private readonly settleTimeoutMs: number;
  private readonly settlePollMs: number;
  private readonly chunkBytes: number;
  private queue: Promise<unknown> = Promise.resolve();
  private _status: DriverStatus = { state: 'disconnected' };
  private readonly onData = (chunk: Buffer) => this.replies.write(chunk);
  private readonly onLinkState = (state: LinkState, err?: Error) => {
    if (state === 'disconnected') this.setStatus({ state: 'disconnected', ...(err ? { error: err.message } : {}) });
    else if (this._status.state === 'disconnected') void this.refreshStatus().catch(() => undefined);
  };

  constructor(options: PrinterDriverOptions) {
    super();
    this.link = options.link;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 15_000;
    this.settlePollMs = options.settlePollMs ?? 200;
    this.chunkBytes = options.chunkBytes ?? 256;
    this.replies.on('noise', () => undefined);
    // Flow from the start: a reply nobody waits for (late, unsolicited) is dropped, not queued
    // up to be mistaken for the answer to the next request.
    this.replies.resume();
  }

  get status(): DriverStatus {
    return this._status;
  }

  start(): void {
    this.link.on('data', this.onData);
    this.link.on('state', this.onLinkState);
    this.link.start();
  }

  async stop(): Promise<void> {
    this.link.off('data', this.onData);
    this.link.off('state', this.onLinkState);
    await this.link.stop();
    this.setStatus({ state: 'disconnected' });
  }

  waitConnected(timeoutMs: number): Promise<void> {
    return this.link.waitConnected(timeoutMs);
  }

  /** Queries the printer now (DLE EOT 1..4) and updates `status`. */
  refreshStatus(): Promise<StatusQueryResult> {
    return this.exclusive(async () => {
      const result = await this.query();
      this.setStatusFrom(result);
      return result;
    });
  }

  /**
   * Prints one job. Rejects with a PrintError: phase `before` (nothing sent) when the printer is
   * disconnected, silent or not ready; `during` when a write fails; `after` when it does not report
   * clean within settleTimeoutMs after the job.
   */
  print(job: Uint8Array): Promise<PrintResult> {
    return this.exclusive(async () => {
      if (this.link.state !== 'connected') {
        throw PrintError.of('disconnected', 'before', undefined, this.link.lastError?.message);
      }
      const before = await this.query().catch((err: Error) => {
        throw PrintError.of('disconnected', 'before', undefined, err.message);
      });
      this.setStatusFrom(before);
      if (!before.responding) throw PrintError.of('offline', 'before', undefined, `no reply to DLE EOT ${before.unansweredRequest} in ${before.timeoutMs} ms`);
      const reason = notReadyReason(before.status);
      if (reason) throw PrintError.of(reason, 'before', before);

      this.setStatus({ state: 'printing' });
      try {
        for (let offset = 0; offset < job.length; offset += this.chunkBytes) {
          await this.link.write(job.subarray(offset, offset + this.chunkBytes));
        }
      } catch (err) {
        this.setStatus({ state: 'error', error: (err as Error).message });
        throw PrintError.of('write-failed', 'during', undefined, (err as Error).message);
      }
      return this.settle(job.length);
    });
  }

  private async settle(jobBytes: number): Promise<PrintResult> {
    const deadline = Date.now() + this.settleTimeoutMs;
    let last: StatusQueryResult | null = null;
    for (;;) {
      try {
        last = await this.query();
      } catch (err) {
        this.setStatus({ state: 'error', error: (err as Error).message });
        throw PrintError.of('disconnected', 'after', undefined, (err as Error).message);
      }
      if (last.responding && !notReadyReason(last.status)) {
        this.setStatusFrom(last);
        return { bytes: jobBytes, status: last.status, paperNearEnd: last.status.paperNearEnd };
      }
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, this.settlePollMs));
    }
    this.setStatusFrom(last);
    if (!last.responding) throw PrintError.of('offline', 'after', undefined, 'no status reply after the job');
    throw PrintError.of(notReadyReason(last.status)!, 'after', last);
  }

  private query(): Promise<StatusQueryResult> {
    return queryStatus({ write: (d) => this.link.write(d), replies: this.replies }, this.statusTimeoutMs);
  }

  private setStatusFrom(result: StatusQueryResult): void {
    if (!result.responding) {
      this.setStatus({ state: 'not-ready', reason: 'offline' });
      return;
    }
    const reason = notReadyReason(result.status);
    this.setStatus(
      reason
        ? { state: 'not-ready', reason, printer: result.status, bytes: result.bytes }
        : { state: 'ready', printer: result.status, paperNearEnd: result.status.paperNearEnd },
    );
  }

  private setStatus(status: DriverStatus): void {
    this._status = status;
    this.emit('status', status);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
