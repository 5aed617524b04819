import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { useClient, useHallTimeZone } from '../../kiosk/kiosk-context';
import { hallTimestamp } from '../../../../common/time/hall-clock';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';

type QueueSummary = RpcOutput<'tech.queue'>;

/** Outbox depth, oldest entry, dead letters (with a retry), and the link to the hub. */
export function QueuePanel({ token, onResult }: { token: string; onResult: (text: string) => void }) {
  const { t } = useTranslation();
  const timeZone = useHallTimeZone();
  const client = useClient();
  const [q, setQ] = useState<QueueSummary | null>(null);
  const refresh = useCallback(() => client.call('tech.queue', { token }).then(setQ, () => undefined), [client, token]);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), 2000);
    return () => window.clearInterval(timer);
  }, [refresh]);
  if (!q) return null;

  const age = (seconds: number | null) =>
    seconds === null ? '—' : seconds < 120 ? t('tech.queue.ageS', { s: Math.round(seconds) }) : t('tech.queue.ageMin', { min: Math.round(seconds / 60) });

  const retry = async () => {
    const r = await client.call('tech.queue.retryDead', { token });
    onResult(t('tech.queue.retried', { count: r.retried }));
    void refresh();
  };
  const check = async () => {
    const r = await client.call('tech.hub.check', { token });
    onResult(
      r.reachable
        ? t('tech.hub.ok', { ms: r.rttMs, skew: r.clockSkewMs === null ? '—' : Math.round(r.clockSkewMs / 1000) })
        : t('tech.hub.down', { error: r.error ?? '' }),
    );
    void refresh();
  };

  return (
    <section className="queue-panel" data-testid="queue-panel">
      <h3>{t('tech.queue.title')}</h3>
      <dl className="facts">
        <dt>{t('tech.queue.pending')}</dt>
        <dd data-testid="queue-pending">{q.stats.pending + q.stats.inFlight}</dd>
        <dt>{t('tech.queue.oldest')}</dt>
        <dd data-testid="queue-oldest">{age(q.stats.oldestPendingAgeS)}</dd>
        <dt>{t('tech.queue.acknowledgedToday')}</dt>
        <dd>{q.stats.acknowledgedToday}</dd>
        <dt>{t('tech.queue.dead')}</dt>
        <dd data-testid="queue-dead">{q.stats.dead}</dd>
        <dt>{t('tech.queue.lastSync')}</dt>
        <dd>{q.sync.lastSuccessAt ? hallTimestamp(Date.parse(q.sync.lastSuccessAt), timeZone) : '—'}</dd>
        {q.sync.lastError && (
          <>
            <dt>{t('tech.queue.lastError')}</dt>
            <dd>{`${q.sync.lastError.message} · ${hallTimestamp(Date.parse(q.sync.lastError.at), timeZone)}`}</dd>
          </>
        )}
        {q.sync.authProblem && (
          <>
            <dt>{t('tech.queue.authProblem')}</dt>
            <dd className="attention">{`${q.sync.authProblem.message}${q.sync.authProblem.clockSkewMs !== null ? ` (${Math.round(q.sync.authProblem.clockSkewMs / 1000)} s)` : ''}`}</dd>
          </>
        )}
        <dt>{t('tech.hub.title')}</dt>
        {q.hub.url === null ? (
          // No usable hub (production without hub.url, http:// in production, no secret, unreadable CA).
          <dd data-testid="hub-state" className="attention">
            {t('tech.hub.notConfigured', { why: (q.hub.lastError ?? '').replace(/^hub not configured:\s*/, '') })}
          </dd>
        ) : (
          <dd data-testid="hub-state">
            {`${q.hub.url} · ${q.hub.lastOkAt ? t('tech.hub.lastOk', { at: hallTimestamp(Date.parse(q.hub.lastOkAt), timeZone) }) : t('tech.hub.never')}${q.hub.clockSkewMs !== null ? ` · ${t('tech.hub.skew', { s: Math.round(q.hub.clockSkewMs / 1000) })}` : ''}`}
          </dd>
        )}
      </dl>
      {q.dead.length > 0 && (
        <ul className="dead-letters" data-testid="dead-letters">
          {q.dead.map((d) => (
            <li key={d.key}>{`#${d.seq} ${d.kind} · ${d.reason}`}</li>
          ))}
        </ul>
      )}
      <ActionBar>
        <ActionButton kind="secondary" testId="retry-dead" disabled={q.stats.dead === 0} onClick={() => void retry()}>
          {t('tech.queue.retry')}
        </ActionButton>
        <ActionButton kind="secondary" testId="hub-check" onClick={() => void check()}>
          {t('tech.hub.check')}
        </ActionButton>
      </ActionBar>
    </section>
  );
}
