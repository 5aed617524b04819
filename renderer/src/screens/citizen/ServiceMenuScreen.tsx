import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, CatalogService } from '../../../../common/catalog/schema';
import type { RpcOutput } from '../../../../common/rpc/contract';
import type { Language } from '../../../../common/i18n/languages';
import type { KioskClient } from '../../bridge/kiosk-client';
import { useSpokenPrompt } from '../../voice/voice-context';

export function ServiceMenuScreen(props: {
  client: KioskClient;
  language: Language;
  onHome: () => void;
  onService: (service: CatalogService) => void;
  /** 预约签到 by the citizen's card (a scanned QR starts it from anywhere). */
  onAppointment?: () => void;
}) {
  const { client, language, onHome, onService, onAppointment } = props;
  const { t } = useTranslation();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [failed, setFailed] = useState(false);
  const [tickets, setTickets] = useState<RpcOutput<'ticket.availability'> | null>(null);
  const ticketsUnavailable = tickets && !tickets.available && tickets.citizenMessage ? tickets.citizenMessage[language] : null;
  useSpokenPrompt(ticketsUnavailable ? [ticketsUnavailable, t('menu.title')].join(language === 'en' ? '. ' : '。') : t('menu.title'));
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
    <main className="menu" data-testid="service-menu">
      <h2 className="screen-title">{t('menu.title')}</h2>
      {failed && <p className="notice">{t('errors.coreUnavailable')}</p>}
      {catalog && catalog.services.length === 0 && <p className="notice">{t('menu.empty')}</p>}
      {tickets && !tickets.available && tickets.citizenMessage && (
        <p className="notice" role="alert" data-testid="ticket-unavailable">
          {tickets.citizenMessage[language]}
        </p>
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
      <button type="button" className="secondary home" data-testid="home" onClick={onHome}>
        {t('menu.home')}
      </button>
    </main>
  );
}
