import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, CatalogService } from '../../../../common/catalog/schema';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';
import { menuTabs } from './menu/menu-tabs';
import { searchServices, type ServiceHit } from './menu/service-search';
import { ServiceTile } from './menu/ServiceTile';

/**
 * 请选择办理事项: the hall's most used services first (常用), a tab per category, and a search by
 * hanzi, pinyin or pinyin initials typed on the on-screen keyboard. Each tile's ⓘ opens its guide.
 */
export function ServiceMenuScreen(props: {
  onHome: () => void;
  onService: (service: CatalogService) => void;
  /** ⓘ: the service's 办事指南. */
  onGuide?: (service: CatalogService) => void;
  /** A citizen identified (card, face): "需身份证" is no longer said. */
  identified?: boolean;
  /** 预约签到 by the citizen's card (a scanned QR starts it from anywhere). */
  onAppointment?: () => void;
}) {
  const { onHome, onService, onGuide, onAppointment, identified = false } = props;
  const { client, language } = useKiosk();
  const { t } = useTranslation();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [failed, setFailed] = useState(false);
  const [tickets, setTickets] = useState<RpcOutput<'ticket.availability'> | null>(null);
  const [tabId, setTabId] = useState('popular');
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState(false);
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

  const tabs = useMemo(() => (catalog ? menuTabs(catalog) : []), [catalog]);
  const tab = tabs.find((x) => x.id === tabId) ?? tabs[0];
  const searching = query.trim() !== '';
  const hits: ServiceHit[] = useMemo(
    () => (searching && catalog ? searchServices(catalog.services, query, language) : (tab?.services.map((service) => ({ service, highlight: [] })) ?? [])),
    [searching, catalog, query, language, tab],
  );
  const chooseTab = (id: string) => {
    setQuery('');
    setTabId(id);
  };

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
      {catalog && catalog.services.length > 0 && (
        <div className="menu-search">
          <button type="button" className="menu-search-field" data-testid="menu-search" onClick={() => setTyping(true)}>
            {searching ? query : t('menu.search')}
          </button>
          {searching && (
            <button type="button" className="menu-search-clear" data-testid="menu-search-clear" onClick={() => setQuery('')}>
              {t('menu.searchClear')}
            </button>
          )}
        </div>
      )}
      {tabs.length > 1 && (
        <div className="menu-tabs" role="tablist" aria-label={t('menu.categories')}>
          {tabs.map((x) => (
            <button
              key={x.id}
              type="button"
              role="tab"
              className="menu-tab"
              aria-selected={!searching && x.id === tab?.id}
              data-testid={`menu-tab-${x.id}`}
              onClick={() => chooseTab(x.id)}
            >
              {x.name ? x.name[language] : t('menu.popular')}
            </button>
          ))}
        </div>
      )}
      {searching && (
        <p className="menu-results" role="status" data-testid="menu-results">
          {hits.length > 0 ? t('menu.results', { query, count: hits.length }) : t('menu.noResults', { query })}
        </p>
      )}
      <ul className="service-grid" data-testid="service-grid">
        {hits.map(({ service: s, highlight }) => (
          <ServiceTile
            key={s.code}
            service={s}
            language={language}
            highlight={highlight}
            showIdentityBadge={!identified}
            disabled={s.kind === 'ticket' && tickets?.available === false}
            onChoose={() => onService(s)}
            onGuide={onGuide && (() => onGuide(s))}
          />
        ))}
      </ul>
      <ActionButton kind="secondary" className="home" testId="home" onClick={onHome}>
        {t('menu.home')}
      </ActionButton>
      {typing && (
        <OnScreenKeyboard
          label={t('menu.searchLabel')}
          value={query}
          onDone={(value) => {
            setQuery(value);
            setTyping(false);
          }}
          onCancel={() => setTyping(false)}
        />
      )}
    </Screen>
  );
}
