import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionBar } from '../../../components/ActionBar';
import { ActionButton } from '../../../components/ActionButton';
import { useHallTimeZone } from '../../../kiosk/kiosk-context';
import { hallParts } from '../../../../../common/time/hall-clock';

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad2 = (n: number) => String(n).padStart(2, '0');

/** The value's date, else today on the hall clock. */
function parse(value: string, timeZone: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const { year, month, day } = hallParts(Date.now(), timeZone);
  return { year, month, day };
}

/** A date by large year / month / day steppers: no typing, no calendar to find one's way in. */
export function DateEditor({ label, value, onDone, onCancel }: { label: string; value: string; onDone: (value: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const timeZone = useHallTimeZone();
  const [date, setDate] = useState(() => parse(value, timeZone));
  const set = (next: { year: number; month: number; day: number }) => {
    const year = Math.min(2100, Math.max(1900, next.year));
    const month = ((next.month - 1 + 12) % 12) + 1;
    setDate({ year, month, day: Math.min(next.day, daysIn(year, month)) });
  };
  const parts = [
    { key: 'year', shown: String(date.year), step: (d: number) => set({ ...date, year: date.year + d }) },
    { key: 'month', shown: pad2(date.month), step: (d: number) => set({ ...date, month: date.month + d }) },
    {
      key: 'day',
      shown: pad2(date.day),
      step: (d: number) => {
        const max = daysIn(date.year, date.month);
        setDate({ ...date, day: ((date.day - 1 + d + max) % max) + 1 });
      },
    },
  ] as const;

  return (
    <div className="overlay" role="dialog" aria-label={label} data-testid="date-editor">
      <div className="dialog">
        <h2>{label}</h2>
        <div className="date-steppers">
          {parts.map((p) => (
            <div className="date-part" key={p.key}>
              <span className="date-part-label">{t(`form.${p.key}`)}</span>
              {p.key === 'year' && (
                <button
                  type="button"
                  className="secondary date-step"
                  aria-label={`${t('form.year')} +10`}
                  data-testid="date-year-up10"
                  onClick={() => p.step(10)}
                >
                  ▲ 10
                </button>
              )}
              <button
                type="button"
                className="secondary date-step"
                aria-label={`${t(`form.${p.key}`)} ${t('form.later')}`}
                data-testid={`date-${p.key}-up`}
                onClick={() => p.step(1)}
              >
                ▲
              </button>
              <span className="date-part-value" data-testid={`date-${p.key}`}>
                {p.shown}
              </span>
              <button
                type="button"
                className="secondary date-step"
                aria-label={`${t(`form.${p.key}`)} ${t('form.earlier')}`}
                data-testid={`date-${p.key}-down`}
                onClick={() => p.step(-1)}
              >
                ▼
              </button>
              {p.key === 'year' && (
                <button
                  type="button"
                  className="secondary date-step"
                  aria-label={`${t('form.year')} -10`}
                  data-testid="date-year-down10"
                  onClick={() => p.step(-10)}
                >
                  ▼ 10
                </button>
              )}
            </div>
          ))}
        </div>
        <ActionBar spread>
          <ActionButton kind="secondary" testId="date-cancel" onClick={onCancel}>
            {t('form.cancel')}
          </ActionButton>
          <ActionButton kind="primary" testId="date-done" onClick={() => onDone(`${date.year}-${pad2(date.month)}-${pad2(date.day)}`)}>
            {t('form.dateDone')}
          </ActionButton>
        </ActionBar>
      </div>
    </div>
  );
}
