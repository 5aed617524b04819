import type { Logger } from 'pino';
import { heartbeatAnswerSchema, type HubCommandAnswer } from '../common/hub-protocol/answers';
import type { HeartbeatRequestBody } from '../common/hub-protocol/requests';
import type { Clock } from '../base/clock';
import type { HubResponse } from './hub-client';
import { readHubAnswer } from './hub-answers';
import type { Outbox } from './outbox';
import type { HubPuller } from './hub-pulls';
import { describeFailure } from './retry-policy';
import { systemTimers, type Timers } from '../base/timers';

export type HubCommand = HubCommandAnswer;

export interface HeartbeatStatus {
  lastOkAt: string | null;
  lastError: string | null;
  /** serverTime − local time at the last answer. */
  clockSkewMs: number | null;
}

export interface HeartbeatOptions {
  client: { readonly terminalId: string; post(relativePath: string, body: unknown): Promise<HubResponse> };
  outbox: Outbox;
  puller: HubPuller;
  intervalMs: number;
  appVersion: string;
  /** Device states as the heartbeat reports them (`{ printer: { state: 'ready' } }`). */
  devices?: () => Record<string, unknown>;
  /** Called after every answered heartbeat: the hub is reachable (sync now, renew leases). */
  onReachable?: () => void;
  /** Extra work for purge-subject (the face gallery lives elsewhere). */
  onPurgeSubject?: (subject: string) => void | Promise<void>;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
}

/**
 * POST v1/heartbeat on a timer: reports health, queue and versions (and a refused pushed
 * configuration), and carries out the commands the hub returns, each once by id.
 */
export class HeartbeatService {
  private readonly o: HeartbeatOptions;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly startedAt: number;
  private timer: unknown = null;
  private running = false;
  private current: Promise<boolean> | null = null;
  private state: { lastOkAt: number | null; lastError: string | null; skew: number | null } = { lastOkAt: null, lastError: null, skew: null };

  constructor(options: HeartbeatOptions) {
    this.o = options;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.timers = options.timers ?? systemTimers;
    this.startedAt = this.clock.now();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops the timer and waits for a heartbeat in progress (and the commands it runs). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.current?.catch(() => undefined);
  }

  status(): HeartbeatStatus {
    return {
      lastOkAt: this.state.lastOkAt === null ? null : new Date(this.state.lastOkAt).toISOString(),
      lastError: this.state.lastError,
      clockSkewMs: this.state.skew,
    };
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.current = this.beat()
        .catch((err: unknown) => {
          this.state.lastError = `local error: ${(err as Error).message}`;
          this.o.logger?.error({ err }, 'heartbeat failed');
          return false;
        })
        .finally(() => {
          this.current = null;
          this.schedule(this.o.intervalMs);
        });
    }, ms);
  }

  /** Sends one heartbeat and runs the commands it brings back; true when the hub answered. */
  async beat(): Promise<boolean> {
    const stats = this.o.outbox.stats();
    const refusal = this.o.puller.configRefusal();
    const body = {
      terminalId: this.o.client.terminalId,
      version: this.o.appVersion,
      uptimeS: Math.floor((this.clock.now() - this.startedAt) / 1000),
      devices: this.o.devices?.() ?? {},
      outbox: { pending: stats.pending + stats.inFlight, oldestAgeS: stats.oldestPendingAgeS, dead: stats.dead },
      configVersion: this.o.puller.configVersion(),
      catalogVersion: this.o.puller.catalogVersion(),
      ...(refusal ? { configRefused: refusal } : {}),
    } satisfies HeartbeatRequestBody;
    // A malformed answer counts as no answer: no commands run, the hub is not reported reachable.
    const r = readHubAnswer(await this.o.client.post('v1/heartbeat', body), heartbeatAnswerSchema, 'POST v1/heartbeat', this.o.logger);
    if (r.kind !== 'answer') {
      this.state.lastError = describeFailure(r);
      if (r.kind === 'unauthorized' && r.skewMs !== null) this.state.skew = r.skewMs;
      return false;
    }
    this.state.lastOkAt = this.clock.now();
    this.state.lastError = null;
    this.state.skew = r.value.serverTime - this.clock.now();
    this.o.onReachable?.();
    for (const c of r.value.commands) await this.execute(c);
    return true;
  }

  private async execute(command: HubCommand): Promise<void> {
    const db = this.o.outbox.db;
    if (db.prepare('SELECT 1 FROM executed_commands WHERE id = ?').get(command.id)) return;
    try {
      switch (command.type) {
        case 'reload-config':
          await this.o.puller.pullConfig(true);
          break;
        case 'reload-catalog':
          await this.o.puller.pullCatalog(true);
          break;
        case 'purge-subject': {
          const subject = command.args.subject;
          if (typeof subject !== 'string' || !subject) {
            this.o.logger?.warn({ id: command.id }, 'purge-subject without a subject; ignored');
            break;
          }
          const removed = this.o.outbox.purgeSubject(subject);
          await this.o.onPurgeSubject?.(subject);
          this.o.logger?.info({ id: command.id, removed }, 'purged a subject on the hub request');
          break;
        }
        default:
          this.o.logger?.warn({ id: command.id, type: command.type }, 'unknown hub command ignored');
      }
      db.prepare('INSERT OR IGNORE INTO executed_commands (id, executed_at) VALUES (?, ?)').run(command.id, this.clock.now());
    } catch (err) {
      this.o.logger?.error({ err, id: command.id, type: command.type }, 'hub command failed; it will run again if redelivered');
    }
  }
}
