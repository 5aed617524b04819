import { RpcError } from '../../../common/rpc/errors';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { Outbox } from '../../../offline-queue/outbox';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import type { Logger } from '../../logging/logger';
import type { SessionSubject } from '../identity/session-subject';
import type { ParsedInput } from '../rpc/parsed-input';

export interface RatingServiceDeps {
  logger: Logger;
  clock: Clock;
  /** Read at each rating: the terminal id in force. */
  terminalId: () => string;
  outbox: Pick<Outbox, 'enqueue'>;
  subject: Pick<SessionSubject, 'current'>;
}

/** 好差评: five levels after each journey, with optional reasons, delivered as `evaluation.created`. */
export class RatingService implements CoreService {
  readonly name = 'rating';

  constructor(private readonly deps: RatingServiceDeps) {}

  submit({ serviceCode, rating, reasons }: ParsedInput<'rating.submit'>): RpcOutput<'rating.submit'> {
    const { deps } = this;
    try {
      const key = deps.outbox.enqueue('evaluation.created', {
        rating,
        serviceCode,
        reasons,
        subject: deps.subject.current(),
        terminalId: deps.terminalId(),
        ratedAt: new Date(deps.clock.now()).toISOString(),
      });
      deps.logger.info({ rating, serviceCode }, 'evaluation recorded');
      return { key };
    } catch (err) {
      deps.logger.error({ err }, 'evaluation not recorded');
      throw new RpcError('unavailable', 'the evaluation could not be recorded', {
        citizenMessage: {
          'zh-CN': '评价暂时无法提交，感谢您的反馈',
          'zh-HK': '評價暫時無法提交，感謝您的反饋',
          en: 'Your rating could not be recorded right now. Thank you all the same.',
        },
      });
    }
  }
}
