import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { useClient, useHallTimeZone } from '../../kiosk/kiosk-context';
import { hallTime } from '../../../../common/time/hall-clock';

type Samples = RpcOutput<'demo.samples'>;
type Slip = RpcOutput<'demo.printed'>['slips'][number];
type PrintedDocuments = RpcOutput<'demo.documents.printed'>;

/**
 * The demo panel of the embedded defaults: a small "演示" tab at the screen edge opening buttons
 * that place or take away a sample card, scan a sample QR code, and show the slips the virtual
 * printer printed. App shows it only when `settings.demo` (never in production configuration),
 * and the core refuses its calls there anyway.
 */
export function DemoPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const timeZone = useHallTimeZone();
  const [open, setOpen] = useState(false);
  const [samples, setSamples] = useState<Samples | null>(null);
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [documents, setDocuments] = useState<PrintedDocuments | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The tab shows only where there is something to drive (the core answers with samples).
  const [available, setAvailable] = useState(false);

  useEffect(() => {
    let live = true;
    client.call('demo.samples', {}).then(
      (s) => live && setAvailable(s.cards.length > 0 || s.qrCodes.length > 0),
      () => live && setAvailable(false),
    );
    return () => {
      live = false;
    };
  }, [client]);

  const attempt = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T | null> => {
      setProblem(null);
      try {
        return await action();
      } catch (err) {
        setProblem(t('demo.failed', { reason: err instanceof RpcCallError ? err.error.message : String(err) }));
        return null;
      }
    },
    [t],
  );

  const refreshPrinted = useCallback(async () => {
    const r = await attempt(() => client.call('demo.printed', { limit: 5 }));
    if (r) setSlips(r.slips);
    const d = await attempt(() => client.call('demo.documents.printed', { limit: 5 }));
    if (d) setDocuments(d);
  }, [attempt, client]);

  const openPanel = () => {
    setOpen(true);
    void attempt(() => client.call('demo.samples', {})).then((s) => s && setSamples(s));
    void refreshPrinted();
  };

  const close = () => {
    setOpen(false);
    setSlips(null);
    setDocuments(null);
    setProblem(null);
  };
  // After a card or a code the citizen's screen reacts: the panel gets out of its way.
  const thenClose = async (action: () => Promise<unknown>) => {
    if ((await attempt(action)) !== null) close();
  };

  if (!available) return null;
  if (!open) {
    return (
      <button type="button" className="demo-tab" data-testid="demo-tab" onClick={openPanel}>
        {t('demo.tab')}
      </button>
    );
  }
  return (
    <aside className="demo-panel" role="dialog" aria-label={t('demo.title')} data-testid="demo-panel">
      <header className="demo-header">
        <h2>{t('demo.title')}</h2>
        <ActionButton kind="secondary" testId="demo-close" onClick={close}>
          {t('demo.close')}
        </ActionButton>
      </header>
      <p className="demo-note">{t('demo.note')}</p>
      {problem && (
        <Notice role="alert" testId="demo-problem">
          {problem}
        </Notice>
      )}
      <section>
        <h3>{t('demo.cardsTitle')}</h3>
        <div className="demo-buttons">
          {samples?.cards.map((c) => (
            <ActionButton
              key={c.id}
              kind="secondary"
              testId={`demo-card-${c.id}`}
              onClick={() => void thenClose(() => client.call('demo.card.place', { card: c.id }))}
            >
              {t(`demo.cards.${c.id}`, { defaultValue: t(`demo.cards.${c.type}`) })}
            </ActionButton>
          ))}
          <ActionButton kind="secondary" testId="demo-card-remove" onClick={() => void attempt(() => client.call('demo.card.remove', {}))}>
            {t('demo.removeCard')}
          </ActionButton>
        </div>
      </section>
      <section>
        <h3>{t('demo.qrTitle')}</h3>
        <div className="demo-buttons">
          {samples && samples.qrCodes.length === 0 && <p>{t('demo.noQr')}</p>}
          {samples?.qrCodes.map((q) => (
            <ActionButton
              key={q.code}
              kind="secondary"
              testId={`demo-qr-${q.code}`}
              onClick={() => void thenClose(() => client.call('demo.qr.scan', { code: q.code }))}
            >
              {q.label}
            </ActionButton>
          ))}
        </div>
      </section>
      <section>
        <h3>
          {t('demo.printedTitle')}{' '}
          <button type="button" className="link" data-testid="demo-printed-refresh" onClick={() => void refreshPrinted()}>
            {t('demo.refresh')}
          </button>
        </h3>
        {slips && slips.length === 0 && <p>{t('demo.nonePrinted')}</p>}
        <ol className="demo-slips" data-testid="demo-printed">
          {slips?.map((s) => (
            <li key={s.job} data-testid="demo-slip">
              <time dateTime={s.printedAt}>{hallTime(Date.parse(s.printedAt), timeZone)}</time>
              <pre>{s.text}</pre>
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h3>{t('docPrinter.demoTitle')}</h3>
        {documents && documents.files.length === 0 && <p>{t('docPrinter.demoNone')}</p>}
        <ol className="demo-documents" data-testid="demo-documents">
          {documents?.files.map((f) => (
            <li key={f.name} data-testid="demo-document">
              <time dateTime={f.printedAt}>{hallTime(Date.parse(f.printedAt), timeZone)}</time> {f.name} ·{' '}
              {t('docPrinter.demoFile', { kib: Math.ceil(f.bytes / 1024) })}
            </li>
          ))}
        </ol>
        {documents?.directory && <p className="demo-note">{t('docPrinter.demoDirectory', { dir: documents.directory })}</p>}
      </section>
    </aside>
  );
}
