import { RpcError } from '../../../common/rpc/errors';
import type { Outbox } from '../../../offline-queue/outbox';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../../../base/lifecycle';
import type { SessionSubject } from '../identity/session-subject';

/** 好差评: five levels after each journey, with optional reasons, delivered as `evaluation.created`. */
export class RatingService implements CoreService {
  readonly name = 'rating';

  constructor(ctx: KioskCoreContext, deps: { outbox: Pick<Outbox, 'enqueue'>; subject: SessionSubject }) {
    ctx.router.handle('rating.submit', ({ serviceCode, rating, reasons }) => {
      try {
        const key = deps.outbox.enqueue('evaluation.created', {
          rating,
          serviceCode,
          reasons,
          subject: deps.subject.current(),
          terminalId: ctx.config.config.terminal.id,
          ratedAt: new Date(ctx.clock.now()).toISOString(),
        });
        ctx.logger.info({ rating, serviceCode }, 'evaluation recorded');
        return { key };
      } catch (err) {
        ctx.logger.error({ err }, 'evaluation not recorded');
        throw new RpcError('unavailable', 'the evaluation could not be recorded', {
          citizenMessage: { 'zh-CN': '评价暂时无法提交，感谢您的反馈', 'zh-HK': '評價暫時無法提交，感謝您的反饋', en: 'Your rating could not be recorded right now. Thank you all the same.' },
        });
      }
    });
  }
}
