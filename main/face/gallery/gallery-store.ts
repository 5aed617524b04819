import Database from 'better-sqlite3';
import { preparePrivateDatabase, tightenDatabaseFiles } from '../../../base/private-files';
import { open, seal } from '../../../base/sealed-box';
import type { KeyProvider } from '../../../base/key-provider';
import { bytesToTemplate, templateToBytes } from '../../../common/face/template-bytes';
import { ProcessingRecordTable } from './processing-records';

export type TemplateOrigin = 'local' | 'hall';
export type ConsentKind = 'store' | 'share';

export interface StoredTemplate {
  subject: string;
  template: Float32Array;
  origin: TemplateOrigin;
  createdAt: number;
  lastUsedAt: number;
}

export interface TemplateInfo {
  origin: TemplateOrigin;
  createdAt: number;
  lastUsedAt: number;
  /** When a use of it was last recorded for the hub (a `used` processing record); null if never. */
  useReportedAt: number | null;
}

export interface ConsentRecord {
  subject: string;
  kind: ConsentKind;
  textVersion: string;
  grantedAt: number;
}

export const FACE_DB_FILE = 'face.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS templates (
  subject TEXT PRIMARY KEY,
  sealed BLOB NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('local', 'hall')),
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS templates_last_used ON templates (last_used_at);
CREATE TABLE IF NOT EXISTS consents (
  subject TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('store', 'share')),
  text_version TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (subject, kind)
);
CREATE TABLE IF NOT EXISTS sync_state (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tombstones (
  subject TEXT PRIMARY KEY,
  deleted_at INTEGER NOT NULL
);
`;

/**
 * The face gallery's own SQLite file (apart from identity data). Templates are sealed with the
 * terminal's data key (AES-256-GCM, the subject id as associated data): the file holds no
 * template in clear. No image is ever stored. The processing records (`records`) share the file
 * and the connection, so that each is written in the transaction of what it records.
 * A template deleted or replaced leaves no copy behind: secure_delete zeroes its pages in the
 * file, and the WAL, which keeps page images until a checkpoint, is checkpointed (TRUNCATE) as
 * soon as the write is committed.
 */
export class GalleryStore {
  private readonly db: Database.Database;
  readonly records: ProcessingRecordTable;
  /** A template was deleted or replaced since the last checkpoint. */
  private erased = false;

  constructor(
    readonly file: string,
    private readonly keys: KeyProvider,
  ) {
    preparePrivateDatabase(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    tightenDatabaseFiles(file);
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    const columns = this.db.prepare('PRAGMA table_info(templates)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'use_reported_at')) this.db.exec('ALTER TABLE templates ADD COLUMN use_reported_at INTEGER');
    this.records = new ProcessingRecordTable(this.db);
  }

  /** After a committed write that deleted or replaced a template: its page images leave the WAL. */
  private checkpointIfErased(): void {
    if (!this.erased || this.db.inTransaction) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.erased = false;
  }

  close(): void {
    this.db.close();
  }

  private context(subject: string): string {
    return `face-template:${subject}`;
  }

  putTemplate(entry: { subject: string; template: Float32Array; origin: TemplateOrigin; now: number }): void {
    const sealed = seal(this.keys.getKey(), templateToBytes(entry.template), this.context(entry.subject));
    if (this.db.prepare('SELECT 1 FROM templates WHERE subject = ?').get(entry.subject) !== undefined) this.erased = true;
    this.db
      .prepare(
        `INSERT INTO templates (subject, sealed, origin, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(subject) DO UPDATE SET sealed = excluded.sealed, origin = excluded.origin, last_used_at = excluded.last_used_at`,
      )
      .run(entry.subject, sealed, entry.origin, entry.now, entry.now);
    this.checkpointIfErased();
  }

  /** Every template, opened (startup: builds the in-memory index). */
  allTemplates(): StoredTemplate[] {
    const rows = this.db.prepare('SELECT subject, sealed, origin, created_at, last_used_at FROM templates').all() as Array<{
      subject: string;
      sealed: Buffer;
      origin: TemplateOrigin;
      created_at: number;
      last_used_at: number;
    }>;
    return rows.map((r) => ({
      subject: r.subject,
      template: bytesToTemplate(open(this.keys.getKey(), r.sealed, this.context(r.subject))),
      origin: r.origin,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  templateInfo(subject: string): TemplateInfo | null {
    const row = this.db.prepare('SELECT origin, created_at, last_used_at, use_reported_at FROM templates WHERE subject = ?').get(subject) as
      { origin: TemplateOrigin; created_at: number; last_used_at: number; use_reported_at: number | null } | undefined;
    return row ? { origin: row.origin, createdAt: row.created_at, lastUsedAt: row.last_used_at, useReportedAt: row.use_reported_at } : null;
  }

  touch(subject: string, now: number): void {
    this.db.prepare('UPDATE templates SET last_used_at = ? WHERE subject = ?').run(now, subject);
  }

  markUseReported(subject: string, at: number): void {
    this.db.prepare('UPDATE templates SET use_reported_at = ? WHERE subject = ?').run(at, subject);
  }

  /** Removes the template and the consents; true when there was a template. */
  deleteSubject(subject: string): boolean {
    const removed = this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM templates WHERE subject = ?').run(subject).changes > 0;
      this.db.prepare('DELETE FROM consents WHERE subject = ?').run(subject);
      return removed;
    })();
    if (removed) {
      this.erased = true;
      this.checkpointIfErased();
    }
    return removed;
  }

  /** Notes that the subject's binding was deleted at `at` (kept for the retention period; see FaceGallery). */
  addTombstone(subject: string, at: number): void {
    this.db
      .prepare(
        'INSERT INTO tombstones (subject, deleted_at) VALUES (?, ?) ON CONFLICT(subject) DO UPDATE SET deleted_at = MAX(deleted_at, excluded.deleted_at)',
      )
      .run(subject, at);
  }

  /** When the subject's binding was last deleted here; null when no tombstone is kept. */
  tombstoneOf(subject: string): number | null {
    const row = this.db.prepare('SELECT deleted_at FROM tombstones WHERE subject = ?').get(subject) as { deleted_at: number } | undefined;
    return row?.deleted_at ?? null;
  }

  /** Forgets tombstones older than `cutoff`; returns how many. */
  purgeTombstonesBefore(cutoff: number): number {
    return this.db.prepare('DELETE FROM tombstones WHERE deleted_at < ?').run(cutoff).changes;
  }

  /** Every subject with a template here, and where its template came from. */
  templateSubjects(): Array<{ subject: string; origin: TemplateOrigin }> {
    return this.db.prepare('SELECT subject, origin FROM templates ORDER BY subject').all() as Array<{ subject: string; origin: TemplateOrigin }>;
  }

  templateCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM templates').get() as { n: number }).n;
  }

  subjectsUnusedSince(cutoff: number): string[] {
    return (this.db.prepare('SELECT subject FROM templates WHERE last_used_at < ?').all(cutoff) as Array<{ subject: string }>).map((r) => r.subject);
  }

  recordConsent(consent: ConsentRecord): void {
    this.db
      .prepare(
        `INSERT INTO consents (subject, kind, text_version, granted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(subject, kind) DO UPDATE SET text_version = excluded.text_version, granted_at = excluded.granted_at`,
      )
      .run(consent.subject, consent.kind, consent.textVersion, consent.grantedAt);
  }

  consentsOf(subject: string): ConsentRecord[] {
    return (
      this.db.prepare('SELECT subject, kind, text_version, granted_at FROM consents WHERE subject = ? ORDER BY kind').all(subject) as Array<{
        subject: string;
        kind: ConsentKind;
        text_version: string;
        granted_at: number;
      }>
    ).map((r) => ({ subject: r.subject, kind: r.kind, textVersion: r.text_version, grantedAt: r.granted_at }));
  }

  getSyncState(name: string): string | null {
    const row = this.db.prepare('SELECT value FROM sync_state WHERE name = ?').get(name) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setSyncState(name: string, value: string): void {
    this.db.prepare('INSERT INTO sync_state (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
  }

  deleteSyncState(name: string): void {
    this.db.prepare('DELETE FROM sync_state WHERE name = ?').run(name);
  }

  /** Runs several writes atomically (nested: part of the outer one); a deleted template leaves the WAL once the outermost commits. */
  transaction<T>(fn: () => T): T {
    const result = this.db.transaction(fn)();
    this.checkpointIfErased();
    return result;
  }
}
