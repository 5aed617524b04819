import type { TFunction } from 'i18next';
import { hallTimestamp } from '../../../../common/time/hall-clock';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One log record as the technician reads it: when, how serious, and what happened in one sentence. */
export interface ReadableLogLine {
  time: string | null;
  level: LogLevel;
  /** The message, with the record's facts after it (`key: value`), an error by its message. */
  message: string;
}

const LEVELS: [number, LogLevel][] = [
  [60, 'fatal'],
  [50, 'error'],
  [40, 'warn'],
  [30, 'info'],
  [20, 'debug'],
  [0, 'trace'],
];

function factText(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'message' in value && typeof (value as { message: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads a line of the kiosk's log (pino's JSON: level, time, msg and facts); a line that is not JSON stays as it is. */
export function readLogLine(line: string): ReadableLogLine {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a record');
    record = parsed as Record<string, unknown>;
  } catch {
    return { time: null, level: 'info', message: line };
  }
  const { level, time, msg, ...facts } = record;
  const levelNumber = typeof level === 'number' ? level : 30;
  const facts_ = Object.entries(facts).map(([key, value]) => `${key}: ${factText(value)}`);
  const message = typeof msg === 'string' ? msg : '';
  return {
    time: typeof time === 'string' ? time : null,
    level: LEVELS.find(([floor]) => levelNumber >= floor)![1],
    message: facts_.length ? `${message} (${facts_.join(', ')})` : message,
  };
}

/** A log record's time on the hall's clock (terminal.timeZone), to the second; the record's own text if it is no time. */
export function logTime(iso: string, timeZone: string): string {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? hallTimestamp(at, timeZone) : iso;
}

/** The line as a sentence in the staff's language: time, level, message. */
export function logSentence(line: ReadableLogLine, timeZone: string, t: TFunction): string {
  return t('techReport.logLine', { time: line.time ? logTime(line.time, timeZone) : '—', level: t(`techReport.levels.${line.level}`), message: line.message });
}
