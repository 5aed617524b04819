import { randomUUID } from 'node:crypto';
import type { EventBus } from '../rpc/event-bus';
import type { Logger } from '../../logging/logger';

export type ResetReason = 'idle' | 'done' | 'citizen' | 'staff';
export type SessionResetHook = (reason: ResetReason) => void;

/**
 * The citizen's session. A reset ends it: every service that holds something of the citizen
 * (identity, form, face frames) registers a hook that forgets it, and the renderers are told.
 */
export class SessionService {
  private _sessionId = randomUUID();
  private readonly hooks: SessionResetHook[] = [];

  constructor(
    private readonly events: EventBus,
    private readonly logger: Logger,
  ) {}

  get sessionId(): string {
    return this._sessionId;
  }

  onReset(hook: SessionResetHook): void {
    this.hooks.push(hook);
  }

  reset(reason: ResetReason): string {
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
}
