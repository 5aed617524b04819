import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../../../common/catalog/schema';
import type { Language } from '../../../../common/i18n/languages';
import type { KioskClient } from '../../bridge/kiosk-client';

export function ServiceMenuScreen({ client, language, onHome }: { client: KioskClient; language: Language; onHome: () => void }) {
  const { t } = useTranslation();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [failed, setFailed] = useState(false);
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
      <ul className="service-grid">
        {catalog?.services.map((s) => (
          <li key={s.code}>
            <button type="button" className="service" data-testid={`service-${s.code}`}>
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
