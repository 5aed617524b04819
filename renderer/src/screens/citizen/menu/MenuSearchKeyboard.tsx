import { useTranslation } from 'react-i18next';
import { OnScreenKeyboard } from '../../../components/OnScreenKeyboard';
import { useKiosk } from '../../../kiosk/kiosk-context';

/** The on-screen keyboard of the menu's search (ABC, 拼音, 手写): `onSearch` with what was typed, or `onClose` untouched. */
export function MenuSearchKeyboard({ query, onSearch, onClose }: { query: string; onSearch: (query: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useKiosk();
  return (
    <OnScreenKeyboard
      label={t('menu.searchLabel')}
      value={query}
      chinese={language}
      onDone={(value) => {
        onSearch(value);
        onClose();
      }}
      onCancel={onClose}
    />
  );
}
