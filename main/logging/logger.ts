import pino, { type Logger, type DestinationStream } from 'pino';
import { maskPersonalText, redactPersonalData } from '../../common/privacy/mask';
import { defaultConfig } from '../../common/config/schema';
import { DailyLogFile } from './daily-log-file';

export type { Logger } from 'pino';

/** pino takes `msg` from an Error's message: hand it a copy with personal data masked. */
function maskedError(err: Error): Error {
  const copy = new Error(maskPersonalText(err.message));
  copy.name = err.name;
  copy.stack = err.stack ? maskPersonalText(err.stack) : undefined;
  return copy;
}

/** The last N log lines, already redacted, for the technician screen and diagnostics bundles. */
export class RecentLogLines implements DestinationStream {
  private readonly lines: string[] = [];
  constructor(private readonly capacity = 500) {}
  write(line: string): void {
    this.lines.push(line.trimEnd());
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }
  recent(limit = this.capacity): string[] {
    return this.lines.slice(-limit);
  }
}

export interface LoggerOptions {
  level?: pino.LevelWithSilent;
  /** Directory for kiosk.log (today's) and kiosk-YYYY-MM-DD.log (earlier hall days); omitted: no file. */
  logDir?: string;
  /** Hall days of log files kept, today's included (`retention.logDays`); read at start and at each day's rotation. Omitted: the configuration's default. */
  logDays?: number | (() => number);
  /** Epoch milliseconds for record times and the day's rotation; injected by tests. */
  clock?: () => number;
  /** Extra destination (tests capture output here). */
  destination?: DestinationStream;
  recent?: RecentLogLines;
  /** Also write to stdout (web shell, CLI core run). */
  stdout?: boolean;
}

/** The kiosk's logger: pino's, and the owner's way to close its log file when the kiosk stops. */
export type KioskLogger = Logger & {
  /** Closes the log file (no-op without one); lines logged after it still reach the other destinations. */
  closeFile(): void;
};

/**
 * Structured logger whose every record passes through the personal-data redaction:
 * names, ID numbers, addresses, phones are masked wherever they appear (as fields or inside
 * messages); templates, photos, secrets and PINs are removed.
 */
export function createLogger(options: LoggerOptions = {}): KioskLogger {
  const clock = options.clock ?? Date.now;
  const streams: pino.StreamEntry[] = [];
  let file: DailyLogFile | undefined;
  if (options.logDir) {
    const logDays = options.logDays ?? defaultConfig().retention.logDays;
    file = new DailyLogFile({ dir: options.logDir, clock, retentionDays: typeof logDays === 'number' ? () => logDays : logDays });
    streams.push({ stream: file });
  }
  if (options.destination) streams.push({ stream: options.destination });
  if (options.recent) streams.push({ stream: options.recent });
  if (options.stdout) streams.push({ stream: process.stdout });
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: () => `,"time":"${new Date(clock()).toISOString()}"`,
      formatters: {
        log: (obj) => redactPersonalData(obj) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a instanceof Error ? maskedError(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    streams.length > 0 ? pino.multistream(streams) : pino.destination({ dest: '/dev/null', sync: true }),
  );
  return Object.assign(logger, { closeFile: () => file?.close() });
}

/** A logger that discards everything (unit tests that don't look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
