import { useTranslation } from 'react-i18next';
import { Notice } from '../../../components/Notice';
import type { MenuData } from './use-menu-data';

/** What the menu says above its tiles: the core unreachable, nothing to offer, no tickets now. */
export function MenuNotices({ data }: { data: MenuData }) {
  const { t } = useTranslation();
  return (
    <>
      {data.failed && <Notice>{t('errors.coreUnavailable')}</Notice>}
      {data.catalog && data.catalog.services.length === 0 && <Notice>{t('menu.empty')}</Notice>}
      {data.ticketsUnavailable && (
        <Notice role="alert" testId="ticket-unavailable">
          {data.ticketsUnavailable}
        </Notice>
      )}
    </>
  );
}
