import type { Logger } from 'pino';
import type { Clock } from '../base/clock';
import { batchAnswerSchema, type BatchItemResult } from '../common/hub-protocol/answers';
import type { HubResponse } from './hub-client';
import { readHubAnswer } from './hub-answers';
import type { ItemResult, Outbox, OutboxItem } from './outbox';
import { backoffDelay, classifyBatchResponse, DEFAULT_BACKOFF, describeFailure, type BackoffPolicy } from './retry-policy';
import { systemTimers, type Timers } from '../base/timers';
import { MAX_BATCH_BODY_BYTES, MAX_BATCH_ITEMS } from '../common/hub-protocol/limits';

/** The hub's limit of body bytes less a little room for the envelope around the items. */
export const MAX_BATCH_BYTES = MAX_BATCH_BODY_BYTES - 4096;

export interface BatchPoster {
  readonly terminalId: string;
  post(relativePath: string, body: unknown): Promise<HubResponse>;
}

export interface SyncStatus {
  running: boolean;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: { at: string; message: string } | null;
  nextAttemptAt: string | null;
  consecutiveFailures: number;
  /** Set while the hub refuses this terminal's credentials (401); cleared by the next success. */
  authProblem: { at: string; message: string; clockSkewMs: number | null } | null;
}

export interface SyncRunResult {
  /** Entries acknowledged (accepted or duplicate) in this run. */
  delivered: number;
  /** Entries moved to the dead letters in this run. */
  dead: number;
  /** True when the outbox had nothing pending left at the end. */
  drained: boolean;
  error: string | null;
}

export interface SyncEngineOptions {
  outbox: Outbox;
  client: BatchPoster;
  intervalMs: number;
  clock?: Clock;
  random?: () => number;
  timers?: Timers;
  backoff?: Partial<BackoffPolicy>;
  maxBatchItems?: number;
  maxBatchBytes?: number;
  logger?: Logger;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The batch answer's results for the entries sent; others and repeats are ignored, unmentioned ones come back. */
function readResults(answer: BatchItemResult[], items: OutboxItem[]): { results: ItemResult[]; missing: string[] } {
  const sent = new Set(items.map((i) => i.key));
  const results: ItemResult[] = [];
  const seen = new Set<string>();
  for (const r of answer) {
    if (!sent.has(r.key) || seen.has(r.key)) continue;
    results.push(r);
    seen.add(r.key);
  }
  return { results, missing: items.filter((i) => !seen.has(i.key)).map((i) => i.key) };
}

/**
 * Delivers the outbox to the hub (DESIGN.md, Offline queue and sync): oldest first, in batches,
 * at least once. Runs on a timer, on `syncNow()`, and at once when connectivity returns; backs
 * off exponentially with full jitter on failures, honouring Retry-After. One run at a time.
 */
export class SyncEngine {
  private readonly outbox: Outbox;
  private readonly client: BatchPoster;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly backoff: BackoffPolicy;
  private readonly maxItems: number;
  private readonly maxBytes: number;
  private readonly logger: Logger | undefined;
  private intervalMs: number;

  private batchLimit: number;
  private timer: unknown = null;
  private started = false;
  private current: Promise<SyncRunResult> | null = null;
  private rerun = false;
  private state = {
    lastAttemptAt: null as number | null,
    lastSuccessAt: null as number | null,
    lastError: null as { at: number; message: string } | null,
    nextAttemptAt: null as number | null,
    failures: 0,
    authProblem: null as { at: number; message: string; clockSkewMs: number | null } | null,
  };

  constructor(options: SyncEngineOptions) {
    this.outbox = options.outbox;
    this.client = options.client;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? systemTimers;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.maxItems = Math.min(options.maxBatchItems ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
    this.maxBytes = Math.min(options.maxBatchBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES);
    this.logger = options.logger;
    this.intervalMs = options.intervalMs;
    this.batchLimit = this.maxItems;
  }

  /** Starts the timer; entries left in flight by a crash are pending again first. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.outbox.releaseAllInFlight();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.started = false;
    this.clearTimer();
    this.state.nextAttemptAt = null;
    if (this.current) await this.current.catch(() => undefined);
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
  }

  /** Runs now (or joins the run in progress, then runs once more). */
  syncNow(): Promise<SyncRunResult> {
    if (this.current) {
      this.rerun = true;
      return this.current;
    }
    this.clearTimer();
    const run = this.run().finally(() => {
      this.current = null;
      if (this.rerun && this.started) {
        this.rerun = false;
        void this.syncNow();
      } else {
        this.rerun = false;
      }
    });
    this.current = run;
    return run;
  }

  /** The hub answered something else (heartbeat, probe): if waiting out a backoff, go now. */
  notifyConnectivity(): void {
    if (!this.started || this.current) return;
    if (this.state.failures > 0 || this.outbox.hasPending()) void this.syncNow();
  }

  status(): SyncStatus {
    const s = this.state;
    return {
      running: this.current !== null,
      lastAttemptAt: iso(s.lastAttemptAt),
      lastSuccessAt: iso(s.lastSuccessAt),
      lastError: s.lastError && { at: new Date(s.lastError.at).toISOString(), message: s.lastError.message },
      nextAttemptAt: iso(s.nextAttemptAt),
      consecutiveFailures: s.failures,
      authProblem: s.authProblem && { at: new Date(s.authProblem.at).toISOString(), message: s.authProblem.message, clockSkewMs: s.authProblem.clockSkewMs },
    };
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Records when the next attempt is due; sets the timer only once started (`syncNow` callers read nextAttemptAt). */
  private schedule(delayMs: number): void {
    this.clearTimer();
    this.state.nextAttemptAt = this.clock.now() + delayMs;
    if (!this.started) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.syncNow();
    }, delayMs);
  }

  private async run(): Promise<SyncRunResult> {
    const result: SyncRunResult = { delivered: 0, dead: 0, drained: false, error: null };
    this.state.nextAttemptAt = null;
    let retryAfterMs: number | null = null;
    try {
      for (;;) {
        const items = this.outbox.claimBatch(this.batchLimit, this.maxBytes);
        if (items.length === 0) {
          result.drained = true;
          break;
        }
        this.state.lastAttemptAt = this.clock.now();
        const body = JSON.stringify({ terminalId: this.client.terminalId, items });
        let posted: HubResponse;
        try {
          posted = await this.client.post('v1/batches', body);
        } catch (err) {
          posted = { kind: 'network-error', message: (err as Error).message };
        }
        // An answer that does not fit the protocol is a bad-response: retried, never dead-lettered.
        const answer = readHubAnswer(posted, batchAnswerSchema, 'POST v1/batches', this.logger);
        const keys = items.map((i) => i.key);
        if (answer.kind === 'answer') {
          const read = readResults(answer.value.results, items);
          this.outbox.applyResults(read.results);
          for (const r of read.results) {
            if (r.status === 'rejected') {
              result.dead++;
              this.logger?.warn({ key: r.key, reason: r.reason }, 'outbox entry rejected by the hub; moved to dead letters');
            } else result.delivered++;
          }
          this.onSuccess();
          if (read.missing.length > 0) {
            this.outbox.release(read.missing);
            result.error = `the hub's answer lacked results for ${read.missing.length} entries`;
            break;
          }
          this.batchLimit = Math.min(this.maxItems, this.batchLimit * 2);
          continue;
        }
        const disposition = classifyBatchResponse(answer);
        if (disposition === 'split') {
          const message = describeFailure(answer);
          if (items.length > 1) {
            this.outbox.release(keys);
            this.batchLimit = Math.max(1, Math.ceil(items.length / 2));
            continue;
          }
          this.outbox.applyResults([{ key: items[0]!.key, status: 'rejected', reason: `hub refused the entry: ${message}` }]);
          result.dead++;
          this.logger?.warn({ key: items[0]!.key, reason: message }, 'outbox entry refused by the hub; moved to dead letters');
          continue;
        }
        this.outbox.release(keys);
        result.error = describeFailure(answer);
        if (answer.kind === 'unauthorized') {
          this.state.authProblem = { at: this.clock.now(), message: answer.message, clockSkewMs: answer.skewMs };
        }
        if (answer.kind === 'http-error') retryAfterMs = answer.retryAfterMs;
        break;
      }
    } catch (err) {
      result.error = `local error: ${(err as Error).message}`;
    }
    if (result.error === null) {
      this.schedule(this.intervalMs);
    } else {
      this.state.failures++;
      this.state.lastError = { at: this.clock.now(), message: result.error };
      this.logger?.warn({ error: result.error, failures: this.state.failures }, 'outbox sync failed; backing off');
      this.schedule(backoffDelay(this.state.failures, this.backoff, this.random, retryAfterMs));
    }
    return result;
  }

  private onSuccess(): void {
    this.state.failures = 0;
    this.state.lastSuccessAt = this.clock.now();
    this.state.authProblem = null;
  }
}
