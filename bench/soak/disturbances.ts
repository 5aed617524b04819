// What goes wrong in a hall while the soak runs: the hub goes away (its HTTP server really stops,
// the port refuses connections) and comes back on the same port and data, and the ticket printer
// runs out of paper until someone refills it. Both on a seeded schedule; every period is recorded,
// so that a refusal can be judged expected (it overlapped the disturbance) or not.
import { startEmbeddedHub } from '../../main/host/embedded-hub';
import type { ReferenceHub } from '../../hub/reference-hub';
import type { VirtualPrinter } from '../../devices/emulators/virtual-printer/virtual-printer';

/** Seconds, drawn uniformly from [min, max]. */
export interface Span {
  min: number;
  max: number;
}

export function parseSpan(text: string, what: string): Span {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(text);
  if (!m) throw new Error(`${what} must be seconds, as N or MIN-MAX (got "${text}")`);
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : Number(m[2]);
  if (max < min) throw new Error(`${what}: ${max} is less than ${min}`);
  return { min, max };
}

const draw = (span: Span, rng: () => number) => (span.min + (span.max - span.min) * rng()) * 1000;

/** Periods [from, to] in performance.now() time; `to` null while one is under way. */
class Periods {
  private readonly list: { from: number; to: number | null }[] = [];

  begin(): void {
    this.list.push({ from: performance.now(), to: null });
  }

  end(): void {
    const last = this.list.at(-1);
    if (last && last.to === null) last.to = performance.now();
  }

  get count(): number {
    return this.list.length;
  }

  get totalMs(): number {
    return this.list.reduce((sum, p) => sum + ((p.to ?? performance.now()) - p.from), 0);
  }

  /** Whether any period overlaps [t0, t1]. */
  overlaps(t0: number, t1: number): boolean {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const p = this.list[i]!;
      if ((p.to ?? Infinity) < t0) return false;
      if (p.from <= t1) return true;
    }
    return false;
  }
}

/** Runs `step` after a drawn pause, again and again, until stopped; waits for a running step on stop. */
class Schedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly every: Span,
    private readonly rng: () => number,
    private readonly step: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(firstAfterMs: number): void {
    this.arm(firstAfterMs);
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.step()
        .catch(this.onError)
        .finally(() => {
          this.running = null;
          this.arm(draw(this.every, this.rng));
        });
    }, ms);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface HubOutageOptions {
  hub: ReferenceHub;
  dataDir: string;
  terminalId: string;
  assetsDir: string;
  every: Span;
  down: Span;
  rng: () => number;
  onError: (err: unknown) => void;
}

/** A disturbance that comes back on a drawn schedule and keeps the periods it lasted. */
abstract class ScheduledDisturbance {
  protected readonly periods = new Periods();
  private readonly schedule: Schedule;

  constructor(every: Span, rng: () => number, onError: (err: unknown) => void) {
    this.schedule = new Schedule(every, rng, () => this.occur(), onError);
  }

  protected abstract occur(): Promise<void>;

  get count(): number {
    return this.periods.count;
  }

  overlaps(t0: number, t1: number): boolean {
    return this.periods.overlaps(t0, t1);
  }

  start(firstAfterMs: number): void {
    this.schedule.start(firstAfterMs);
  }

  /** Stops the schedule; whatever it disturbed is left as it is now. */
  async stop(): Promise<void> {
    await this.schedule.stop();
  }
}

/**
 * The embedded hub stopped (server closed, connections cut, database closed) and started again
 * on the same port and data directory, as when the hall's hub server restarts.
 */
export class HubOutages extends ScheduledDisturbance {
  private current: ReferenceHub;
  private restartsAfterRetry = 0;

  constructor(private readonly o: HubOutageOptions) {
    super(o.every, o.rng, o.onError);
    this.current = o.hub;
  }

  /** The hub running now (a new object after each restart). */
  get hub(): ReferenceHub {
    return this.current;
  }

  get totalDownMs(): number {
    return this.periods.totalMs;
  }

  /** Starts that had to wait for the port to be free again. */
  get portRetries(): number {
    return this.restartsAfterRetry;
  }

  protected async occur(): Promise<void> {
    const downMs = draw(this.o.down, this.o.rng);
    this.periods.begin();
    try {
      await this.current.stop();
      await pause(downMs);
      this.current = await this.restart();
    } finally {
      this.periods.end();
    }
  }

  private async restart(): Promise<ReferenceHub> {
    const port = this.current.port;
    for (let attempt = 1; ; attempt++) {
      try {
        const started = await startEmbeddedHub({ dataDir: this.o.dataDir, terminalId: this.o.terminalId, assetsDir: this.o.assetsDir, port });
        if (attempt > 1) this.restartsAfterRetry++;
        return started.hub;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 40) throw err;
        await pause(250);
      }
    }
  }
}

/** The virtual printer's paper runs out, and is refilled after a while. */
export class PaperOuts extends ScheduledDisturbance {
  constructor(
    private readonly printer: VirtualPrinter,
    private readonly o: { every: Span; out: Span; rng: () => number; onError: (err: unknown) => void },
  ) {
    super(o.every, o.rng, o.onError);
  }

  get totalMs(): number {
    return this.periods.totalMs;
  }

  protected async occur(): Promise<void> {
    this.periods.begin();
    this.printer.setStatus('paper-end');
    try {
      await pause(draw(this.o.out, this.o.rng));
    } finally {
      this.printer.setStatus('ok');
      this.periods.end();
    }
  }
}
