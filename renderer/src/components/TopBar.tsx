import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import { LANGUAGE_NAMES } from '../i18n/resources';
import { Clock } from './Clock';
import { useKiosk } from '../kiosk/kiosk-context';

/** The hall's name and the clock; the language and 长辈版 switches of the session. */
export function TopBar(props: { hallName: string; languages: Language[] }) {
  const { t } = useTranslation();
  const { language, setLanguage, elderMode, setElderMode } = useKiosk();
  return (
    <header className="top-bar">
      <div className="hall">
        <h1 className="hall-name" data-testid="hall-name">
          {props.hallName}
        </h1>
        <Clock />
      </div>
      <nav className="switches">
        <div className="language-switch" role="group" data-testid="language-switch">
          {props.languages.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              className={lang === language ? 'switch selected' : 'switch'}
              aria-pressed={lang === language}
              data-testid={`lang-${lang}`}
              onClick={() => setLanguage(lang)}
            >
              {LANGUAGE_NAMES[lang]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className={elderMode ? 'switch selected elder-toggle' : 'switch elder-toggle'}
          aria-pressed={elderMode}
          data-testid="elder-toggle"
          onClick={() => setElderMode(!elderMode)}
        >
          {t('mode.elder')}
        </button>
      </nav>
    </header>
  );
}
