import type { LocalizedText } from '../../../common/i18n/languages';
import { renderTicket, type QueueTicket } from '../../../devices/printer/layouts/ticket';
import { citizenMessages } from '../../../devices/printer/messages';
import { PrintError } from '../../../devices/printer/print-error';
import type { Logger } from '../../logging/logger';
import type { PrinterService } from '../devices/printer-service';

/**
 * Prints a ticket whose number is already issued (取号, check-in): whatever goes wrong in printing,
 * the citizen still gets the number on screen, with the printer's problem in a sentence.
 */
export async function printIssuedTicket(
  printer: Pick<PrinterService, 'print' | 'profile' | 'timeZone'>,
  logger: Logger,
  ticket: QueueTicket,
): Promise<{ printed: boolean; printProblem?: LocalizedText }> {
  try {
    const waitingAhead = ticket.waitingAhead !== null && ticket.waitingAhead >= 0 ? ticket.waitingAhead : null;
    await printer.print(renderTicket({ ...ticket, waitingAhead }, { profile: printer.profile, timeZone: printer.timeZone }));
    return { printed: true };
  } catch (err) {
    const reason = err instanceof PrintError ? err.reason : 'unrecoverable-error';
    logger.error({ err: err instanceof PrintError ? undefined : err, reason, number: ticket.number }, 'ticket issued but not printed');
    return { printed: false, printProblem: citizenMessages(reason, 'ticket') };
  }
}
