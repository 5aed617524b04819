import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../common/i18n/languages';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError, type KioskClient } from '../../bridge/kiosk-client';
import { useSay, useSpokenPrompt } from '../../voice/voice-context';

type Results = RpcOutput<'results.list'>['results'];

/** 获取办事结果: the citizen's results, the ready ones printable. */
export function ResultsScreen({ client, language, onDone }: { client: KioskClient; language: Language; onDone: () => void }) {
  const { t } = useTranslation();
  const [results, setResults] = useState<Results | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const say = useSay();
  useSpokenPrompt(problem ?? (results?.length === 0 ? t('results.none') : t('results.title')));

  const messageOf = (err: unknown) => (err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage[language] : t('errors.coreUnavailable'));
  useEffect(() => {
    client.call('results.list', {}).then(
      (r) => setResults(r.results),
      (err: unknown) => setProblem(messageOf(err)),
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
    <main className="results" data-testid="results-screen">
      <h2 className="screen-title">{t('results.title')}</h2>
      {problem && (
        <p className="notice" role="alert" data-testid="results-problem">
          {problem}
        </p>
      )}
      {results && results.length === 0 && <p className="notice">{t('results.none')}</p>}
      <ul className="result-list">
        {results?.map((r) => (
          <li key={r.id} className="result" data-testid="result">
            <span className="result-title">{r.title[language]}</span>
            <span className={`result-status ${r.status}`}>{r.statusText[language]}</span>
            {r.printable && (
              <button type="button" className="secondary" data-testid={`result-print-${r.id}`} onClick={() => void print(r.id)}>
                {t('results.print')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {notice && (
        <p className="notice" role="status" data-testid="results-notice">
          {notice}
        </p>
      )}
      <button type="button" className="primary" data-testid="results-done" onClick={onDone}>
        {t('ticket.done')}
      </button>
    </main>
  );
}
