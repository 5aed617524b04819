import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSay, useSpokenPrompt } from '../../voice/spoken-prompts';
import { ResultDetails } from './ResultDetails';

type Results = RpcOutput<'results.list'>['results'];

/** 获取办事结果: the citizen's results, the ready ones printable. */
export function ResultsScreen({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { client, language } = useKiosk();
  const [results, setResults] = useState<Results | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const say = useSay();
  useSpokenPrompt(problem ?? (results?.length === 0 ? t('results.none') : t('results.title')));

  const messageOf = (err: unknown) =>
    err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage[language] : t('errors.coreUnavailable');
  // The list is fetched once per client; a failure is worded in the language chosen when it fails.
  const onListFailed = useEffectEvent((err: unknown) => setProblem(messageOf(err)));
  useEffect(() => {
    client.call('results.list', {}).then(
      (r) => setResults(r.results),
      (err: unknown) => onListFailed(err),
    );
  }, [client]);

  const print = async (id: string) => {
    setNotice(null);
    try {
      await client.call('results.print', { id, lang: language });
      setNotice(t('results.printed'));
      say(t('results.printed'));
    } catch (err) {
      setNotice(messageOf(err));
      say(messageOf(err));
    }
  };

  return (
    <Screen className="results" testId="results-screen" title={t('results.title')}>
      {problem && (
        <Notice role="alert" testId="results-problem">
          {problem}
        </Notice>
      )}
      {results && results.length === 0 && <Notice>{t('results.none')}</Notice>}
      <ul className="result-list">
        {results?.map((r) => (
          <li key={r.id} className="result" data-testid="result">
            <div className="result-head">
              <span className="result-title">{r.title[language]}</span>
              <span className={`result-status ${r.status}`}>{r.statusText[language]}</span>
              {r.printable && (
                <ActionButton kind="secondary" testId={`result-print-${r.id}`} onClick={() => void print(r.id)}>
                  {t('results.print')}
                </ActionButton>
              )}
            </div>
            <ResultDetails result={r} />
          </li>
        ))}
      </ul>
      {notice && (
        <Notice role="status" testId="results-notice">
          {notice}
        </Notice>
      )}
      <ActionButton kind="primary" testId="results-done" onClick={onDone}>
        {t('ticket.done')}
      </ActionButton>
    </Screen>
  );
}
