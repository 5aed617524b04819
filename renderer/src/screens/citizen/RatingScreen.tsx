import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REASONS } from '../../../../common/rpc/contract';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { useClient } from '../../kiosk/kiosk-context';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';

const LEVELS = [5, 4, 3, 2, 1] as const;

/** 好差评: five levels; the two lowest may say why. Skipping is always allowed. */
export function RatingScreen({ serviceCode, onDone }: { serviceCode: string | null; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [rating, setRating] = useState<number | null>(null);
  const [reasons, setReasons] = useState<(typeof RATING_REASONS)[number][]>([]);
  const [thanks, setThanks] = useState<string | null>(null);
  const spoken = useSpokenSentences();
  useSpokenPrompt(thanks === null ? spoken.rateService : thanks === t('rating.thanks') ? spoken.thanksForRating : spoken.ratingNotRecorded);

  const submit = async () => {
    if (rating === null) return;
    try {
      await client.call('rating.submit', { serviceCode, rating, reasons });
      setThanks(t('rating.thanks'));
    } catch {
      setThanks(t('rating.notRecorded'));
    }
    window.setTimeout(onDone, 1500);
  };

  if (thanks) {
    return (
      <Screen className="rating" testId="rating-thanks">
        <p className="screen-title">{thanks}</p>
      </Screen>
    );
  }
  return (
    <Screen className="rating" testId="rating-screen" title={t('rating.title')}>
      <div className="rating-levels" role="radiogroup">
        {LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            role="radio"
            aria-checked={rating === level}
            className={rating === level ? 'rating-level selected' : 'rating-level'}
            data-testid={`rating-${level}`}
            onClick={() => setRating(level)}
          >
            {t(`rating.levels.${level}`)}
          </button>
        ))}
      </div>
      {rating !== null && rating <= 2 && (
        <div className="choices" data-testid="rating-reasons">
          {RATING_REASONS.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={reasons.includes(r)}
              className={reasons.includes(r) ? 'switch selected' : 'switch'}
              data-testid={`reason-${r}`}
              onClick={() => setReasons(reasons.includes(r) ? reasons.filter((x) => x !== r) : [...reasons, r])}
            >
              {t(`rating.reasons.${r}`)}
            </button>
          ))}
        </div>
      )}
      <ActionBar>
        <ActionButton kind="secondary" testId="rating-skip" onClick={onDone}>
          {t('rating.skip')}
        </ActionButton>
        <ActionButton kind="primary" testId="rating-submit" disabled={rating === null} onClick={() => void submit()}>
          {t('rating.submit')}
        </ActionButton>
      </ActionBar>
    </Screen>
  );
}
