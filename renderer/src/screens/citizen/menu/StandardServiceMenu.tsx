import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../components/ActionButton';
import { Screen } from '../../../components/Screen';
import { useKiosk } from '../../../kiosk/kiosk-context';
import { MenuNotices } from './MenuNotices';
import { MenuSearchKeyboard } from './MenuSearchKeyboard';
import type { ServiceMenuProps } from './menu-props';
import { menuTabs } from './menu-tabs';
import { searchServices, type ServiceHit } from './service-search';
import { menuTile } from './ServiceTile';
import type { MenuData } from './use-menu-data';

/**
 * The standard menu: the hall's most used services first (常用), a tab per category, and a search by
 * hanzi, pinyin or pinyin initials typed on the on-screen keyboard. Each tile's ⓘ opens its guide.
 */
export function StandardServiceMenu(props: ServiceMenuProps & { data: MenuData }) {
  const { onHome, onService, onGuide, onAppointment, identified = false, data } = props;
  const { catalog } = data;
  const { language } = useKiosk();
  const { t } = useTranslation();
  const [tabId, setTabId] = useState('popular');
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState(false);

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
      <MenuNotices data={data} />
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
        {hits.map((hit) => menuTile(hit, { language, identified, ticketsOff: data.ticketsOff, onService, onGuide }))}
      </ul>
      <ActionButton kind="secondary" className="home" testId="home" onClick={onHome}>
        {t('menu.home')}
      </ActionButton>
      {typing && <MenuSearchKeyboard query={query} onSearch={setQuery} onClose={() => setTyping(false)} />}
    </Screen>
  );
}
