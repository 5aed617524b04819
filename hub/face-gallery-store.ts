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
`;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The reference hub's face gallery (docs/hub-protocol.md §6): shared bindings published as `put`
 * changes of GET v1/gallery; `face.unbound` deletes the subject's templates, its binding rows and
 * the stored `face.bound` payloads, and publishes one `delete` that only terminals which were
 * handed the template receive; each such terminal's confirmation is recorded, and once all have
 * confirmed the delete itself goes. A terminal syncing from scratch receives nothing of a deleted
 * subject. Also the processing records terminals send (`face.processing-record`).
 * The batch effects run inside the batch's transaction (hub-store.ts); a page of changes is its own.
 */
export class HubFaceGallery {
  private erasedSinceCheckpoint = false;

  constructor(
    private readonly db: HubDb,
    private readonly payloads: PayloadSealing,
  ) {
    const upgrading = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gallery_deletions'").get() === undefined;
    // Deleted rows leave no template behind in the file's free pages.
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      db.exec(SCHEMA);
      if (upgrading) this.upgradeOlderHub();
    }).immediate();
    if (this.erasedSinceCheckpoint) this.checkpointAfterErasure();
  }

  // ----- batch effects

  /** `face.bound` accepted: a shared one becomes the subject's one `put`; every one is remembered for erasure. */
  bound(itemKey: string, p: { subject: string; template: string; shared: boolean }, now: number): void {
    if (p.shared) {
      // A newer binding of the subject replaces the older one: one template per subject, at its newest place.
      this.db.prepare("DELETE FROM gallery WHERE subject = ? AND op = 'put'").run(p.subject);
      this.eraseBoundPayloads(p.subject, now);
      this.db.prepare("INSERT INTO gallery (subject, op, template, at) VALUES (?, 'put', ?, ?)").run(p.subject, p.template, now);
    }
    this.db.prepare('INSERT OR REPLACE INTO gallery_bound_items (item_key, subject) VALUES (?, ?)').run(itemKey, p.subject);
  }

  /** `face.unbound` accepted: the subject's templates, binding rows and face.bound payloads go; terminals that had it are told. */
  unbound(subject: string, now: number): void {
    this.eraseBoundPayloads(subject, now);
    const puts = this.db.prepare("SELECT MIN(cursor) AS first, COUNT(*) AS n FROM gallery WHERE subject = ? AND op = 'put'").get(subject) as { first: number | null; n: number };
    if (puts.n === 0 || puts.first === null) return;
    this.db.prepare("DELETE FROM gallery WHERE subject = ? AND op = 'put'").run(subject);
    const cursor = Number(this.db.prepare("INSERT INTO gallery (subject, op, template, at) VALUES (?, 'delete', NULL, ?)").run(subject, now).lastInsertRowid);
    this.db.prepare('INSERT INTO gallery_deletions (cursor, put_from, deleted_at) VALUES (?, ?, ?)').run(cursor, puts.first, now);
    // The terminals that may hold the template: those handed a cursor at or past its first put.
    this.db
      .prepare('INSERT INTO gallery_deletion_acks (cursor, terminal_id) SELECT ?, terminal_id FROM gallery_terminals WHERE sent >= ?')
      .run(cursor, puts.first);
    this.completeDeletions(now);
  }

  /** `face.processing-record` accepted: kept once per record id (a terminal may send one again after a crash). */
  processingRecord(terminalId: string, p: { id: string; event: string; at: string; subject: string; detail: unknown }, now: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO face_processing_records (id, terminal_id, subject, event, at, detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(p.id, terminalId, p.subject, p.event, p.at, JSON.stringify(p.detail), now);
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
   * up to it. A delete is listed only to a terminal whose cursor reached the template's first put
   * (it may hold the template); one syncing from scratch skips both, as the put rows are gone.
   */
  changesFor(terminalId: string, since: number, limit: number, now: number): { cursor: string; changes: unknown[] } {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO gallery_terminals (terminal_id, confirmed, last_pull_at) VALUES (?, ?, ?)
             ON CONFLICT(terminal_id) DO UPDATE SET confirmed = MAX(confirmed, excluded.confirmed), last_pull_at = excluded.last_pull_at`,
          )
          .run(terminalId, since, now);
        this.db.prepare('UPDATE gallery_deletion_acks SET confirmed_at = ? WHERE terminal_id = ? AND confirmed_at IS NULL AND cursor <= ?').run(now, terminalId, since);
        this.completeDeletions(now);
        const rows = this.db
          .prepare('SELECT g.cursor, g.subject, g.op, g.template, d.put_from FROM gallery g LEFT JOIN gallery_deletions d ON d.cursor = g.cursor WHERE g.cursor > ? ORDER BY g.cursor LIMIT ?')
          .all(since, limit) as { cursor: number; subject: string; op: 'put' | 'delete'; template: string | null; put_from: number | null }[];
        const last = rows.length > 0 ? rows[rows.length - 1]!.cursor : since;
        this.db.prepare('UPDATE gallery_terminals SET sent = MAX(sent, ?) WHERE terminal_id = ?').run(last, terminalId);
        const changes = rows
          .filter((r) => r.op === 'put' || r.put_from === null || since >= r.put_from)
          .map((r) => (r.op === 'put' ? { subject: r.subject, op: 'put', template: r.template } : { subject: r.subject, op: 'delete' }));
        return { cursor: String(last), changes };
      })
      .immediate();
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
      this.db.prepare('UPDATE gallery_deletions SET completed_at = ? WHERE cursor = ?').run(now, cursor);
    }
  }

  // ----- inspection

  /** Deletions not yet confirmed by every terminal that was handed the template. */
  pendingDeletions(reveal = false): GalleryDeletionReport[] {
    const deletions = this.db
      .prepare('SELECT d.cursor, d.deleted_at, g.subject FROM gallery_deletions d LEFT JOIN gallery g ON g.cursor = d.cursor WHERE d.completed_at IS NULL ORDER BY d.cursor')
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
        unconfirmed: rows.filter((r) => r.confirmed_at === null).map((r) => ({ terminalId: r.terminal_id, lastPullAt: r.last_pull_at === null ? null : iso(r.last_pull_at) })),
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
      processingRecords: reveal
        ? records.map((r) => ({ id: r.id, terminalId: r.terminal_id, subject: r.subject, event: r.event, at: r.at, detail: JSON.parse(r.detail) as unknown }))
        : records.length,
    };
  }

  // ----- a hub.db from before these tables

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
    const deletes = this.db.prepare("SELECT cursor, subject, at FROM gallery WHERE op = 'delete' ORDER BY cursor").all() as { cursor: number; subject: string; at: number }[];
    for (const d of deletes) {
      const first = this.db.prepare("SELECT MIN(cursor) AS c FROM gallery WHERE subject = ? AND op = 'put' AND cursor < ?").get(d.subject, d.cursor) as { c: number | null };
      const putFrom = first.c ?? d.cursor;
      this.db.prepare('INSERT INTO gallery_deletions (cursor, put_from, deleted_at) VALUES (?, ?, ?)').run(d.cursor, putFrom, d.at);
      this.db.prepare('INSERT INTO gallery_deletion_acks (cursor, terminal_id) SELECT ?, terminal_id FROM gallery_terminals WHERE sent >= ?').run(d.cursor, putFrom);
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
