import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { useKiosk } from '../../kiosk/kiosk-context';

type Result = RpcOutput<'results.list'>['results'][number];

/** What a result says beyond its status: dates, department, why not approved, and what to do next. */
export function ResultDetails({ result: r }: { result: Result }) {
  const { t } = useTranslation();
  const { language } = useKiosk();
  const facts = (
    [
      ['acceptedOn', r.acceptedOn],
      ['decidedOn', r.decidedOn],
      ['department', r.department],
      ['reason', r.reason],
    ] as const
  ).filter(([, value]) => value !== null);
  return (
    <>
      {facts.length > 0 && (
        <dl className="result-facts">
          {facts.map(([key, value]) => (
            <div key={key} className={`result-fact ${key}`} data-testid={`result-${key}`}>
              <dt>{t(`results.${key}`)}</dt>
              <dd>{value![language]}</dd>
            </div>
          ))}
        </dl>
      )}
      {r.nextStep && (
        <section className="result-next" data-testid="result-next-step">
          <h3>{t('results.nextStep')}</h3>
          <p data-testid="result-next-text">{r.nextStep.text[language]}</p>
          {r.nextStep.place && (
            <p data-testid="result-next-place">
              {t('results.place')}
              {r.nextStep.place[language]}
            </p>
          )}
          {r.nextStep.bring.length > 0 && (
            <div data-testid="result-next-bring">
              {t('results.bring')}
              <ol>
                {r.nextStep.bring.map((b) => (
                  <li key={b['zh-CN']}>{b[language]}</li>
                ))}
              </ol>
            </div>
          )}
          {r.nextStep.by && (
            <p data-testid="result-next-by">
              {t('results.by')}
              {r.nextStep.by[language]}
            </p>
          )}
        </section>
      )}
    </>
  );
}
