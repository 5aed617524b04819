import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { preparePrivateDatabase, tightenDatabaseFiles } from '../base/private-files';
import { MAX_SKEW_MS } from './hub-auth';

/** The ledger's own database beside hub.db: its writes are cheap (no fsync) without relaxing hub.db's. */
export const REQUEST_IDS_DB_FILE = 'request-ids.db';

export type RequestIdClaim =
  | { kind: 'fresh' }
  | { kind: 'replayed' }
  | { kind: 'over-limit'; retryAfterS: number }
  /** Signed before this hub started after an unclean stop: ids of that time may be lost, so it is refused. */
  | { kind: 'before-restart'; restartedAt: number; retryAfterS: number };

/** More request ids than this from one terminal within the window are refused (429), bounding the ledger. */
export const MAX_REQUEST_IDS_PER_TERMINAL = 10_000;
const PRUNE_EVERY_MS = 30_000;
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS request_ids (
    terminal_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (terminal_id, request_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS request_ids_expiry ON request_ids (expires_at);
  -- The hub process using the ledger, deleted when it closes: a row found at open means the last
  -- hub stopped without closing (a crash, a kill, a power cut).
  CREATE TABLE IF NOT EXISTS open_ledgers (id TEXT PRIMARY KEY, opened_at INTEGER NOT NULL);`;

export interface RequestIdLedgerOptions {
  /** The hub's clock at open: ids out of the window are not loaded; the restart fence is set here. */
  now: number;
  windowMs?: number;
  maxPerTerminal?: number;
}

/**
 * The request ids the hub has accepted, until their timestamp leaves the ±300 s window (after that
 * the timestamp check refuses a replay by itself). Checked in memory; every new id is also written
 * to request-ids.db before the request is carried out, so that a restart of the hub does not reopen
 * the window:
 * - the file is in WAL mode with `synchronous = NORMAL`: a commit is a write() into the WAL, not an
 *   fsync, and survives the hub process dying (crash, SIGKILL) because the OS holds it;
 * - only a power cut or an OS crash can lose the last commits. For that case a hub that finds the
 *   previous one did not close its ledger refuses every request signed before its own start
 *   (`before-restart`, answered 503 with Retry-After): the terminal's next attempt is signed later.
 */
export class RequestIdLedger {
  private readonly ids = new Map<string, Map<string, number>>();
  private readonly windowMs: number;
  private readonly maxPerTerminal: number;
  private readonly record: Database.Statement<[string, string, number, number]>;
  private readonly deleteExpired: Database.Statement<[number]>;
  private readonly openId = randomBytes(8).toString('hex');
  private lastPrune: number;
  private closed = false;
  /** Set when the previous hub stopped without closing the ledger: requests signed before this are refused. */
  readonly restartFence: number | null;

  static open(hubDir: string, options: RequestIdLedgerOptions): RequestIdLedger {
    const file = path.join(hubDir, REQUEST_IDS_DB_FILE);
    preparePrivateDatabase(file);
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      tightenDatabaseFiles(file);
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      return new RequestIdLedger(db, options);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    options: RequestIdLedgerOptions,
  ) {
    this.windowMs = options.windowMs ?? MAX_SKEW_MS;
    this.maxPerTerminal = options.maxPerTerminal ?? MAX_REQUEST_IDS_PER_TERMINAL;
    const unclosed = db.prepare('SELECT COUNT(*) AS n FROM open_ledgers').get() as { n: number };
    this.restartFence = unclosed.n > 0 ? options.now : null;
    // The open marker must be on disk before any id is written without fsync. Markers of hubs that
    // did not close are dropped here, once they have set this hub's fence (one hub per directory).
    db.pragma('synchronous = FULL');
    db.transaction(() => {
      db.prepare('DELETE FROM open_ledgers').run();
      db.prepare('INSERT INTO open_ledgers (id, opened_at) VALUES (?, ?)').run(this.openId, options.now);
    })();
    db.pragma('synchronous = NORMAL');
    this.record = db.prepare(
      `INSERT INTO request_ids (terminal_id, request_id, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (terminal_id, request_id) DO UPDATE SET expires_at = excluded.expires_at WHERE request_ids.expires_at < ?`,
    );
    this.deleteExpired = db.prepare('DELETE FROM request_ids WHERE expires_at < ?');
    const live = db.prepare('SELECT terminal_id, request_id, expires_at FROM request_ids WHERE expires_at >= ?').all(options.now) as {
      terminal_id: string;
      request_id: string;
      expires_at: number;
    }[];
    for (const r of live) this.idsOf(r.terminal_id).set(r.request_id, r.expires_at);
    this.lastPrune = Number.NEGATIVE_INFINITY;
  }

  private idsOf(terminalId: string): Map<string, number> {
    let ids = this.ids.get(terminalId);
    if (!ids) this.ids.set(terminalId, (ids = new Map()));
    return ids;
  }

  /** Records the id of an authenticated request; `replayed` when this terminal sent it before. */
  claim(terminalId: string, requestId: string, timestamp: number, now: number): RequestIdClaim {
    if (now - this.lastPrune >= PRUNE_EVERY_MS) this.prune(now);
    if (this.restartFence !== null && timestamp < this.restartFence) {
      return { kind: 'before-restart', restartedAt: this.restartFence, retryAfterS: Math.max(1, Math.ceil((this.restartFence - timestamp) / 1000)) };
    }
    const ids = this.idsOf(terminalId);
    const seen = ids.get(requestId);
    if (seen !== undefined && seen >= now) return { kind: 'replayed' };
    if (ids.size >= this.maxPerTerminal) {
      let earliest = Number.POSITIVE_INFINITY;
      for (const [id, expiresAt] of ids) {
        if (expiresAt < now) ids.delete(id);
        else earliest = Math.min(earliest, expiresAt);
      }
      if (ids.size >= this.maxPerTerminal) return { kind: 'over-limit', retryAfterS: Math.max(1, Math.ceil((earliest - now) / 1000)) };
    }
    const expiresAt = timestamp + this.windowMs;
    // No row changed: a live row is there already, written by another hub process on this directory.
    if (this.record.run(terminalId, requestId, expiresAt, now).changes === 0) return { kind: 'replayed' };
    ids.set(requestId, expiresAt);
    return { kind: 'fresh' };
  }

  /** Forgets ids whose timestamps are out of the window. */
  prune(now: number): void {
    this.lastPrune = now;
    for (const [terminalId, ids] of this.ids) {
      for (const [id, expiresAt] of ids) if (expiresAt < now) ids.delete(id);
      if (ids.size === 0) this.ids.delete(terminalId);
    }
    this.deleteExpired.run(now);
  }

  /** How many ids are held in memory (all terminals). */
  get size(): number {
    let n = 0;
    for (const ids of this.ids.values()) n += ids.size;
    return n;
  }

  /** A clean stop: every id on disk (one fsync), the open marker removed. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.pragma('synchronous = FULL');
      this.db.prepare('DELETE FROM open_ledgers WHERE id = ?').run(this.openId);
    } finally {
      this.db.close();
    }
  }
}
