import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { useClient } from '../../kiosk/kiosk-context';

type Status = RpcOutput<'tech.documentPrinter.status'>;

/** An IPP printer-state-reasons keyword without its severity (`media-empty-error` → `media-empty`). */
export const reasonKeyword = (reason: string): string => reason.replace(/-(error|warning|report)$/, '');

/**
 * The A4 printer (证明打印) for technicians: the queue asked, its state and reasons in words, and
 * a test page with how it ended. Asked on opening and on 查询状态, not every second (each is an
 * IPP request to the printer).
 */
export function DocumentPrinterPanel({ token }: { token: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [status, setStatus] = useState<Status | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failure = useCallback(
    (err: unknown) => (err instanceof RpcCallError ? t('tech.failed', { message: err.error.message }) : t('errors.coreUnavailable')),
    [t],
  );
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      try {
        await action();
      } catch (err) {
        setResult(failure(err));
      } finally {
        setBusy(false);
      }
    },
    [failure],
  );
  const check = () => run(async () => setStatus(await client.call('tech.documentPrinter.status', { token })));
  useEffect(() => {
    let live = true;
    client.call('tech.documentPrinter.status', { token }).then(
      (s) => live && setStatus(s),
      (err: unknown) => live && setResult(failure(err)),
    );
    return () => {
      live = false;
    };
  }, [client, token, failure]);

  const testPage = () =>
    run(async () => {
      setResult(t('tech.running'));
      const r = await client.call('tech.documentPrinter.testPage', { token });
      setResult(`${t('docPrinter.testEnd', { end: t(`docPrinter.ends.${r.end}`) })}${r.detail ? ` · ${r.detail}` : ''}`);
      setStatus(await client.call('tech.documentPrinter.status', { token }));
    });

  const reasons = status?.reasons.filter((r) => r !== 'none') ?? [];
  /** A reason the panel knows in words, with its keyword; an unknown one as the keyword. */
  const inWords = (reason: string) => {
    const words = t(`docPrinter.reasonWords.${reasonKeyword(reason)}`, { defaultValue: '' });
    return words ? `${words} (${reason})` : reason;
  };
  return (
    <section className="document-printer-panel" data-testid="document-printer-panel">
      <h3>{t('docPrinter.title')}</h3>
      {status && (
        <dl className="facts" data-testid="document-printer-status" data-ready={status.ready} data-state={status.state ?? 'none'}>
          <dt>{t('docPrinter.target')}</dt>
          <dd>{`${status.target}${status.emulated ? ` (${t('docPrinter.emulated')})` : ''}`}</dd>
          <dt>{t('docPrinter.state')}</dt>
          <dd data-testid="document-printer-state">
            {status.answered && status.state ? t(`docPrinter.states.${status.state}`) : t('docPrinter.noAnswer')}
            {' · '}
            {status.ready ? t('docPrinter.ready') : t('docPrinter.notReady')}
          </dd>
          <dt>{t('docPrinter.reasons')}</dt>
          <dd data-testid="document-printer-reasons">{reasons.length === 0 ? t('docPrinter.noReasons') : reasons.map(inWords).join('、')}</dd>
          {status.message && <dd>{status.message}</dd>}
          {status.error && <dd className="attention">{status.error}</dd>}
        </dl>
      )}
      <ActionBar>
        <ActionButton kind="secondary" testId="document-printer-check" disabled={busy} onClick={() => void check()}>
          {t('docPrinter.check')}
        </ActionButton>
        <ActionButton kind="secondary" testId="document-printer-test-page" disabled={busy} onClick={() => void testPage()}>
          {t('docPrinter.testPage')}
        </ActionButton>
      </ActionBar>
      {result && (
        <Notice role="status" testId="document-printer-result">
          {result}
        </Notice>
      )}
    </section>
  );
}
