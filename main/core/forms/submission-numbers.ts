import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../../devices/printer/layouts/format';

export const FORMS_DB_FILE = 'forms.db';
/** What the receipt's CODE128 and the citizen can carry (devices/printer/layouts/receipt.ts). */
const MAX_LENGTH = 40;

/** `20261121`: the hall's day, at the UTC offset receipts print their time in. */
export function hallDay(epochMs: number, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  return new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * `R1-T-0001-20261121-0007`: service, terminal, day, a sequence per service and day. Unique per
 * terminal by the sequence and across terminals by the terminal id; a terminal id too long for
 * the receipt is replaced by a short digest of it (still distinct per terminal).
 */
export function formatSubmissionNumber(serviceCode: string, terminalId: string, day: string, seq: number): string {
  const tail = `${day}-${String(seq).padStart(4, '0')}`;
  const plain = `${serviceCode}-${terminalId}-${tail}`;
  if (plain.length <= MAX_LENGTH) return plain;
  const digest = createHash('sha256').update(terminalId).digest('hex').slice(0, 8).toUpperCase();
  return `${serviceCode}-${digest}-${tail}`;
}

/**
 * The terminal's submission counters (forms.db): one per service and day, never reused. A number
 * is taken only for a submission that passed validation; a failure after taking it leaves a gap,
 * never a duplicate.
 */
export class SubmissionNumbers {
  private readonly db: Database.Database;
  private readonly next: Database.Statement<[string, string]>;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, FORMS_DB_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS submission_sequence (
      service_code TEXT NOT NULL,
      day TEXT NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (service_code, day)
    )`);
    this.next = this.db.prepare(
      `INSERT INTO submission_sequence (service_code, day, last) VALUES (?, ?, 1)
       ON CONFLICT (service_code, day) DO UPDATE SET last = last + 1 RETURNING last`,
    );
  }

  take(serviceCode: string, day: string): number {
    return (this.next.get(serviceCode, day) as { last: number }).last;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
