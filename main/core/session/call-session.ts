import type { Language } from '../../../common/i18n/languages';
import { RpcError } from '../../../common/rpc/errors';
import type { SessionService } from './session-service';

/** What the citizen reads when a call outlived the session it was made in. */
export const SESSION_ENDED: Record<Language, string> = {
  'zh-CN': '本次办理已结束，请重新开始',
  'zh-HK': '本次辦理已結束，請重新開始',
  en: 'This session has ended. Please start again.',
};

/**
 * The session a call was made in. A call that waits (on the hub, the printer, the face engine)
 * may be answered after the session ended: the renderer went, or the idle limit passed. Whatever
 * it would keep of its citizen must then not land in the next session: `stillCurrent()` after
 * each await refuses the rest of the call with `conflict`.
 */
export class CallSession {
  private readonly sessionId: string;

  constructor(
    private readonly session: Pick<SessionService, 'sessionId'>,
    private readonly what: string,
  ) {
    this.sessionId = session.sessionId;
  }

  get ended(): boolean {
    return this.session.sessionId !== this.sessionId;
  }

  /** Throws `conflict` if the session the call was made in has ended meanwhile. */
  stillCurrent(): void {
    if (this.ended) throw new RpcError('conflict', `${this.what}: the session ended while the call waited`, { citizenMessage: SESSION_ENDED });
  }
}
