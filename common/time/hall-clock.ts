/**
 * The hall clock: every date and time the terminal shows, prints or records is the hall's wall
 * clock in one IANA time zone (`terminal.timeZone`, default Asia/Shanghai), never the operating
 * system's zone, so the screen, the slips and the hub agree whatever TZ the machine has.
 * Built on Intl only (docs/time.md).
 */

export const DEFAULT_HALL_TIME_ZONE = 'Asia/Shanghai';

/** The hall's wall clock at an instant, as numbers (month 1–12, hour 0–23). */
export interface HallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Formatters are costly to build: one per zone (parts) and per locale, zone and style (display).
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** True for a time zone name Intl knows (`Asia/Shanghai`, `UTC`), false for anything else. */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '' || name !== name.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  // Without a zone Intl would use the machine's: exactly what the hall clock is for avoiding.
  if (typeof timeZone !== 'string') throw new TypeError('the hall clock needs a time zone');
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

const toMs = (at: number | Date): number => {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('not a valid instant');
  return ms;
};

export function hallParts(at: number | Date, timeZone: string): HallParts {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(toMs(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The hall day of an instant: `2026-12-06`. */
export function hallDayKey(at: number | Date, timeZone: string): string {
  const p = hallParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2026-12-06 09:05`, as slips print it. */
export function hallDateTime(at: number | Date, timeZone: string): string {
  const p = hallParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2026-12-06 09:05:07`: an instant to the second on the hall's clock, as technicians read log and device times. */
export function hallTimestamp(at: number | Date, timeZone: string): string {
  const p = hallParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `09:05`, as the screen's clock shows it. */
export function hallTime(at: number | Date, timeZone: string): string {
  const p = hallParts(at, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const p = hallParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The first instant of a hall day given as `YYYY-MM-DD` (00:00 on the hall's wall clock). */
export function hallDayStart(dayKey: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dayKey);
  if (!m) throw new RangeError(`not a day key: ${dayKey}`);
  const wallMidnight = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // The offset at midnight may differ from the offset a guess lands on across a DST change: check once more.
  const guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  return wallMidnight - offsetAt(guess, timeZone);
}

/** The first instant of the hall day after the one `at` falls in. */
export function nextHallDayStart(at: number | Date, timeZone: string): number {
  const p = hallParts(at, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return hallDayStart(next.toISOString().slice(0, 10), timeZone);
}

/** Locale display in the hall's zone (24-hour clock), e.g. the screen's long date. */
export function formatInHall(at: number | Date, timeZone: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  if (typeof timeZone !== 'string') throw new TypeError('the hall clock needs a time zone');
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone, ...(options.hour !== undefined ? { hourCycle: 'h23' as const } : {}) });
    displayFormatters.set(key, f);
  }
  return f.format(toMs(at));
}
