import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ProcessingDetail, ProcessingEvent, ProcessingRecordPayload } from '../../../common/hub-protocol/processing-record';

/** One processing record as the terminal keeps it (docs/privacy.md, "Processing records"). */
export interface ProcessingRecord {
  id: string;
  event: ProcessingEvent;
  at: number;
  terminalId: string;
  subject: string;
  detail: ProcessingDetail;
  /** When it was handed to the outbox for the hub; null while it is still to be sent. */
  queuedAt: number | null;
}

export type NewProcessingRecord = Pick<ProcessingRecord, 'event' | 'subject' | 'detail'>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS processing_records (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  event TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL,
  queued_at INTEGER
);
CREATE INDEX IF NOT EXISTS processing_records_at ON processing_records (at);
CREATE INDEX IF NOT EXISTS processing_records_unqueued ON processing_records (at) WHERE queued_at IS NULL;
`;

interface Row {
  id: string;
  at: number;
  event: ProcessingEvent;
  terminal_id: string;
  subject: string;
  detail: string;
  queued_at: number | null;
}

const fromRow = (r: Row): ProcessingRecord => ({
  id: r.id,
  event: r.event,
  at: r.at,
  terminalId: r.terminal_id,
  subject: r.subject,
  detail: JSON.parse(r.detail) as ProcessingDetail,
  queuedAt: r.queued_at,
});

/** The wire form of a record: the payload of the outbox kind `face.processing-record`. */
export function processingRecordPayload(r: ProcessingRecord): ProcessingRecordPayload {
  return { id: r.id, event: r.event, at: new Date(r.at).toISOString(), terminalId: r.terminalId, subject: r.subject, detail: r.detail };
}

/**
 * The processing records in face.db, a table of their own: deleting a binding (its template and
 * consents) leaves them, and they go only after their own retention. On the gallery's connection,
 * so that a record is written in the same transaction as what it records.
 */
export class ProcessingRecordTable {
  private readonly stmts;

  constructor(db: Database.Database) {
    db.exec(SCHEMA);
    this.stmts = {
      insert: db.prepare('INSERT INTO processing_records (id, at, event, terminal_id, subject, detail) VALUES (?, ?, ?, ?, ?, ?)'),
      unqueued: db.prepare('SELECT * FROM processing_records WHERE queued_at IS NULL ORDER BY at, rowid LIMIT ?'),
      markQueued: db.prepare('UPDATE processing_records SET queued_at = ? WHERE id = ?'),
      ofSubject: db.prepare('SELECT * FROM processing_records WHERE subject = ? ORDER BY at, rowid'),
      all: db.prepare('SELECT * FROM processing_records ORDER BY at, rowid'),
      purgeBefore: db.prepare('DELETE FROM processing_records WHERE at < ?'),
    };
  }

  add(record: NewProcessingRecord & { at: number; terminalId: string }): ProcessingRecord {
    const id = randomUUID();
    this.stmts.insert.run(id, record.at, record.event, record.terminalId, record.subject, JSON.stringify(record.detail));
    return { id, ...record, queuedAt: null };
  }

  /** Records not yet handed to the outbox, oldest first. */
  unqueued(limit: number): ProcessingRecord[] {
    return (this.stmts.unqueued.all(limit) as Row[]).map(fromRow);
  }

  markQueued(id: string, at: number): void {
    this.stmts.markQueued.run(at, id);
  }

  ofSubject(subject: string): ProcessingRecord[] {
    return (this.stmts.ofSubject.all(subject) as Row[]).map(fromRow);
  }

  all(): ProcessingRecord[] {
    return (this.stmts.all.all() as Row[]).map(fromRow);
  }

  /** Deletes records made before `cutoff` (their retention is over); returns how many. */
  purgeBefore(cutoff: number): number {
    return this.stmts.purgeBefore.run(cutoff).changes;
  }
}
