// Over 300 lines: the hub's shared gallery: bindings, their deletion at every terminal with confirmations, and processing records change the same rows together.
import { randomUUID } from 'node:crypto';
import type { HubDb } from './hub-db';

/** How the hub seals and opens a stored item's payload (hub-store.ts holds the key). */
export interface PayloadSealing {
  seal(itemKey: string, payload: unknown): Buffer;
  /** The payload, or a string saying why it cannot be opened. */
  open(itemKey: string, sealed: Buffer): unknown;
}

/** A deletion of the gallery some terminals have not confirmed yet (admin dump, `kioskctl hub face-deletions`). */
export interface GalleryDeletionReport {
  /** The delete change's cursor in GET v1/gallery. */
  cursor: number;
  deletedAt: string;
  /** Only with reveal: the pseudonymous subject. */
  subject?: string;
  confirmed: { terminalId: string; at: string }[];
  /** Terminals that were handed the template and have not yet pulled past its deletion. */
  unconfirmed: { terminalId: string; lastPullAt: string | null }[];
}

/**
 * The gallery's tables besides `gallery` (hub-db.ts migration 1), made here on first open so that
 * the gallery's schema stays with its code. `gallery_terminals.sent` is the highest cursor the hub
 * handed a terminal, `confirmed` the highest `since` it asked with: a terminal applies a page and
 * its cursor in one transaction, so asking with `since = N` says it holds every change up to N.
 * `gallery_subjects` is one row per subject with a shared binding: `put_from`, the cursor of its
 * first put since its last deletion (a newer binding replaces the put row, not this), when the
 * binding was made, its retention and its last use in the hall. `gallery_binders` are the
 * terminals that sent a binding of it (they hold it whatever their cursor); a delete is listed to
 * them whatever their cursor (`gallery_deletion_targets`). `gallery_tombstones`
 * keep, for the retention period, when a subject was deleted: an older binding is refused.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS gallery_terminals (
  terminal_id TEXT PRIMARY KEY,
  sent INTEGER NOT NULL DEFAULT 0,
  confirmed INTEGER NOT NULL DEFAULT 0,
  last_pull_at INTEGER
);
CREATE TABLE IF NOT EXISTS gallery_deletions (
  cursor INTEGER PRIMARY KEY,
  put_from INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE TABLE IF NOT EXISTS gallery_deletion_acks (
  cursor INTEGER NOT NULL,
  terminal_id TEXT NOT NULL,
  confirmed_at INTEGER,
  PRIMARY KEY (cursor, terminal_id)
);
CREATE TABLE IF NOT EXISTS gallery_bound_items (
  item_key TEXT PRIMARY KEY,
  subject TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS gallery_bound_items_subject ON gallery_bound_items (subject);
CREATE TABLE IF NOT EXISTS face_processing_records (
  id TEXT PRIMARY KEY,
  terminal_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  event TEXT NOT NULL,
  at TEXT NOT NULL,
  detail TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS face_processing_records_subject ON face_processing_records (subject);
CREATE TABLE IF NOT EXISTS gallery_subjects (
  subject TEXT PRIMARY KEY,
  put_from INTEGER NOT NULL,
  bound_at TEXT,
  retention_days INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS gallery_binders (
  subject TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  PRIMARY KEY (subject, terminal_id)
);
CREATE TABLE IF NOT EXISTS gallery_deletion_targets (
  cursor INTEGER NOT NULL,
  terminal_id TEXT NOT NULL,
  PRIMARY KEY (cursor, terminal_id)
);
CREATE TABLE IF NOT EXISTS gallery_tombstones (
  subject TEXT PRIMARY KEY,
  deleted_at INTEGER NOT NULL,
  keep_until INTEGER NOT NULL
);
`;

const DAY_MS = 86_400_000;
/** The retention of a binding whose face.bound does not say it (an older terminal): the terminals' default `face.templateRetentionDays`. */
export const DEFAULT_TEMPLATE_RETENTION_DAYS = 365;
/** The terminal id the hub's own processing records carry (its retention purge). */
export const HUB_RECORD_TERMINAL = 'hub';

export interface HubFaceGalleryOptions {
  /** The retention of a shared binding whose face.bound carries no `retentionDays`. */
  defaultRetentionDays?: number;
}

interface SubjectRow {
  subject: string;
  put_from: number;
  bound_at: string | null;
  retention_days: number;
  last_used_at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The reference hub's face gallery (docs/hub-protocol.md §6): shared bindings published as `put`
 * changes of GET v1/gallery; `face.unbound` deletes the subject's templates, its binding rows and
 * the stored `face.bound` payloads, and publishes one `delete` that only terminals which may hold
 * the template receive (handed a cursor at or past its first put since its last deletion, or
 * binders of it); each such terminal's confirmation is recorded, and once all have confirmed the
 * delete itself goes. A terminal syncing from scratch receives nothing of a deleted subject.
 * Retention: a shared binding not used anywhere in the hall for its retention period (terminals
 * report uses as `used` processing records) is deleted the same way. A `face.bound` made before
 * the subject's last deletion is refused. Also the processing records terminals send.
 * The batch effects run inside the batch's transaction (hub-store.ts); a page of changes is its own.
 */
export class HubFaceGallery {
  private erasedSinceCheckpoint = false;
  private readonly defaultRetentionDays: number;

  constructor(
    private readonly db: HubDb,
    private readonly payloads: PayloadSealing,
    options: HubFaceGalleryOptions = {},
  ) {
    this.defaultRetentionDays = options.defaultRetentionDays ?? DEFAULT_TEMPLATE_RETENTION_DAYS;
    const exists = (table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    const upgrading = !exists('gallery_deletions');
    const subjectsNew = !exists('gallery_subjects');
    // Deleted rows leave no template behind in the file's free pages.
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      db.exec(SCHEMA);
      if (upgrading) this.upgradeOlderHub();
      if (subjectsNew) this.indexExistingPuts(Date.now());
    }).immediate();
    if (this.erasedSinceCheckpoint) this.checkpointAfterErasure();
  }

  // ----- batch effects

  /**
   * `face.bound`: a shared one becomes the subject's one `put`; every one is remembered for
   * erasure. Refused (the reason returned) when it was bound at or before the subject's last
   * deletion here: a withdrawn face never comes back through a late or retried entry. The terminal
   * that sent it is then owed a delete of the subject, in case it still holds the binding.
   */
  bound(
    terminalId: string,
    itemKey: string,
    p: { subject: string; template: string; shared: boolean; boundAt?: unknown; retentionDays?: unknown },
    now: number,
  ): string | null {
    const boundAt = typeof p.boundAt === 'string' ? p.boundAt : null;
    const tombstone = this.db.prepare('SELECT deleted_at FROM gallery_tombstones WHERE subject = ?').get(p.subject) as { deleted_at: number } | undefined;
    if (tombstone && boundAt !== null && Date.parse(boundAt) <= tombstone.deleted_at) {
      this.publishDelete(p.subject, null, [terminalId], [terminalId], now);
      return `face: this binding, made ${boundAt}, is older than the subject's deletion at ${iso(tombstone.deleted_at)}; it is refused so that a withdrawn face does not come back`;
    }
    if (p.shared) {
      const retentionDays = typeof p.retentionDays === 'number' ? p.retentionDays : this.defaultRetentionDays;
      // A newer binding of the subject replaces the older one: one template per subject, at its newest place.
      this.db.prepare("DELETE FROM gallery WHERE subject = ? AND op = 'put'").run(p.subject);
      this.eraseBoundPayloads(p.subject, now);
      const cursor = Number(
        this.db.prepare("INSERT INTO gallery (subject, op, template, at) VALUES (?, 'put', ?, ?)").run(p.subject, p.template, now).lastInsertRowid,
      );
      // put_from stays at the first put since the last deletion: a terminal handed that one may hold a template of the subject.
      this.db
        .prepare(
          `INSERT INTO gallery_subjects (subject, put_from, bound_at, retention_days, last_used_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(subject) DO UPDATE SET bound_at = excluded.bound_at, retention_days = excluded.retention_days, last_used_at = excluded.last_used_at`,
        )
        .run(p.subject, cursor, boundAt, retentionDays, now);
      this.db.prepare('INSERT OR IGNORE INTO gallery_binders (subject, terminal_id) VALUES (?, ?)').run(p.subject, terminalId);
    }
    this.db.prepare('INSERT OR REPLACE INTO gallery_bound_items (item_key, subject) VALUES (?, ?)').run(itemKey, p.subject);
    return null;
  }

  /**
   * `face.unbound` accepted (idempotent): the subject's templates, binding rows and face.bound
   * payloads go; terminals that may hold it are told (not the one that sent it: it deleted first).
   * A tombstone refuses older bindings for the retention period.
   */
  unbound(subject: string, now: number, fromTerminal?: string): void {
    this.eraseBoundPayloads(subject, now);
    const row = this.subjectRow(subject);
    this.setTombstone(subject, now, row?.retention_days ?? this.defaultRetentionDays);
    if (row) this.deleteShared(row, now, fromTerminal);
    this.completeDeletions(now);
  }

  /** `face.processing-record` accepted: kept once per record id (a terminal may send one again after a crash); a `used` one is the subject's last use in the hall. */
  processingRecord(terminalId: string, p: { id: string; event: string; at: string; subject: string; detail: unknown }, now: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO face_processing_records (id, terminal_id, subject, event, at, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.id, terminalId, p.subject, p.event, p.at, JSON.stringify(p.detail), now);
    if (p.event === 'used') {
      // A terminal's clock ahead of the hub's does not extend the retention.
      const at = Math.min(Date.parse(p.at), now);
      this.db.prepare('UPDATE gallery_subjects SET last_used_at = MAX(last_used_at, ?) WHERE subject = ?').run(at, p.subject);
    }
  }

  // ----- retention

  /**
   * Deletes every shared binding not used anywhere in the hall for its retention period (counted
   * from its binding or its last reported use), through the same per-terminal delete as a
   * citizen's, with a processing record of the hub; forgets tombstones past their period.
   * Run before each page of GET v1/gallery. Returns how many bindings went.
   */
  expireUnused(now: number): number {
    const expired = this.db
      .prepare('SELECT subject, put_from, bound_at, retention_days, last_used_at FROM gallery_subjects WHERE last_used_at + retention_days * ? < ?')
      .all(DAY_MS, now) as SubjectRow[];
    for (const row of expired) {
      this.eraseBoundPayloads(row.subject, now);
      this.setTombstone(row.subject, now, row.retention_days);
      this.deleteShared(row, now);
      this.processingRecord(HUB_RECORD_TERMINAL, { id: randomUUID(), event: 'purged', at: iso(now), subject: row.subject, detail: { by: 'retention' } }, now);
    }
    this.db.prepare('DELETE FROM gallery_tombstones WHERE keep_until < ?').run(now);
    if (expired.length > 0) this.completeDeletions(now);
    return expired.length;
  }

  private subjectRow(subject: string): SubjectRow | undefined {
    return this.db.prepare('SELECT subject, put_from, bound_at, retention_days, last_used_at FROM gallery_subjects WHERE subject = ?').get(subject) as
      SubjectRow | undefined;
  }

  private setTombstone(subject: string, now: number, retentionDays: number): void {
    this.db
      .prepare(
        `INSERT INTO gallery_tombstones (subject, deleted_at, keep_until) VALUES (?, ?, ?)
         ON CONFLICT(subject) DO UPDATE SET deleted_at = MAX(deleted_at, excluded.deleted_at), keep_until = MAX(keep_until, excluded.keep_until)`,
      )
      .run(subject, now, now + retentionDays * DAY_MS);
  }

  /**
   * A shared binding goes: its put, and one delete owed by every terminal that may hold it (handed
   * a cursor at or past its first put, or a binder of it), except `except`.
   */
  private deleteShared(row: SubjectRow, now: number, except?: string): void {
    this.db.prepare("DELETE FROM gallery WHERE subject = ? AND op = 'put'").run(row.subject);
    const handed = this.db.prepare('SELECT terminal_id FROM gallery_terminals WHERE sent >= ?').all(row.put_from) as { terminal_id: string }[];
    const binders = (this.db.prepare('SELECT terminal_id FROM gallery_binders WHERE subject = ?').all(row.subject) as { terminal_id: string }[])
      .map((b) => b.terminal_id)
      .filter((t) => t !== except);
    const owed = [...new Set([...handed.map((h) => h.terminal_id).filter((t) => t !== except), ...binders])];
    this.publishDelete(row.subject, row.put_from, owed, binders, now);
    this.db.prepare('DELETE FROM gallery_subjects WHERE subject = ?').run(row.subject);
    this.db.prepare('DELETE FROM gallery_binders WHERE subject = ?').run(row.subject);
  }

  /**
   * One `delete` change, confirmed by `owedBy`, listed to terminals asking from at or past
   * `putFrom` (null: none) and to `targets` whatever their cursor.
   */
  private publishDelete(subject: string, putFrom: number | null, owedBy: string[], targets: string[], now: number): void {
    const cursor = Number(this.db.prepare("INSERT INTO gallery (subject, op, template, at) VALUES (?, 'delete', NULL, ?)").run(subject, now).lastInsertRowid);
    this.db.prepare('INSERT INTO gallery_deletions (cursor, put_from, deleted_at) VALUES (?, ?, ?)').run(cursor, putFrom ?? cursor, now);
    const ack = this.db.prepare('INSERT OR IGNORE INTO gallery_deletion_acks (cursor, terminal_id) VALUES (?, ?)');
    for (const terminalId of owedBy) ack.run(cursor, terminalId);
    const target = this.db.prepare('INSERT OR IGNORE INTO gallery_deletion_targets (cursor, terminal_id) VALUES (?, ?)');
    for (const terminalId of targets) target.run(cursor, terminalId);
  }

  /** Replaces the stored face.bound payloads of a subject by a note that they were erased. */
  private eraseBoundPayloads(subject: string, now: number): void {
    const keys = this.db.prepare('SELECT item_key FROM gallery_bound_items WHERE subject = ?').all(subject) as { item_key: string }[];
    const update = this.db.prepare('UPDATE items SET payload = ? WHERE key = ?');
    for (const { item_key: key } of keys) update.run(this.payloads.seal(key, { erased: true, erasedAt: iso(now) }), key);
    this.db.prepare('DELETE FROM gallery_bound_items WHERE subject = ?').run(subject);
    if (keys.length > 0) this.erasedSinceCheckpoint = true;
  }

  /** After a batch: erased payloads leave the WAL too (outside any transaction). */
  afterBatch(): void {
    if (this.erasedSinceCheckpoint) this.checkpointAfterErasure();
  }

  private checkpointAfterErasure(): void {
    if (this.db.inTransaction) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.erasedSinceCheckpoint = false;
  }

  // ----- GET v1/gallery

  /**
   * One page of changes after `since` for a terminal. Asking with `since` confirms every deletion
   * up to it. A delete is listed only to a terminal whose cursor reached the subject's first put
   * since its last deletion, or to one it targets (a binder): it may hold the template.
   * One syncing from scratch skips both, as the put rows are gone. Expired bindings are deleted first.
   */
  changesFor(terminalId: string, since: number, limit: number, now: number): { cursor: string; changes: unknown[] } {
    const page = this.db
      .transaction(() => {
        this.expireUnused(now);
        this.db
          .prepare(
            `INSERT INTO gallery_terminals (terminal_id, confirmed, last_pull_at) VALUES (?, ?, ?)
             ON CONFLICT(terminal_id) DO UPDATE SET confirmed = MAX(confirmed, excluded.confirmed), last_pull_at = excluded.last_pull_at`,
          )
          .run(terminalId, since, now);
        this.db
          .prepare('UPDATE gallery_deletion_acks SET confirmed_at = ? WHERE terminal_id = ? AND confirmed_at IS NULL AND cursor <= ?')
          .run(now, terminalId, since);
        this.completeDeletions(now);
        const rows = this.db
          .prepare(
            `SELECT g.cursor, g.subject, g.op, g.template, d.put_from, s.bound_at,
                    EXISTS (SELECT 1 FROM gallery_deletion_targets t WHERE t.cursor = g.cursor AND t.terminal_id = ?) AS targeted
               FROM gallery g
               LEFT JOIN gallery_deletions d ON d.cursor = g.cursor
               LEFT JOIN gallery_subjects s ON g.op = 'put' AND s.subject = g.subject
              WHERE g.cursor > ? ORDER BY g.cursor LIMIT ?`,
          )
          .all(terminalId, since, limit) as {
          cursor: number;
          subject: string;
          op: 'put' | 'delete';
          template: string | null;
          put_from: number | null;
          bound_at: string | null;
          targeted: number;
        }[];
        const last = rows.length > 0 ? rows[rows.length - 1]!.cursor : since;
        this.db.prepare('UPDATE gallery_terminals SET sent = MAX(sent, ?) WHERE terminal_id = ?').run(last, terminalId);
        const changes = rows
          .filter((r) => r.op === 'put' || r.put_from === null || since >= r.put_from || r.targeted === 1)
          .map((r) =>
            r.op === 'put'
              ? { subject: r.subject, op: 'put', template: r.template, ...(r.bound_at !== null ? { boundAt: r.bound_at } : {}) }
              : { subject: r.subject, op: 'delete' },
          );
        return { cursor: String(last), changes };
      })
      .immediate();
    if (this.erasedSinceCheckpoint) this.checkpointAfterErasure();
    return page;
  }

  /** Deletions every terminal concerned has confirmed: the delete row, the last trace of the subject in the gallery, goes. */
  private completeDeletions(now: number): void {
    const done = this.db
      .prepare(
        `SELECT cursor FROM gallery_deletions d WHERE completed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM gallery_deletion_acks a WHERE a.cursor = d.cursor AND a.confirmed_at IS NULL)`,
      )
      .all() as { cursor: number }[];
    for (const { cursor } of done) {
      this.db.prepare('DELETE FROM gallery WHERE cursor = ?').run(cursor);
      this.db.prepare('DELETE FROM gallery_deletion_targets WHERE cursor = ?').run(cursor);
      this.db.prepare('UPDATE gallery_deletions SET completed_at = ? WHERE cursor = ?').run(now, cursor);
    }
  }

  // ----- inspection

  /** Deletions not yet confirmed by every terminal that was handed the template. */
  pendingDeletions(reveal = false): GalleryDeletionReport[] {
    const deletions = this.db
      .prepare(
        'SELECT d.cursor, d.deleted_at, g.subject FROM gallery_deletions d LEFT JOIN gallery g ON g.cursor = d.cursor WHERE d.completed_at IS NULL ORDER BY d.cursor',
      )
      .all() as { cursor: number; deleted_at: number; subject: string | null }[];
    const acks = this.db.prepare(
      'SELECT a.terminal_id, a.confirmed_at, t.last_pull_at FROM gallery_deletion_acks a LEFT JOIN gallery_terminals t ON t.terminal_id = a.terminal_id WHERE a.cursor = ? ORDER BY a.terminal_id',
    );
    return deletions.map((d) => {
      const rows = acks.all(d.cursor) as { terminal_id: string; confirmed_at: number | null; last_pull_at: number | null }[];
      return {
        cursor: d.cursor,
        deletedAt: iso(d.deleted_at),
        ...(reveal && d.subject !== null ? { subject: d.subject } : {}),
        confirmed: rows.filter((r) => r.confirmed_at !== null).map((r) => ({ terminalId: r.terminal_id, at: iso(r.confirmed_at!) })),
        unconfirmed: rows
          .filter((r) => r.confirmed_at === null)
          .map((r) => ({ terminalId: r.terminal_id, lastPullAt: r.last_pull_at === null ? null : iso(r.last_pull_at) })),
      };
    });
  }

  /** What `admin/dump` shows of the gallery. */
  dump(reveal: boolean): Record<string, unknown> {
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const records = this.db.prepare('SELECT id, terminal_id, subject, event, at, detail FROM face_processing_records ORDER BY rowid').all() as {
      id: string;
      terminal_id: string;
      subject: string;
      event: string;
      at: string;
      detail: string;
    }[];
    return {
      galleryChanges: count('SELECT COUNT(*) AS n FROM gallery'),
      galleryTemplates: count("SELECT COUNT(*) AS n FROM gallery WHERE op = 'put'"),
      galleryDeletions: {
        completed: count('SELECT COUNT(*) AS n FROM gallery_deletions WHERE completed_at IS NOT NULL'),
        pending: this.pendingDeletions(reveal),
      },
      galleryTombstones: count('SELECT COUNT(*) AS n FROM gallery_tombstones'),
      processingRecords: reveal
        ? records.map((r) => ({ id: r.id, terminalId: r.terminal_id, subject: r.subject, event: r.event, at: r.at, detail: JSON.parse(r.detail) as unknown }))
        : records.length,
    };
  }

  // ----- a hub.db from before these tables

  /**
   * A hub.db from before `gallery_subjects`: each subject's put is its first since its last
   * deletion, of unknown binding time, with the default retention counted from now (no use was
   * reported before, so counting from the put would delete bindings in daily use).
   */
  private indexExistingPuts(now: number): void {
    this.db
      .prepare(
        `INSERT OR IGNORE INTO gallery_subjects (subject, put_from, bound_at, retention_days, last_used_at)
         SELECT subject, MIN(cursor), NULL, ?, ? FROM gallery WHERE op = 'put' GROUP BY subject`,
      )
      .run(this.defaultRetentionDays, now);
  }

  /**
   * A hub.db written before deletions reached the hub's own copies. Every terminal is taken to hold
   * every change so far; each earlier delete becomes a tracked deletion of the templates it
   * cancelled (so a terminal from scratch skips it, and each terminal's confirmation is recorded);
   * those templates go, with the face.bound payloads of subjects unbound since; the other
   * face.bound items are indexed by subject for a later erasure.
   */
  private upgradeOlderHub(): void {
    const now = Date.now();
    this.db.exec(`INSERT OR IGNORE INTO gallery_terminals (terminal_id, sent, confirmed)
      SELECT id, (SELECT COALESCE(MAX(cursor), 0) FROM gallery), 0 FROM terminals`);
    const deletes = this.db.prepare("SELECT cursor, subject, at FROM gallery WHERE op = 'delete' ORDER BY cursor").all() as {
      cursor: number;
      subject: string;
      at: number;
    }[];
    for (const d of deletes) {
      const first = this.db.prepare("SELECT MIN(cursor) AS c FROM gallery WHERE subject = ? AND op = 'put' AND cursor < ?").get(d.subject, d.cursor) as {
        c: number | null;
      };
      const putFrom = first.c ?? d.cursor;
      this.db.prepare('INSERT INTO gallery_deletions (cursor, put_from, deleted_at) VALUES (?, ?, ?)').run(d.cursor, putFrom, d.at);
      this.db
        .prepare('INSERT INTO gallery_deletion_acks (cursor, terminal_id) SELECT ?, terminal_id FROM gallery_terminals WHERE sent >= ?')
        .run(d.cursor, putFrom);
    }
    this.db.exec(`DELETE FROM gallery WHERE op = 'put' AND EXISTS (
      SELECT 1 FROM gallery later WHERE later.subject = gallery.subject AND later.op = 'delete' AND later.cursor > gallery.cursor)`);
    const rows = this.db.prepare("SELECT arrival, key, kind, payload FROM items WHERE kind IN ('face.bound', 'face.unbound') ORDER BY arrival").all() as {
      arrival: number;
      key: string;
      kind: string;
      payload: Buffer | string;
    }[];
    const subjectOf = (r: (typeof rows)[number]): string | null => {
      let payload: unknown;
      try {
        payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : this.payloads.open(r.key, r.payload);
      } catch {
        return null;
      }
      const subject = (payload as { subject?: unknown } | null)?.subject;
      return typeof subject === 'string' ? subject : null;
    };
    const unboundAt = new Map<string, number>();
    for (const r of rows) {
      const subject = r.kind === 'face.unbound' ? subjectOf(r) : null;
      if (subject !== null) unboundAt.set(subject, r.arrival);
    }
    const index = this.db.prepare('INSERT OR REPLACE INTO gallery_bound_items (item_key, subject) VALUES (?, ?)');
    const erase = this.db.prepare('UPDATE items SET payload = ? WHERE key = ?');
    for (const r of rows) {
      const subject = r.kind === 'face.bound' ? subjectOf(r) : null;
      if (subject === null) continue;
      if ((unboundAt.get(subject) ?? -1) > r.arrival) {
        erase.run(this.payloads.seal(r.key, { erased: true, erasedAt: iso(now) }), r.key);
        this.erasedSinceCheckpoint = true;
      } else index.run(r.key, subject);
    }
    this.completeDeletions(now);
  }
}
