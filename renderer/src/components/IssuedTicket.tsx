import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import type { RpcOutput } from '../../../common/rpc/contract';

type Issued = Pick<RpcOutput<'ticket.take'>, 'number' | 'waitingAhead' | 'printed' | 'printProblem'>;

/** What the citizen reads after a number is issued (取号 or check-in): the number, the wait, whether the slip printed. */
export function issuedTicketSentence(ticket: Issued, language: Language, t: (key: string) => string): string {
  return ticket.printed ? t('ticket.takeSlip') : `${ticket.printProblem?.[language] ?? ''} ${t('ticket.noteNumber')}`;
}

export function IssuedTicket(props: { testIdPrefix: string; className: string; label: string; ticket: Issued; serviceName?: string; language: Language; onDone: () => void }) {
  const { t } = useTranslation();
  const { testIdPrefix: id, ticket } = props;
  return (
    <main className={props.className} data-testid={`${id}-result`}>
      <p className="ticket-label">{props.label}</p>
      <p className="ticket-number" data-testid={`${id}-number`}>
        {ticket.number}
      </p>
      {props.serviceName && <p className="ticket-service">{props.serviceName}</p>}
      {ticket.waitingAhead !== null && <p data-testid={`${id}-ahead`}>{t('ticket.ahead', { count: ticket.waitingAhead })}</p>}
      <p className={ticket.printed ? 'ticket-take' : 'notice'} data-testid={`${id}-printed`}>
        {issuedTicketSentence(ticket, props.language, t)}
      </p>
      <button type="button" className="primary" data-testid={`${id}-done`} onClick={props.onDone}>
        {t('ticket.done')}
      </button>
    </main>
  );
}
