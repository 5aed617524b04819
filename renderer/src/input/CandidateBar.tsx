import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const PAGE = 8;

/** The candidates of a pad, a page of eight at a time; the first is the likeliest. */
export function CandidateBar(props: { candidates: readonly string[]; onPick: (index: number) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const [shownFor, setShownFor] = useState(props.candidates);
  // New candidates start at their first page.
  if (shownFor !== props.candidates) {
    setShownFor(props.candidates);
    setPage(0);
  }
  const pages = Math.max(1, Math.ceil(props.candidates.length / PAGE));
  const first = page * PAGE;
  return (
    <div className="candidate-bar" data-testid="candidate-bar" data-count={props.candidates.length}>
      <button
        type="button"
        className="key"
        data-testid="candidates-prev"
        aria-label={t('keyboard.previousCandidates')}
        disabled={page === 0}
        onClick={() => setPage(page - 1)}
      >
        ‹
      </button>
      <div className="candidates">
        {props.candidates.slice(first, first + PAGE).map((word, i) => (
          <button key={`${first + i}:${word}`} type="button" className="key candidate" data-testid={`candidate-${i}`} onClick={() => props.onPick(first + i)}>
            {word}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="key"
        data-testid="candidates-next"
        aria-label={t('keyboard.nextCandidates')}
        disabled={page >= pages - 1}
        onClick={() => setPage(page + 1)}
      >
        ›
      </button>
    </div>
  );
}
