import type { HubDb } from './hub-db';
import { MAX_SKEW_MS } from './hub-auth';

export type RequestIdClaim = { kind: 'fresh' } | { kind: 'replayed' } | { kind: 'over-limit'; retryAfterS: number };

/** More request ids than this from one terminal within the window are refused (429), bounding the ledger. */
export const MAX_REQUEST_IDS_PER_TERMINAL = 10_000;
const PRUNE_EVERY_MS = 30_000;

/**
 * The request ids the hub has accepted, kept in hub.db until their timestamp leaves the ±300 s
 * window (after that the timestamp check refuses a replay by itself). Persisted, so that a restart
 * of the hub does not reopen the window; bounded per terminal, so that the table stays small.
 */
export class RequestIdLedger {
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: HubDb,
    private readonly options: { windowMs?: number; maxPerTerminal?: number } = {},
  ) {}

  private get windowMs(): number {
    return this.options.windowMs ?? MAX_SKEW_MS;
  }

  /** Records the id of an authenticated request; `replayed` when this terminal sent it before. */
  claim(terminalId: string, requestId: string, timestamp: number, now: number): RequestIdClaim {
    if (now - this.lastPrune >= PRUNE_EVERY_MS) this.prune(now);
    const cap = this.options.maxPerTerminal ?? MAX_REQUEST_IDS_PER_TERMINAL;
    return this.db
      .transaction((): RequestIdClaim => {
        if (this.db.prepare('SELECT 1 FROM request_ids WHERE terminal_id = ? AND request_id = ?').get(terminalId, requestId)) return { kind: 'replayed' };
        const held = this.db
          .prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM request_ids WHERE terminal_id = ? AND expires_at >= ? LIMIT ?)')
          .get(terminalId, now, cap) as { n: number };
        if (held.n >= cap) {
          const first = this.db.prepare('SELECT MIN(expires_at) AS at FROM request_ids WHERE terminal_id = ? AND expires_at >= ?').get(terminalId, now) as { at: number };
          return { kind: 'over-limit', retryAfterS: Math.max(1, Math.ceil((first.at - now) / 1000)) };
        }
        this.db.prepare('INSERT INTO request_ids (terminal_id, request_id, expires_at) VALUES (?, ?, ?)').run(terminalId, requestId, timestamp + this.windowMs);
        return { kind: 'fresh' };
      })
      .immediate();
  }

  /** Forgets ids whose timestamps are out of the window. */
  prune(now: number): void {
    this.lastPrune = now;
    this.db.prepare('DELETE FROM request_ids WHERE expires_at < ?').run(now);
  }
}
