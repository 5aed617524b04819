import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { PromptIcon } from '../../components/PromptIcon';
import { Screen } from '../../components/Screen';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';
import { HallFacts } from './HallFacts';
import { useAttractInfo } from './use-attract-info';

/** The idle screen: what a citizen can do to begin, and the hall's notices, hours and queues. A touch anywhere opens the service menu. */
export function AttractScreen({ onStart, onAbout, onFace }: { onStart: () => void; onAbout: () => void; onFace: () => void }) {
  const { t } = useTranslation();
  const info = useAttractInfo();
  useSpokenPrompt(useSpokenSentences().attract);
  return (
    <Screen className="attract" testId="attract-screen">
      <ul className="prompts">
        {info?.waysIn.map((way) => (
          <li
            key={way}
            className="prompt-card"
            data-testid={`prompt-${way}`}
            {...(way === 'face' ? { role: 'button', tabIndex: 0, onClick: onFace, onKeyDown: (e: { key: string }) => e.key === 'Enter' && onFace() } : {})}
          >
            <span className="prompt-icon">
              <PromptIcon kind={way === 'socialSecurityCard' ? 'idCard' : way} />
            </span>
            <span className="prompt-title">{t(`attract.prompts.${way}`)}</span>
            <span className="prompt-hint">{t(`attract.prompts.${way}Hint`)}</span>
          </li>
        ))}
      </ul>
      <ActionButton kind="primary" className="start" testId="start" onClick={onStart}>
        {t('attract.touchToStart')}
      </ActionButton>
      {info && <HallFacts info={info} />}
      <footer className="attract-footer">
        <button type="button" className="link" data-testid="open-about" onClick={onAbout}>
          {t('attract.about')}
        </button>
      </footer>
    </Screen>
  );
}
