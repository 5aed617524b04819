import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../common/catalog/schema';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';
import { IssuedTicket } from '../../components/IssuedTicket';

type Ticket = RpcOutput<'ticket.take'>;

/** 取号: confirm the service (and priority where offered), take the ticket, see the number. */
export function TicketScreen({ service, onDone }: { service: CatalogService; onDone: () => void }) {
  const { t } = useTranslation();
  const { client, language } = useKiosk();
  const [priority, setPriority] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const spoken = useSpokenSentences();
  useSpokenPrompt(
    ticket
      ? spoken.ticketIssued(ticket.number, ticket.printed ? null : (ticket.printProblem?.[language] ?? ''))
      : (problem ?? spoken.confirmTicket(service.name[language])),
  );

  const take = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setTicket(await client.call('ticket.take', { serviceCode: service.code, priority, lang: language }));
    } catch (err) {
      setProblem(err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage[language] : t('errors.coreUnavailable'));
    } finally {
      setBusy(false);
    }
  };

  if (ticket) {
    return (
      <IssuedTicket
        testIdPrefix="ticket"
        className="ticket"
        label={t('ticket.yourNumber')}
        ticket={ticket}
        serviceName={service.name[language]}
        onDone={onDone}
      />
    );
  }

  return (
    <Screen className="ticket" testId="ticket-confirm" title={t('ticket.confirmTitle')}>
      <p className="ticket-service" data-testid="ticket-service">
        {service.name[language]}
      </p>
      {service.priorityAllowed && (
        <button
          type="button"
          className={priority ? 'switch selected' : 'switch'}
          aria-pressed={priority}
          data-testid="ticket-priority"
          onClick={() => setPriority(!priority)}
        >
          {t('ticket.priority')}
        </button>
      )}
      {problem && (
        <Notice role="alert" testId="ticket-problem">
          {problem}
        </Notice>
      )}
      <ActionBar>
        <ActionButton kind="secondary" testId="ticket-back" onClick={onDone}>
          {t('menu.home')}
        </ActionButton>
        <ActionButton kind="primary" testId="ticket-take" busy={busy} busyLabel={t('ticket.taking')} onClick={() => void take()}>
          {t('ticket.take')}
        </ActionButton>
      </ActionBar>
    </Screen>
  );
}
