import { RpcError } from '../../../common/rpc/errors';
import { NoTicketNumberError, TicketRefusedError, type TicketIssuer } from '../../../offline-queue/ticket-issuer';
import type { LocalizedText } from '../../../common/i18n/languages';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { CoreService } from '../../../base/lifecycle';
import type { PrinterService } from '../devices/printer-service';
import { identityRequired, type SessionSubject } from '../identity/session-subject';
import { printIssuedTicket } from './issued-ticket-printing';
import { CallSession } from '../session/call-session';
import type { Catalog } from '../../../common/catalog/schema';
import type { SessionService } from '../session/session-service';
import type { Logger } from '../../logging/logger';
import type { ParsedInput } from '../rpc/parsed-input';

export interface TicketServiceDeps {
  logger: Logger;
  /** The hall's name in force, printed on the ticket. */
  hallName: () => LocalizedText;
  /** No number is issued for a citizen whose session ended while the printer was asked. */
  session: Pick<SessionService, 'sessionId'>;
  issuer: Pick<TicketIssuer, 'issue'>;
  printer: Pick<PrinterService, 'problemNow' | 'ensureReady' | 'print' | 'profile' | 'timeZone'>;
  subject: Pick<SessionSubject, 'current'>;
  catalog: () => Catalog;
}

/**
 * 取号: the printer is asked first (a citizen is never given a number that cannot be printed),
 * then the number comes from the hub or, offline, from the leased block, then the ticket prints.
 */
export class TicketService implements CoreService {
  readonly name = 'tickets';

  constructor(private readonly deps: TicketServiceDeps) {}

  /** Asked before the citizen chooses: the menu says the ticket printer's problem up front. */
  availability(): RpcOutput<'ticket.availability'> {
    const problem = this.deps.printer.problemNow('ticket');
    return problem ? { available: false, citizenMessage: problem } : { available: true };
  }

  async take({ serviceCode, priority, lang }: ParsedInput<'ticket.take'>): Promise<RpcOutput<'ticket.take'>> {
    const { deps } = this;
    const service = deps.catalog().services.find((s) => s.code === serviceCode);
    if (!service || service.kind !== 'ticket') {
      throw new RpcError('invalid-input', `no ticket service ${serviceCode}`, {
        issues: [{ path: 'serviceCode', message: 'not a ticket service of this hall' }],
      });
    }
    if (priority && !service.priorityAllowed) {
      throw new RpcError('invalid-input', `service ${serviceCode} has no priority tickets`, {
        issues: [{ path: 'priority', message: 'not offered for this service' }],
      });
    }
    const subject = deps.subject.current();
    if (service.requiresIdentity && !subject) throw identityRequired(serviceCode);

    const call = new CallSession(deps.session, 'ticket.take');
    await deps.printer.ensureReady('ticket');
    // Ended while the printer was asked: no number is issued for a citizen who has gone.
    call.stillCurrent();

    let ticket;
    try {
      ticket = await deps.issuer.issue({ serviceCode, priority, subject });
    } catch (err) {
      if (err instanceof NoTicketNumberError || err instanceof TicketRefusedError) {
        deps.logger.error({ err, serviceCode }, 'no ticket number');
        throw new RpcError('unavailable', err.message, {
          citizenMessage: {
            'zh-CN': '暂时无法取号，请到服务台取号',
            'zh-HK': '暫時無法取號，請到服務台取號',
            en: 'Tickets cannot be issued here right now. Please go to the service desk.',
          },
        });
      }
      throw err;
    }
    deps.logger.info({ serviceCode, number: ticket.number, mode: ticket.mode }, 'ticket issued');

    const printed = await printIssuedTicket(deps.printer, deps.logger, {
      hall: deps.hallName()[lang],
      number: ticket.number,
      service: service.name[lang],
      waitingAhead: ticket.waitingAhead,
      issuedAt: new Date(ticket.issuedAt),
      ...(service.guide?.url ? { guideUrl: service.guide.url } : {}),
      lang,
    });
    return {
      number: ticket.number,
      serviceCode,
      waitingAhead: ticket.waitingAhead,
      issuedAt: ticket.issuedAt,
      mode: ticket.mode,
      ...printed,
    };
  }
}
