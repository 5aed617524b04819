import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DEFAULT_HALL_TIME_ZONE, hallDayKey } from '../../../common/time/hall-clock';
import { openDurableDatabase } from '../../../base/durable-database';

export const FORMS_DB_FILE = 'forms.db';
/** What the receipt's CODE128 and the citizen can carry (devices/printer/layouts/receipt.ts). */
const MAX_LENGTH = 40;
/** A service code shown as itself in a number: no separator, nothing the receipt cannot print. */
const PLAIN_SERVICE = /^[A-Za-z0-9]{1,16}$/;
/** Printable ASCII: what the receipt's CODE128 (code set B) encodes. */
const PRINTABLE = /^[\x20-\x7e]+$/;

/** `20261121`: the hall's day on the hall clock, as receipts print their time. */
export function hallDay(epochMs: number, timeZone = DEFAULT_HALL_TIME_ZONE): string {
  return hallDayKey(epochMs, timeZone).replaceAll('-', '');
}

/** `#3F2A9C1B`: stands for a part that cannot be shown as itself; `#` is in no code or terminal id. */
const digest = (text: string) => `#${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 8).toUpperCase()}`;

/**
 * `R1-T-0001-20261121-0007`: service, terminal, hall day, a sequence per service and day.
 * Read unambiguously: the service part never holds a `-` (a code that is not plain letters and
 * digits, e.g. `户籍` or `R1-T`, is shown as a `#` digest), the day and the sequence are the last
 * two parts, and the terminal id (A-Z a-z 0-9 . _ -) is what lies between. A terminal id too long
 * for the receipt is shown as its digest, and, only for a 16-character code with a sequence past
 * 9999, the service too. The result is always 1-40 printable ASCII characters (the receipt's rule):
 * `numberFor` is made before a sequence is taken, so a number that cannot print is never issued.
 */
export function submissionNumberFormat(serviceCode: string, terminalId: string, day: string): (seq: number) => string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`hall day "${day}" is not YYYYMMDD`);
  if (!PRINTABLE.test(terminalId) || terminalId.includes('#')) throw new RangeError('terminal id is not printable ASCII without #');
  const service = PLAIN_SERVICE.test(serviceCode) ? serviceCode : digest(serviceCode);
  return (seq) => {
    if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`submission sequence ${seq} is not a positive integer`);
    const tail = `${day}-${String(seq).padStart(4, '0')}`;
    const candidates = [`${service}-${terminalId}-${tail}`, `${service}-${digest(terminalId)}-${tail}`, `${digest(serviceCode)}-${digest(terminalId)}-${tail}`];
    const fitting = candidates.find((n) => n.length <= MAX_LENGTH);
    if (!fitting) throw new RangeError(`submission sequence ${seq} does not fit a ${MAX_LENGTH}-character number`);
    return fitting;
  };
}

export function formatSubmissionNumber(serviceCode: string, terminalId: string, day: string, seq: number): string {
  return submissionNumberFormat(serviceCode, terminalId, day)(seq);
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
    const file = path.join(dataDir, FORMS_DB_FILE);
    this.db = openDurableDatabase(file);
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
