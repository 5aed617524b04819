import { closeSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_HALL_TIME_ZONE, hallDayKey, hallDayStart, nextHallDayStart } from '../../common/time/hall-clock';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenPath } from '../../base/private-files';

const DAY_MS = 86_400_000;
/** After a failed open, the next line tries again once this much later (not on every line). */
export const REOPEN_INTERVAL_MS = 1_000;

/** `2026-11-21`: the hall's calendar day at `ms`, on the hall clock (common/time/hall-clock.ts). */
export function hallLogDay(ms: number, timeZone = DEFAULT_HALL_TIME_ZONE): string {
  return hallDayKey(ms, timeZone);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface DailyLogFileOptions {
  dir: string;
  /** `kiosk`: today's file is kiosk.log, an earlier day's kiosk-YYYY-MM-DD.log. */
  baseName?: string;
  /** Epoch milliseconds; injected by tests. */
  clock?: () => number;
  /** How many hall days of logs to keep, today's included (`retention.logDays`); read at start and at each rotation. */
  retentionDays?: () => number;
  /** The hall clock's zone the days are counted in; absent: the default hall zone. */
  timeZone?: string;
}

/**
 * The kiosk's log file, one per hall day: `kiosk.log` holds today's lines; at the first line of a new
 * day it is renamed `kiosk-YYYY-MM-DD.log` (the day it holds) and a new `kiosk.log` begins. Files of
 * days older than the retention are deleted at start and at each rotation. Files are 0600.
 *
 * Lines are written synchronously: a line lands in the file of the day it was logged on, and the
 * last lines before a crash are on disk for the technician (the kiosk logs a few lines a second).
 */
export class DailyLogFile {
  readonly file: string;
  private readonly baseName: string;
  private readonly clock: () => number;
  private readonly timeZone: string;
  private fd: number | null = null;
  private day = '';
  private dayStartsAt = 0;
  private dayEndsAt = 0;
  private reportedWriteError = false;
  private reportedOpenError = false;
  private lastOpenAttemptAt = 0;
  private closed = false;

  constructor(private readonly options: DailyLogFileOptions) {
    this.baseName = options.baseName ?? 'kiosk';
    this.file = path.join(options.dir, `${this.baseName}.log`);
    this.clock = options.clock ?? Date.now;
    this.timeZone = options.timeZone ?? DEFAULT_HALL_TIME_ZONE;
    ensurePrivateDir(options.dir);
    const now = this.clock();
    // A kiosk.log left by an earlier day (the kiosk was off at midnight) is that day's file.
    if (existsSync(this.file)) {
      const lastWritten = hallLogDay(statSync(this.file).mtimeMs, this.timeZone);
      if (lastWritten !== hallLogDay(now, this.timeZone)) this.archive(lastWritten);
    }
    this.open(now);
    this.purge();
  }

  /** The file an earlier day's lines are kept in: kiosk-2026-11-21.log (kiosk-2026-11-21.1.log if taken, after a clock change). */
  archiveName(day: string): string {
    for (let n = 0; ; n++) {
      const candidate = path.join(this.options.dir, `${this.baseName}-${day}${n ? `.${n}` : ''}.log`);
      if (!existsSync(candidate)) return candidate;
    }
  }

  write(line: string): void {
    if (this.closed) return;
    const now = this.clock();
    if (now >= this.dayEndsAt || now < this.dayStartsAt) this.rotate(now);
    else if (this.fd === null && (now - this.lastOpenAttemptAt >= REOPEN_INTERVAL_MS || now < this.lastOpenAttemptAt)) this.reopen(now);
    if (this.fd === null) return;
    try {
      const bytes = Buffer.from(line, 'utf8');
      for (let written = 0; written < bytes.length;) written += writeSync(this.fd, bytes, written);
    } catch (err) {
      // A full disk must not take the kiosk down with it: the line is dropped, said once on stderr.
      if (!this.reportedWriteError) process.stderr.write(`log file ${this.file}: ${(err as Error).message}\n`);
      this.reportedWriteError = true;
    }
  }

  /** Lines are already on disk (synchronous writes); pino's multistream calls this at flush and end. */
  flushSync(): void {}

  /**
   * Closes the file for good (the kiosk core has stopped): a line logged after this is dropped, and
   * nothing is reopened, rotated or purged, so the data directory can be removed behind it.
   */
  close(): void {
    this.closed = true;
    this.closeFd();
  }

  private closeFd(): void {
    const fd = this.fd;
    this.fd = null;
    if (fd === null) return;
    try {
      closeSync(fd);
    } catch {
      /* already closed: nothing more to release */
    }
  }

  /** Deletes day files of days older than the retention. Returns the files deleted. */
  purge(): string[] {
    const keepDays = this.options.retentionDays?.();
    if (keepDays === undefined || !Number.isFinite(keepDays) || keepDays < 1) return [];
    const today = hallLogDay(this.clock(), this.timeZone);
    const pattern = new RegExp(`^${this.baseName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{4}-\\d{2}-\\d{2})(?:\\.\\d+)?\\.log$`);
    const deleted: string[] = [];
    for (const name of readdirSync(this.options.dir)) {
      const day = pattern.exec(name)?.[1];
      if (day === undefined || daysBetween(day, today) < keepDays) continue;
      try {
        unlinkSync(path.join(this.options.dir, name));
        deleted.push(name);
      } catch {
        /* removed meanwhile, or not ours to remove: tried again at the next rotation */
      }
    }
    return deleted;
  }

  private open(now: number): void {
    this.startDay(now);
    this.lastOpenAttemptAt = now;
    this.fd = openSync(this.file, 'a', PRIVATE_FILE_MODE);
    tightenPath(this.file); // a kiosk.log made 0644 by an older version
    this.reportedOpenError = false;
  }

  /** Opens kiosk.log again after a failed open; a failure is said once until an open succeeds. */
  private reopen(now: number): void {
    try {
      this.open(now);
    } catch (err) {
      if (!this.reportedOpenError) process.stderr.write(`log file ${this.file} not reopened: ${(err as Error).message}; lines are dropped until it opens\n`);
      this.reportedOpenError = true;
    }
  }

  private startDay(now: number): void {
    this.day = hallLogDay(now, this.timeZone);
    this.dayStartsAt = hallDayStart(this.day, this.timeZone);
    this.dayEndsAt = nextHallDayStart(now, this.timeZone);
  }

  private archive(day: string): void {
    renameSync(this.file, this.archiveName(day));
  }

  private rotate(now: number): void {
    const endedDay = this.day;
    this.closeFd();
    try {
      this.archive(endedDay);
    } catch (err) {
      // Gone (a technician removed it) is fine; anything else is said, and the day goes on in kiosk.log.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') process.stderr.write(`log file ${this.file} not rotated: ${(err as Error).message}\n`);
    }
    this.reopen(now);
    try {
      this.purge();
    } catch (err) {
      process.stderr.write(`old log files in ${this.options.dir} not purged: ${(err as Error).message}\n`);
    }
  }
}
