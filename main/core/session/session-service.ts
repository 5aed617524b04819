import { randomUUID } from 'node:crypto';
import type { EventBus } from '../rpc/event-bus';
import type { Logger } from '../../logging/logger';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { ParsedInput } from '../rpc/parsed-input';

/**
 * Why a session ended. `expired`: the core's own idle limit (no renderer asked); `renderer`: the
 * renderer that showed the session went away (closed, crashed, reloaded or replaced).
 */
export type ResetReason = 'idle' | 'done' | 'citizen' | 'staff' | 'expired' | 'renderer';
export type SessionResetHook = (reason: ResetReason) => void;

/** The time source of the session's idle limit (tests pass a manual one). */
export interface SessionTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SessionTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SessionLimits {
  /** The configured idle time plus the countdown, for the mode the citizen is in. */
  idleLimitMs(elder: boolean): number;
  /** The mode a session starts in (ui.elderModeDefault), until the renderer reports another. */
  elderModeDefault(): boolean;
}

export interface SessionServiceDeps {
  events: EventBus;
  logger: Logger;
  /** Without limits the core never ends a session by itself. */
  limits?: SessionLimits;
  timers?: SessionTimers;
}

/**
 * Added to the idle limit so that the core never ends a session before the renderer's own
 * countdown does: the renderer checks its countdown every 250 ms and its last touch reaches the
 * core a little after it happened (use-idle-timer.ts reports the last touch of a burst too).
 * The core's limit is a backstop for a renderer that is gone, not a second countdown to race.
 */
export const SESSION_GRACE_MS = 1000;

/**
 * The citizen's session. A reset ends it: every service that holds something of the citizen
 * (identity, form, face frames) registers a hook that forgets it, and the renderers are told.
 *
 * The core does not rely on the renderer to end a session: once something of a citizen is held
 * (`touch()`), the session ends by itself when no activity came for the idle limit, whether or
 * not any renderer is there to count.
 */
export class SessionService {
  private _sessionId = randomUUID();
  private readonly hooks: SessionResetHook[] = [];
  private lastActivity = 0;
  private inUse = false;
  /** The mode the renderer last reported this session; null: the configured default. */
  private elder: boolean | null = null;
  private timer: unknown = null;

  private readonly events: EventBus;
  private readonly logger: Logger;
  private readonly limits: SessionLimits | null;
  private readonly timers: SessionTimers;

  constructor(deps: SessionServiceDeps) {
    this.events = deps.events;
    this.logger = deps.logger;
    this.limits = deps.limits ?? null;
    this.timers = deps.timers ?? realTimers;
  }

  get sessionId(): string {
    return this._sessionId;
  }

  /** True from the first activity of a citizen until the session is reset. */
  get active(): boolean {
    return this.inUse;
  }

  onReset(hook: SessionResetHook): void {
    this.hooks.push(hook);
  }

  /**
   * Counts citizen activity (a touch reported by the renderer, a card read, a face identified) and
   * starts the core's idle limit if it was not running. `elder` is the mode the screen is in
   * (长辈版 has its own idle time); omitted, the last reported mode stays (at first the
   * configured ui.elderModeDefault, as the screen starts in it).
   */
  touch(elder?: boolean): void {
    if (elder !== undefined) this.elder = elder;
    this.lastActivity = this.timers.now();
    this.inUse = true;
    if (this.timer === null) this.arm();
  }

  /** A citizen touched the screen or switched 长辈版 (session.activity). */
  reportActivity({ elder }: ParsedInput<'session.activity'>): RpcOutput<'session.activity'> {
    this.touch(elder);
    return { sessionId: this.sessionId };
  }

  /** The screen ends the session (session.reset). */
  resetByScreen({ reason }: ParsedInput<'session.reset'>): RpcOutput<'session.reset'> {
    return { sessionId: this.reset(reason) };
  }

  reset(reason: ResetReason): string {
    this.disarm();
    this.inUse = false;
    this.elder = null;
    for (const hook of this.hooks) {
      try {
        hook(reason);
      } catch (err) {
        this.logger.error({ err, reason }, 'session reset hook failed');
      }
    }
    this._sessionId = randomUUID();
    this.logger.info({ reason, sessionId: this._sessionId }, 'session reset');
    this.events.publish('session.reset', { sessionId: this._sessionId, reason });
    return this._sessionId;
  }

  /** Stops the idle limit (core shutdown); the session itself is left as it is. */
  dispose(): void {
    this.disarm();
  }

  private arm(): void {
    const limits = this.limits;
    if (!limits) return;
    const deadline = () => this.lastActivity + limits.idleLimitMs(this.elder ?? limits.elderModeDefault()) + SESSION_GRACE_MS;
    const wait = Math.max(0, deadline() - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.inUse) return;
      if (this.timers.now() >= deadline()) this.reset('expired');
      else this.arm();
    }, wait);
  }

  private disarm(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
