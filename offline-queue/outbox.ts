// Over 300 lines: the outbox is one SQLite state machine (enqueue, claim, acknowledge, dead letters, quota, retention); its transitions belong together.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Clock } from '../base/clock';
import type { KeyProvider } from '../base/key-provider';
import { open, seal } from '../base/sealed-box';
import { maskPersonalText } from '../common/privacy/mask';
import { openOutboxDb, type SqliteDb } from './outbox-db';
import { isOutboxKind, OUTBOX_KINDS, type OutboxKind } from '../common/hub-protocol/outbox-kinds';
import { ESSENTIAL_KINDS, FIELDS_DROPPED_ON_ACK, NON_PERSONAL_ACK_RETENTION_DAYS, PERSONAL_KINDS } from './kind-policies';

export type OutboxState = 'pending' | 'in-flight' | 'acknowledged' | 'dead';

/** One entry as the sync engine sends it (HUB-PROTOCOL.md, POST v1/batches item). */
export interface OutboxItem {
  key: string;
  seq: number;
  kind: OutboxKind;
  createdAt: string;
  payload: Record<string, unknown>;
}

export interface OutboxStats {
  pending: number;
  inFlight: number;
  acknowledged: number;
  dead: number;
  /** Age of the oldest pending or in-flight entry; null when there is none. */
  oldestPendingAgeS: number | null;
  acknowledgedToday: number;
}

export interface DeadEntry {
  key: string;
  seq: number;
  kind: OutboxKind;
  createdAt: string;
  deadAt: string;
  reason: string;
  attempts: number;
}

export type ItemResult = { key: string; status: 'accepted' | 'duplicate' } | { key: string; status: 'rejected'; reason: string };

/** Refused: the outbox is over its disk quota and this kind is not essential. */
export class OutboxQuotaExceededError extends Error {
  readonly code = 'OUTBOX_QUOTA_EXCEEDED';
  constructor(
    readonly kind: OutboxKind,
    readonly usedBytes: number,
    readonly quotaBytes: number,
  ) {
    super(
      `outbox is over its disk quota (${(usedBytes / 1048576).toFixed(1)} MiB used of ${(quotaBytes / 1048576).toFixed(1)} MiB); ` +
        `"${kind}" entries are refused until the hub has taken the backlog (essential kinds still go through)`,
    );
    this.name = 'OutboxQuotaExceededError';
  }
}

/** Refused: unknown kind, payload not a JSON object, or too large to ever fit in a batch. */
export class OutboxEntryError extends Error {
  readonly code = 'OUTBOX_INVALID_ENTRY';
  constructor(message: string) {
    super(message);
    this.name = 'OutboxEntryError';
  }
}

export interface OutboxOptions {
  keyProvider: KeyProvider;
  clock?: Clock;
  /** Disk quota of outbox.db (queue.quotaMiB); non-essential kinds are refused beyond it. */
  quotaBytes?: number;
  /** Largest serialized payload accepted (must leave room in a 4 MiB batch). */
  maxPayloadBytes?: number;
}

const DAY_MS = 86_400_000;
export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The dead reason of a face.bound whose binding was deleted here before the hub took it. */
export const FACE_BINDING_WITHDRAWN_REASON =
  'local: the face binding was deleted on this terminal before the hub took it; its template was removed and the entry cannot be retried';

interface Row {
  seq: number;
  key: string;
  kind: string;
  created_at: number;
  payload: Buffer;
  attempts: number;
}

function localMidnight(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * The terminal's durable outbox (DESIGN.md, Offline queue and sync). Every entry is written with
 * a client UUID (the hub's idempotency key) and a per-terminal `seq` that is never reused; its
 * payload is sealed with AES-256-GCM bound to the key. Entries leave only once acknowledged, and
 * then only after their retention.
 *
 * `enqueue` is synchronous and commits before it returns; inside `transaction(fn)` it joins the
 * caller's transaction, and the key is durable once `transaction` has returned.
 */
export class Outbox {
  readonly db: SqliteDb;
  private readonly clock: Clock;
  private readonly keyProvider: KeyProvider;
  private readonly quotaBytes: number;
  private readonly maxPayloadBytes: number;
  private readonly pageSize: number;
  private readonly stmts;
  /** One wrapper for every transaction (better-sqlite3 nests it as a savepoint when already inside one). */
  private readonly runInTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  static open(file: string, options: OutboxOptions): Outbox {
    return new Outbox(openOutboxDb(file), options);
  }

  constructor(db: SqliteDb, options: OutboxOptions) {
    this.db = db;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.keyProvider = options.keyProvider;
    this.quotaBytes = options.quotaBytes ?? Number.POSITIVE_INFINITY;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
    this.pageSize = db.pragma('page_size', { simple: true }) as number;
    this.runInTransaction = db.transaction((fn: () => unknown) => fn());
    this.stmts = {
      insert: db.prepare('INSERT INTO outbox (key, kind, created_at, payload, size, state) VALUES (?, ?, ?, ?, ?, ?)'),
      pageCount: db.prepare('SELECT (SELECT page_count FROM pragma_page_count()) - (SELECT freelist_count FROM pragma_freelist_count()) AS used'),
      selectPending: db.prepare("SELECT seq, key, kind, created_at, payload, attempts FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?"),
      markInFlight: db.prepare("UPDATE outbox SET state = 'in-flight', attempts = attempts + 1 WHERE key = ? AND state = 'pending'"),
      acknowledge: db.prepare("UPDATE outbox SET state = 'acknowledged', acknowledged_at = ? WHERE key = ? AND state IN ('in-flight', 'pending')"),
      kill: db.prepare("UPDATE outbox SET state = 'dead', dead_at = ?, dead_reason = ? WHERE key = ? AND state IN ('in-flight', 'pending')"),
      release: db.prepare("UPDATE outbox SET state = 'pending' WHERE key = ? AND state = 'in-flight'"),
      releaseAll: db.prepare("UPDATE outbox SET state = 'pending' WHERE state = 'in-flight'"),
      counts: db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state'),
      oldestPending: db.prepare("SELECT MIN(created_at) AS t FROM outbox WHERE state IN ('pending', 'in-flight')"),
      ackSince: db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'acknowledged' AND acknowledged_at >= ?"),
      dead: db.prepare("SELECT seq, key, kind, created_at, dead_at, dead_reason, attempts FROM outbox WHERE state = 'dead' ORDER BY seq"),
      retryDead: db.prepare("UPDATE outbox SET state = 'pending', dead_at = NULL, dead_reason = NULL WHERE state = 'dead'"),
      retryDeadKey: db.prepare("UPDATE outbox SET state = 'pending', dead_at = NULL, dead_reason = NULL WHERE state = 'dead' AND key = ?"),
      purge: db.prepare("DELETE FROM outbox WHERE state = 'acknowledged' AND kind = ? AND acknowledged_at < ?"),
      purgeDead: db.prepare("DELETE FROM outbox WHERE state = 'dead' AND kind = ? AND dead_at < ?"),
      hasPending: db.prepare("SELECT 1 FROM outbox WHERE state = 'pending' LIMIT 1"),
      settledRows: db.prepare("SELECT key, payload FROM outbox WHERE state IN ('acknowledged', 'dead') AND kind = ?"),
      deleteKey: db.prepare('DELETE FROM outbox WHERE key = ?'),
      byKey: db.prepare('SELECT seq, key, kind, created_at, payload, attempts, state FROM outbox WHERE key = ?'),
      acknowledgedOfKind: db.prepare("SELECT key, payload FROM outbox WHERE state = 'acknowledged' AND kind = ?"),
      replacePayload: db.prepare('UPDATE outbox SET payload = ?, size = ? WHERE key = ?'),
      unsentOfKind: db.prepare("SELECT key, payload FROM outbox WHERE state IN ('pending', 'dead') AND kind = ?"),
      withdraw: db.prepare("UPDATE outbox SET state = 'dead', dead_at = COALESCE(dead_at, ?), dead_reason = ? WHERE key = ? AND state IN ('pending', 'dead')"),
      deadOfKind: db.prepare("SELECT key, payload FROM outbox WHERE state = 'dead' AND kind = ?"),
    };
    // A payload's fields dropped after acknowledgement (a face template) leave no copy in freed pages.
    db.pragma('secure_delete = ON');
    this.dropAcknowledgedFields();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs fn in one write transaction (BEGIN IMMEDIATE); enqueues inside it commit with it. */
  transaction<T>(fn: () => T): T {
    return (this.db.inTransaction ? this.runInTransaction(fn) : this.runInTransaction.immediate(fn)) as T;
  }

  /**
   * Writes one entry and returns its key. Outside a transaction the key is returned after the
   * commit (fsynced: synchronous=FULL); inside `transaction(fn)`, after that transaction commits.
   * Throws OutboxEntryError for bad input and OutboxQuotaExceededError beyond the quota.
   */
  enqueue(kind: OutboxKind, payload: Record<string, unknown>): string {
    if (!isOutboxKind(kind)) throw new OutboxEntryError(`unknown outbox kind "${String(kind)}"; expected one of ${OUTBOX_KINDS.join(', ')}`);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new OutboxEntryError(`payload of "${kind}" must be a JSON object`);
    }
    const json = JSON.stringify(payload);
    const bytes = Buffer.from(json, 'utf8');
    if (bytes.length > this.maxPayloadBytes) {
      throw new OutboxEntryError(`payload of "${kind}" is ${bytes.length} bytes, over the ${this.maxPayloadBytes}-byte limit`);
    }
    const key = randomUUID();
    const sealed = seal(this.keyProvider.getKey(), bytes, key);
    return this.transaction(() => {
      if (!ESSENTIAL_KINDS.has(kind)) {
        const used = this.usedBytes();
        if (used + sealed.length > this.quotaBytes) throw new OutboxQuotaExceededError(kind, used, this.quotaBytes);
      }
      this.stmts.insert.run(key, kind, this.clock.now(), sealed, sealed.length, 'pending');
      return key;
    });
  }

  /** Bytes of outbox.db in use (pages minus free pages). */
  usedBytes(): number {
    const row = this.stmts.pageCount.get() as { used: number };
    return row.used * this.pageSize;
  }

  /**
   * Marks the oldest pending entries in flight and returns them decrypted, in seq order, within
   * maxItems and maxBytes of serialized items. An entry that cannot be opened (lost key, tampered
   * row) goes to the dead letters instead of blocking the queue.
   */
  claimBatch(maxItems: number, maxBytes: number): OutboxItem[] {
    return this.transaction(() => {
      const rows = this.stmts.selectPending.all(maxItems) as Row[];
      const items: OutboxItem[] = [];
      let bytes = 0;
      const key = this.keyProvider.getKey();
      for (const row of rows) {
        let payload: Record<string, unknown>;
        try {
          payload = JSON.parse(open(key, row.payload, row.key).toString('utf8')) as Record<string, unknown>;
        } catch (err) {
          this.stmts.kill.run(this.clock.now(), `local: payload cannot be opened (${(err as Error).message})`, row.key);
          continue;
        }
        const item: OutboxItem = {
          key: row.key,
          seq: row.seq,
          kind: row.kind as OutboxKind,
          createdAt: new Date(row.created_at).toISOString(),
          payload,
        };
        const size = Buffer.byteLength(JSON.stringify(item)) + 1;
        if (items.length > 0 && bytes + size > maxBytes) break;
        bytes += size;
        items.push(item);
        this.stmts.markInFlight.run(row.key);
      }
      return items;
    });
  }

  /**
   * Applies the hub's per-item results: accepted/duplicate → acknowledged, rejected → dead. An
   * acknowledged entry loses the fields the hub now holds and the terminal needs no more
   * (FIELDS_DROPPED_ON_ACK: the face template of `face.bound`) in the same transaction.
   */
  applyResults(results: ItemResult[]): void {
    const now = this.clock.now();
    const dropped = this.transaction(() => {
      let dropped = 0;
      for (const r of results) {
        if (r.status === 'rejected') this.stmts.kill.run(now, maskPersonalText(r.reason).slice(0, 500), r.key);
        else if (this.stmts.acknowledge.run(now, r.key).changes > 0) dropped += this.dropFieldsOf(r.key);
      }
      return dropped;
    });
    if (dropped > 0) this.checkpoint();
  }

  /** Takes FIELDS_DROPPED_ON_ACK out of one acknowledged entry's payload; 1 when it held any. */
  private dropFieldsOf(key: string, kind?: OutboxKind, sealed?: Buffer): number {
    if (kind === undefined || sealed === undefined) {
      const row = this.stmts.byKey.get(key) as Row | undefined;
      if (!row) return 0;
      kind = row.kind as OutboxKind;
      sealed = row.payload;
    }
    const fields = FIELDS_DROPPED_ON_ACK[kind];
    if (!fields) return 0;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(open(this.keyProvider.getKey(), sealed, key).toString('utf8')) as Record<string, unknown>;
    } catch {
      return 0; // unreadable: nothing in it can be used, and the retention purge removes it
    }
    if (!fields.some((f) => f in payload)) return 0;
    for (const f of fields) delete payload[f];
    const resealed = seal(this.keyProvider.getKey(), Buffer.from(JSON.stringify(payload), 'utf8'), key);
    this.stmts.replacePayload.run(resealed, resealed.length, key);
    return 1;
  }

  /** Entries acknowledged before their fields were dropped at acknowledgement (an older outbox.db). */
  private dropAcknowledgedFields(): void {
    const kinds = Object.keys(FIELDS_DROPPED_ON_ACK) as OutboxKind[];
    if (!kinds.some((kind) => this.stmts.acknowledgedOfKind.get(kind) !== undefined)) return;
    const dropped = this.transaction(() => {
      let n = 0;
      for (const kind of kinds) {
        for (const row of this.stmts.acknowledgedOfKind.all(kind) as { key: string; payload: Buffer }[]) n += this.dropFieldsOf(row.key, kind, row.payload);
      }
      return n;
    });
    if (dropped > 0) this.checkpoint();
  }

  /** Moves the WAL into the database file and empties it, so the replaced payloads' old pages are gone from both. */
  private checkpoint(): void {
    if (!this.db.inTransaction) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Puts in-flight entries back to pending (the batch failed as a whole). */
  release(keys: string[]): void {
    this.transaction(() => {
      for (const k of keys) this.stmts.release.run(k);
    });
  }

  /** After a crash, entries left in flight are pending again (at least once). */
  releaseAllInFlight(): number {
    return this.stmts.releaseAll.run().changes;
  }

  hasPending(): boolean {
    return this.stmts.hasPending.get() !== undefined;
  }

  stats(): OutboxStats {
    const counts: Record<string, number> = {};
    for (const r of this.stmts.counts.all() as { state: string; n: number }[]) counts[r.state] = r.n;
    const oldest = (this.stmts.oldestPending.get() as { t: number | null }).t;
    const now = this.clock.now();
    return {
      pending: counts.pending ?? 0,
      inFlight: counts['in-flight'] ?? 0,
      acknowledged: counts.acknowledged ?? 0,
      dead: counts.dead ?? 0,
      oldestPendingAgeS: oldest === null ? null : Math.max(0, Math.floor((now - oldest) / 1000)),
      acknowledgedToday: (this.stmts.ackSince.get(localMidnight(now)) as { n: number }).n,
    };
  }

  deadEntries(): DeadEntry[] {
    return (this.stmts.dead.all() as (Row & { dead_at: number; dead_reason: string })[]).map((r) => ({
      key: r.key,
      seq: r.seq,
      kind: r.kind as OutboxKind,
      createdAt: new Date(r.created_at).toISOString(),
      deadAt: new Date(r.dead_at).toISOString(),
      reason: r.dead_reason,
      attempts: r.attempts,
    }));
  }

  /**
   * Moves dead entries (all, or the given keys) back to pending; returns how many. A face.bound
   * without its template (withdrawn: withdrawFaceTemplates) is never moved: sent again it would
   * only be refused, and it must not re-create a binding the citizen deleted.
   */
  retryDead(keys?: string[]): number {
    return this.transaction(() => {
      const withdrawn = this.withdrawnFaceBindings();
      if (!keys) {
        if (withdrawn.size === 0) return this.stmts.retryDead.run().changes;
        keys = this.deadEntries().map((d) => d.key);
      }
      return keys.reduce((n, k) => n + (withdrawn.has(k) ? 0 : this.stmts.retryDeadKey.run(k).changes), 0);
    });
  }

  /** Keys of dead face.bound entries whose template is gone. */
  private withdrawnFaceBindings(): Set<string> {
    const keys = new Set<string>();
    for (const row of this.stmts.deadOfKind.all('face.bound') as { key: string; payload: Buffer }[]) {
      const payload = this.openPayload(row.key, row.payload);
      if (payload && !('template' in payload)) keys.add(row.key);
    }
    return keys;
  }

  private openPayload(key: string, sealed: Buffer): Record<string, unknown> | null {
    try {
      return JSON.parse(open(this.keyProvider.getKey(), sealed, key).toString('utf8')) as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  /**
   * After a face binding was deleted on this terminal (by the citizen, staff, retention, a hub
   * command or the hall): the `face.bound` entries of those subjects the hub has not taken
   * (pending, or dead) lose their template and are dead with FACE_BINDING_WITHDRAWN_REASON; they
   * are never retried. An entry in flight is left: the hub receives it before the `face.unbound`
   * that follows it, or refuses it as older than the deletion. No copy stays in the file or the
   * WAL. Returns how many entries lost a template.
   */
  withdrawFaceTemplates(subjects: readonly string[]): number {
    if (subjects.length === 0) return 0;
    const wanted = new Set(subjects);
    const now = this.clock.now();
    const changed = this.transaction(() => {
      let changed = 0;
      for (const row of this.stmts.unsentOfKind.all('face.bound') as { key: string; payload: Buffer }[]) {
        const payload = this.openPayload(row.key, row.payload);
        if (!payload || typeof payload.subject !== 'string' || !wanted.has(payload.subject) || !('template' in payload)) continue;
        delete payload.template;
        const resealed = seal(this.keyProvider.getKey(), Buffer.from(JSON.stringify(payload), 'utf8'), row.key);
        this.stmts.replacePayload.run(resealed, resealed.length, row.key);
        this.stmts.withdraw.run(now, FACE_BINDING_WITHDRAWN_REASON, row.key);
        changed++;
      }
      return changed;
    });
    if (changed > 0) this.checkpoint();
    return changed;
  }

  /**
   * Deletes entries past their retention: acknowledged entries of personal kinds after
   * `personalDays`, others after NON_PERSONAL_ACK_RETENTION_DAYS; dead letters of personal kinds
   * `personalDays` after they died (the technician has that long to retry one), while dead letters
   * of other kinds stay until the technician acts. Returns how many rows went.
   */
  purgeAcknowledged(personalDays: number): number {
    const now = this.clock.now();
    return this.transaction(() => {
      let removed = 0;
      for (const kind of OUTBOX_KINDS) {
        const personal = PERSONAL_KINDS.has(kind);
        const days = personal ? personalDays : Math.max(personalDays, NON_PERSONAL_ACK_RETENTION_DAYS);
        removed += this.stmts.purge.run(kind, now - days * DAY_MS).changes;
        if (personal) removed += this.stmts.purgeDead.run(kind, now - personalDays * DAY_MS).changes;
      }
      return removed;
    });
  }

  /**
   * Deletes acknowledged entries and dead letters whose payload names `subject` (hub command
   * purge-subject). Entries not yet delivered stay: the hub must still receive them.
   */
  purgeSubject(subject: string): number {
    const key = this.keyProvider.getKey();
    return this.transaction(() => {
      let removed = 0;
      for (const kind of PERSONAL_KINDS) {
        for (const row of this.stmts.settledRows.all(kind) as { key: string; payload: Buffer }[]) {
          let payload: { subject?: unknown };
          try {
            payload = JSON.parse(open(key, row.payload, row.key).toString('utf8')) as { subject?: unknown };
          } catch {
            continue;
          }
          if (payload.subject === subject) {
            this.stmts.deleteKey.run(row.key);
            removed++;
          }
        }
      }
      return removed;
    });
  }

  /** One entry by key, decrypted (diagnostics, tests); undefined when absent. */
  get(key: string): (OutboxItem & { state: OutboxState; attempts: number }) | undefined {
    const row = this.stmts.byKey.get(key) as (Row & { state: OutboxState }) | undefined;
    if (!row) return undefined;
    return {
      key: row.key,
      seq: row.seq,
      kind: row.kind as OutboxKind,
      createdAt: new Date(row.created_at).toISOString(),
      payload: JSON.parse(open(this.keyProvider.getKey(), row.payload, row.key).toString('utf8')) as Record<string, unknown>,
      state: row.state,
      attempts: row.attempts,
    };
  }
}
