import type { HubResponse } from './hub-client';

/**
 * What the sync engine does with one answer to a batch:
 * - `deliver`: apply the per-item results;
 * - `retry`: nothing is known to be stored, back off and send the same entries again
 *   (network errors, timeouts, unreadable answers, 408, 429, 5xx);
 * - `auth`: 401, report an authentication problem (with clock skew) and retry with backoff;
 * - `split`: the hub refused the batch for its content (400, 409, 410, 413, 422): send smaller
 *   batches until the single entry at fault is found and moved to the dead letters.
 * Other 4xx (403, 404, 405, ...) say the hub or its URL is wrong, not an entry: retried, so that a
 * misconfigured URL never sends the whole outbox to the dead letters.
 */
const ENTRY_FAULT_STATUSES = new Set([400, 409, 410, 413, 422]);
export type BatchDisposition = 'deliver' | 'retry' | 'auth' | 'split';

export function classifyBatchResponse(r: HubResponse): BatchDisposition {
  switch (r.kind) {
    case 'ok':
      return 'deliver';
    case 'unauthorized':
      return 'auth';
    case 'http-error':
      if (ENTRY_FAULT_STATUSES.has(r.status)) return 'split';
      return 'retry';
    default:
      return 'retry';
  }
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Longest Retry-After honoured (a hub asking for more is waited on this long). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 120_000, maxRetryAfterMs: 3_600_000 };

/**
 * Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(failures-1))], then at
 * least the hub's Retry-After when it gave one.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number, retryAfterMs: number | null = null): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = Math.floor(random() * exp);
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}

export function describeFailure(r: HubResponse): string {
  switch (r.kind) {
    case 'ok':
      return 'ok';
    case 'not-modified':
      return 'not modified';
    case 'unauthorized':
      return `401 unauthorized: ${r.message}`;
    case 'http-error':
      return `HTTP ${r.status}${r.code ? ` ${r.code}` : ''}: ${r.message}`;
    case 'bad-response':
      return `unreadable answer (HTTP ${r.status}): ${r.message}`;
    case 'network-error':
      return `network error: ${r.message}`;
    case 'timeout':
      return `no answer within ${r.timeoutMs} ms`;
  }
}
