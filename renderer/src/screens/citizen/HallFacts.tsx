import { useTranslation } from 'react-i18next';
import type { AttractInfo } from '../../../../common/rpc/contract';
import { useKiosk } from '../../kiosk/kiosk-context';

/** The hall on the attract screen: notices in force, staffed hours or night mode, and how many wait per category. */
export function HallFacts({ info }: { info: AttractInfo }) {
  const { t } = useTranslation();
  const { language } = useKiosk();
  return (
    <div className="attract-hall">
      {info.notices.length > 0 && (
        <section data-testid="attract-notices">
          <h3>{t('attract.notices')}</h3>
          <ul>
            {info.notices.map((n) => (
              <li key={n.id} data-testid="attract-notice">
                <strong>{n.title[language]}</strong> {n.body[language]}
              </li>
            ))}
          </ul>
        </section>
      )}
      {info.night ? (
        <section className="attract-night" data-testid="attract-night">
          <h3>{t('attract.night.title')}</h3>
          <p>{t('attract.night.noStaff')}</p>
          {info.nightServices.length > 0 && (
            <p data-testid="attract-night-services">
              {t('attract.night.canDo')}
              {info.nightServices.map((s) => s[language]).join(language === 'en' ? ', ' : '、')}
            </p>
          )}
          <p>{t('attract.night.counters')}</p>
          <p>
            {t('attract.hours')}
            {language === 'en' ? ': ' : '：'}
            <span data-testid="attract-hours">{info.staffedHours[language]}</span>
          </p>
          <p>{t('attract.night.help')}</p>
        </section>
      ) : (
        <section data-testid="attract-day">
          <h3>{t('attract.hours')}</h3>
          <p data-testid="attract-hours">{info.staffedHours[language]}</p>
          <p>{t('attract.selfServiceAllDay')}</p>
        </section>
      )}
      {info.waiting && info.waiting.length > 0 && (
        <section data-testid="attract-waiting">
          <h3>{t('attract.waiting')}</h3>
          <ul className="waiting-list">
            {info.waiting.map((w) => (
              <li key={w.category} data-testid={`waiting-${w.category}`}>
                {w.name[language]} {t('attract.waitingCount', { count: w.waiting })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
