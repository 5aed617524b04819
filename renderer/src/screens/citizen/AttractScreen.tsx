import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { PromptIcon } from '../../components/PromptIcon';
import { Screen } from '../../components/Screen';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';

/** The idle screen: what a citizen can do to begin. A touch anywhere opens the service menu. */
export function AttractScreen({ onStart, onAbout, onFace }: { onStart: () => void; onAbout: () => void; onFace: () => void }) {
  const { t } = useTranslation();
  const prompts = [{ key: 'idCard' }, { key: 'face' }, { key: 'qr' }] as const;
  useSpokenPrompt(useSpokenSentences().attract);
  return (
    <Screen className="attract" testId="attract-screen">
      <ul className="prompts">
        {prompts.map((p) => (
          <li
            key={p.key}
            className="prompt-card"
            data-testid={`prompt-${p.key}`}
            {...(p.key === 'face' ? { role: 'button', tabIndex: 0, onClick: onFace, onKeyDown: (e: { key: string }) => e.key === 'Enter' && onFace() } : {})}
          >
            <span className="prompt-icon">
              <PromptIcon kind={p.key} />
            </span>
            <span className="prompt-title">{t(`attract.prompts.${p.key}`)}</span>
            <span className="prompt-hint">{t(`attract.prompts.${p.key}Hint`)}</span>
          </li>
        ))}
      </ul>
      <ActionButton kind="primary" className="start" testId="start" onClick={onStart}>
        {t('attract.touchToStart')}
      </ActionButton>
      <footer className="attract-footer">
        <button type="button" className="link" data-testid="open-about" onClick={onAbout}>
          {t('attract.about')}
        </button>
      </footer>
    </Screen>
  );
}
