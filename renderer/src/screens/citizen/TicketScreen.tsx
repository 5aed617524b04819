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
import { GuideMaterials } from './guide/GuideMaterials';

type Ticket = RpcOutput<'ticket.take'>;

/**
 * 取号: the materials to have ready (请准备以下材料, from the service's guide) and the service to
 * confirm (and priority where offered) before the number is taken; then the number.
 */
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
      {service.guide && service.guide.materials.length > 0 && (
        <section className="ticket-prepare" aria-labelledby="ticket-prepare-title">
          <h3 id="ticket-prepare-title" data-testid="ticket-prepare">
            {t('guide.prepare')}
          </h3>
          <GuideMaterials materials={service.guide.materials} language={language} testId="ticket-materials" />
          <p className="ticket-where" data-testid="ticket-where">
            {t('guide.where')}
            {language === 'en' ? ': ' : '：'}
            {service.guide.floor[language]} {service.guide.counter[language]}
          </p>
        </section>
      )}
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
