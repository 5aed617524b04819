import { ArrowLeft, House, Search } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../../common/catalog/schema';
import { ActionBar } from '../../../components/ActionBar';
import { Screen } from '../../../components/Screen';
import { useKiosk } from '../../../kiosk/kiosk-context';
import { LargeTile } from './LargeTile';
import { MenuNotices } from './MenuNotices';
import { MenuSearchKeyboard } from './MenuSearchKeyboard';
import type { ServiceMenuProps } from './menu-props';
import { categoryTabs, elderHome } from './menu-tabs';
import { searchServices, type ServiceHit } from './service-search';
import { AppointmentIcon, CategoryIcon, MoreIcon } from './ServiceIcon';
import { menuTile } from './ServiceTile';
import type { MenuData } from './use-menu-data';

type View = { kind: 'home' } | { kind: 'categories' } | { kind: 'category'; id: string };

/**
 * 长辈版's menu: a few large tiles with pictures, three a row. The first page holds the hall's most
 * used services (one tap to start), then 更多事项 → a category → its services. No tabs, no
 * scrolling strip of small buttons; 返回上一页 and 返回首页 are always at the same place.
 */
export function ElderServiceMenu(props: ServiceMenuProps & { data: MenuData }) {
  const { onHome, onService, onGuide, onAppointment, identified = false, data } = props;
  const { catalog } = data;
  const { language } = useKiosk();
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'home' });
  const [query, setQuery] = useState('');
  const [typing, setTyping] = useState(false);

  const categories = useMemo(() => (catalog ? categoryTabs(catalog) : []), [catalog]);
  const home = useMemo(() => (catalog ? elderHome(catalog, onAppointment ? 1 : 0) : { services: [], more: false }), [catalog, onAppointment]);
  const searching = query.trim() !== '';
  const category = view.kind === 'category' ? categories.find((c) => c.id === view.id) : undefined;

  // One category only: 更多事项 opens it straight away.
  const more = () => setView(categories.length === 1 ? { kind: 'category', id: categories[0]!.id } : { kind: 'categories' });

  const shared = { language, identified, ticketsOff: data.ticketsOff, onService, onGuide, large: true };
  const tile = (hit: ServiceHit) => menuTile(hit, shared);
  const plain = (services: CatalogService[]) => services.map((service) => tile({ service, highlight: [] }));

  let title: string;
  let tiles: ReactNode;
  if (searching && catalog) {
    const hits = searchServices(catalog.services, query, language);
    title = hits.length > 0 ? t('menu.results', { query, count: hits.length }) : t('menu.noResults', { query });
    tiles = hits.map(tile);
  } else if (view.kind === 'categories') {
    title = t('menu.chooseCategory');
    tiles = categories.map((c) => (
      <LargeTile
        key={c.id}
        testId={`elder-category-${c.id}`}
        icon={<CategoryIcon category={c.id} />}
        name={c.name![language]}
        hint={t('menu.categoryCount', { count: c.services.length })}
        onClick={() => setView({ kind: 'category', id: c.id })}
      />
    ));
  } else if (category) {
    title = category.name![language];
    tiles = plain(category.services);
  } else {
    title = t('menu.title');
    tiles = (
      <>
        {onAppointment && (
          <LargeTile
            testId="menu-appointment"
            className="appointment-entry"
            icon={<AppointmentIcon />}
            name={t('appointment.menuEntry')}
            hint={t('appointment.menuEntryHint')}
            onClick={onAppointment}
          />
        )}
        {plain(home.services)}
        {home.more && <LargeTile testId="elder-more" className="more" icon={<MoreIcon />} name={t('menu.more')} hint={t('menu.moreHint')} onClick={more} />}
      </>
    );
  }
  const deeper = searching || view.kind !== 'home';
  const back = () => {
    if (searching) setQuery('');
    else if (view.kind === 'category' && categories.length > 1) setView({ kind: 'categories' });
    else setView({ kind: 'home' });
  };

  return (
    <Screen className="menu elder-menu" testId="service-menu" data-view={searching ? 'search' : view.kind} title={title}>
      <MenuNotices data={data} />
      <ul className="elder-grid" data-testid="service-grid" role={searching ? 'status' : undefined}>
        {tiles}
      </ul>
      <ActionBar>
        {deeper && (
          <button type="button" className="secondary" data-testid="elder-back" onClick={back}>
            <ArrowLeft size={36} strokeWidth={2.5} aria-hidden="true" />
            {searching ? t('menu.searchClear') : t('menu.back')}
          </button>
        )}
        {catalog && catalog.services.length > 0 && (
          <button type="button" className="secondary" data-testid="menu-search" onClick={() => setTyping(true)}>
            <Search size={36} strokeWidth={2.5} aria-hidden="true" />
            {t('menu.searchShort')}
          </button>
        )}
        <button type="button" className="secondary home" data-testid="home" onClick={onHome}>
          <House size={36} strokeWidth={2.5} aria-hidden="true" />
          {t('menu.home')}
        </button>
      </ActionBar>
      {typing && <MenuSearchKeyboard query={query} onSearch={setQuery} onClose={() => setTyping(false)} />}
    </Screen>
  );
}
