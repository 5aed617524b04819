import pino, { type Logger, type DestinationStream } from 'pino';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { maskPersonalText, redactPersonalData } from '../../common/privacy/mask';

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
  /** Directory for kiosk.log; omitted: no file. */
  logDir?: string;
  /** Extra destination (tests capture output here). */
  destination?: DestinationStream;
  recent?: RecentLogLines;
  /** Also write to stdout (web shell, CLI core run). */
  stdout?: boolean;
}

/**
 * Structured logger whose every record passes through the personal-data redaction:
 * names, ID numbers, addresses, phones are masked wherever they appear (as fields or inside
 * messages); templates, photos, secrets and PINs are removed.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const streams: pino.StreamEntry[] = [];
  if (options.logDir) {
    mkdirSync(options.logDir, { recursive: true });
    streams.push({ stream: pino.destination({ dest: path.join(options.logDir, 'kiosk.log'), mkdir: true, sync: false }) });
  }
  if (options.destination) streams.push({ stream: options.destination });
  if (options.recent) streams.push({ stream: options.recent });
  if (options.stdout) streams.push({ stream: process.stdout });
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
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
}

/** A logger that discards everything (unit tests that don't look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
