import { useTranslation } from 'react-i18next';
import { PromptIcon } from '../../components/PromptIcon';
import { useSpokenPrompt } from '../../voice/voice-context';

/** The idle screen: what a citizen can do to begin. A touch anywhere opens the service menu. */
export function AttractScreen({ onStart, onAbout, onFace }: { onStart: () => void; onAbout: () => void; onFace: () => void }) {
  const { t, i18n } = useTranslation();
  const prompts = [{ key: 'idCard' }, { key: 'face' }, { key: 'qr' }] as const;
  useSpokenPrompt([t('attract.prompts.idCard'), t('attract.touchToStart')].join(i18n.language === 'en' ? '. ' : '。'));
  return (
    <main className="attract" data-testid="attract-screen">
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
      <button type="button" className="primary start" data-testid="start" onClick={onStart}>
        {t('attract.touchToStart')}
      </button>
      <footer className="attract-footer">
        <button type="button" className="link" data-testid="open-about" onClick={onAbout}>
          {t('attract.about')}
        </button>
      </footer>
    </main>
  );
}
