import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, CatalogService } from '../../../../common/catalog/schema';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';

export function ServiceMenuScreen(props: {
  onHome: () => void;
  onService: (service: CatalogService) => void;
  /** 预约签到 by the citizen's card (a scanned QR starts it from anywhere). */
  onAppointment?: () => void;
}) {
  const { onHome, onService, onAppointment } = props;
  const { client, language } = useKiosk();
  const { t } = useTranslation();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [failed, setFailed] = useState(false);
  const [tickets, setTickets] = useState<RpcOutput<'ticket.availability'> | null>(null);
  const ticketsUnavailable = tickets && !tickets.available && tickets.citizenMessage ? tickets.citizenMessage[language] : null;
  const spoken = useSpokenSentences();
  useSpokenPrompt(ticketsUnavailable ? [ticketsUnavailable, spoken.chooseService] : spoken.chooseService);
  useEffect(() => {
    const check = () => client.call('ticket.availability', {}).then(setTickets, () => undefined);
    void check();
    return client.on('device.state', (s) => s.device === 'printer' && void check());
  }, [client]);
  useEffect(() => {
    let live = true;
    client.call('catalog.get', {}).then(
      (c) => live && setCatalog(c),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [client]);

  return (
    <Screen className="menu" testId="service-menu" title={t('menu.title')}>
      {failed && <Notice>{t('errors.coreUnavailable')}</Notice>}
      {catalog && catalog.services.length === 0 && <Notice>{t('menu.empty')}</Notice>}
      {tickets && !tickets.available && tickets.citizenMessage && (
        <Notice role="alert" testId="ticket-unavailable">
          {tickets.citizenMessage[language]}
        </Notice>
      )}
      {onAppointment && (
        <button type="button" className="service appointment-entry" data-testid="menu-appointment" onClick={onAppointment}>
          <span className="service-name">{t('appointment.menuEntry')}</span>
          <span className="service-tag">{t('appointment.menuEntryHint')}</span>
        </button>
      )}
      <ul className="service-grid">
        {catalog?.services.map((s) => (
          <li key={s.code}>
            <button
              type="button"
              className="service"
              data-testid={`service-${s.code}`}
              disabled={s.kind === 'ticket' && tickets?.available === false}
              onClick={() => onService(s)}
            >
              <span className="service-name">{s.name[language]}</span>
              {s.requiresIdentity && <span className="service-tag">{t('menu.identityRequired')}</span>}
            </button>
          </li>
        ))}
      </ul>
      <ActionButton kind="secondary" className="home" testId="home" onClick={onHome}>
        {t('menu.home')}
      </ActionButton>
    </Screen>
  );
}
