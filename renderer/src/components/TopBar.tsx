import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import { LANGUAGE_NAMES } from '../i18n/resources';
import { Clock } from './Clock';

export function TopBar(props: {
  hallName: string;
  languages: Language[];
  language: Language;
  elderMode: boolean;
  onLanguage: (lang: Language) => void;
  onElderMode: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <header className="top-bar">
      <div className="hall">
        <h1 className="hall-name" data-testid="hall-name">
          {props.hallName}
        </h1>
        <Clock language={props.language} />
      </div>
      <nav className="switches">
        <div className="language-switch" role="group" data-testid="language-switch">
          {props.languages.map((lang) => (
            <button
              key={lang}
              type="button"
              lang={lang}
              className={lang === props.language ? 'switch selected' : 'switch'}
              aria-pressed={lang === props.language}
              data-testid={`lang-${lang}`}
              onClick={() => props.onLanguage(lang)}
            >
              {LANGUAGE_NAMES[lang]}
            </button>
          ))}
        </div>
        <button
          type="button"
          className={props.elderMode ? 'switch selected elder-toggle' : 'switch elder-toggle'}
          aria-pressed={props.elderMode}
          data-testid="elder-toggle"
          onClick={() => props.onElderMode(!props.elderMode)}
        >
          {t('mode.elder')}
        </button>
      </nav>
    </header>
  );
}
