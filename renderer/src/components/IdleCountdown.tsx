import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpokenPrompt, useSpokenSentences } from '../voice/spoken-prompts';
import { ActionButton } from './ActionButton';

/** "Are you still there?": shown and said once when the countdown starts, then counted down on screen. */
export function IdleCountdown({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const [secondsAtStart] = useState(secondsLeft);
  useSpokenPrompt(useSpokenSentences().stillThere(secondsAtStart));
  return (
    <div className="overlay" role="alertdialog" aria-live="assertive" data-testid="idle-countdown">
      <div className="dialog">
        <h2>{t('idle.title')}</h2>
        <p className="countdown-number" data-testid="idle-seconds">
          {secondsLeft}
        </p>
        <p>{t('idle.body', { seconds: secondsLeft })}</p>
        <ActionButton kind="primary" testId="idle-continue" onClick={onContinue}>
          {t('idle.continue')}
        </ActionButton>
      </div>
    </div>
  );
}
