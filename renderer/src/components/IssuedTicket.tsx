import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import type { RpcOutput } from '../../../common/rpc/contract';
import { useLanguage } from '../kiosk/kiosk-context';
import { ActionButton } from './ActionButton';
import { Screen } from './Screen';

type Issued = Pick<RpcOutput<'ticket.take'>, 'number' | 'waitingAhead' | 'printed' | 'printProblem'>;

/** What the citizen reads after a number is issued (取号 or check-in): the number, the wait, whether the slip printed. */
export function issuedTicketSentence(ticket: Issued, language: Language, t: (key: string) => string): string {
  return ticket.printed ? t('ticket.takeSlip') : `${ticket.printProblem?.[language] ?? ''} ${t('ticket.noteNumber')}`;
}

export function IssuedTicket(props: { testIdPrefix: string; className: string; label: string; ticket: Issued; serviceName?: string; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { testIdPrefix: id, ticket } = props;
  return (
    <Screen className={props.className} testId={`${id}-result`}>
      <p className="ticket-label">{props.label}</p>
      <p className="ticket-number" data-testid={`${id}-number`}>
        {ticket.number}
      </p>
      {props.serviceName && <p className="ticket-service">{props.serviceName}</p>}
      {ticket.waitingAhead !== null && <p data-testid={`${id}-ahead`}>{t('ticket.ahead', { count: ticket.waitingAhead })}</p>}
      <p className={ticket.printed ? 'ticket-take' : 'notice'} data-testid={`${id}-printed`}>
        {issuedTicketSentence(ticket, language, t)}
      </p>
      <ActionButton kind="primary" testId={`${id}-done`} onClick={props.onDone}>
        {t('ticket.done')}
      </ActionButton>
    </Screen>
  );
}
