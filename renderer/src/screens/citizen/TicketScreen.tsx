import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../common/catalog/schema';
import type { Language } from '../../../../common/i18n/languages';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError, type KioskClient } from '../../bridge/kiosk-client';
import { useSpokenPrompt } from '../../voice/voice-context';
import { IssuedTicket, issuedTicketSentence } from '../../components/IssuedTicket';

type Ticket = RpcOutput<'ticket.take'>;

/** 取号: confirm the service (and priority where offered), take the ticket, see the number. */
export function TicketScreen({ client, language, service, onDone }: { client: KioskClient; language: Language; service: CatalogService; onDone: () => void }) {
  const { t } = useTranslation();
  const [priority, setPriority] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const pause = language === 'en' ? '. ' : '，';
  useSpokenPrompt(
    ticket
      ? `${t('ticket.yourNumber')} ${ticket.number}${pause}${issuedTicketSentence(ticket, language, t)}`
      : (problem ?? `${t('ticket.confirmTitle')}${pause}${service.name[language]}`),
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
    return <IssuedTicket testIdPrefix="ticket" className="ticket" label={t('ticket.yourNumber')} ticket={ticket} serviceName={service.name[language]} language={language} onDone={onDone} />;
  }

  return (
    <main className="ticket" data-testid="ticket-confirm">
      <h2 className="screen-title">{t('ticket.confirmTitle')}</h2>
      <p className="ticket-service" data-testid="ticket-service">
        {service.name[language]}
      </p>
      {service.priorityAllowed && (
        <button type="button" className={priority ? 'switch selected' : 'switch'} aria-pressed={priority} data-testid="ticket-priority" onClick={() => setPriority(!priority)}>
          {t('ticket.priority')}
        </button>
      )}
      {problem && (
        <p className="notice" role="alert" data-testid="ticket-problem">
          {problem}
        </p>
      )}
      <div className="staff-actions">
        <button type="button" className="secondary" data-testid="ticket-back" onClick={onDone}>
          {t('menu.home')}
        </button>
        <button type="button" className="primary" data-testid="ticket-take" disabled={busy} onClick={() => void take()}>
          {busy ? t('ticket.taking') : t('ticket.take')}
        </button>
      </div>
    </main>
  );
}
