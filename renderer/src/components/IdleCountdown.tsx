import { useTranslation } from 'react-i18next';

export function IdleCountdown({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="alertdialog" aria-live="assertive" data-testid="idle-countdown">
      <div className="dialog">
        <h2>{t('idle.title')}</h2>
        <p className="countdown-number" data-testid="idle-seconds">
          {secondsLeft}
        </p>
        <p>{t('idle.body', { seconds: secondsLeft })}</p>
        <button type="button" className="primary" onClick={onContinue} data-testid="idle-continue">
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
