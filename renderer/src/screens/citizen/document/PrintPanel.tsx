import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../../common/i18n/languages';
import { ActionBar } from '../../../components/ActionBar';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { useKiosk } from '../../../kiosk/kiosk-context';
import { MAX_COPIES, type useDocumentPrint } from './use-document-print';

type Printing = ReturnType<typeof useDocumentPrint>;

/** The core's sentence in the session's language, else the screen's own. */
export function useSentence(): (message: LocalizedText | null, fallbackKey: string) => string {
  const { t } = useTranslation();
  const { language } = useKiosk();
  return (message, fallbackKey) => message?.[language] ?? t(fallbackKey);
}

/**
 * Below the preview: 打印 (the printer asked first), the copies 1–3, 正在打印…, or why nothing
 * was printed with 重新打印 when it may be tried again; 返回列表 while nothing is being printed.
 */
export function PrintPanel({ printing, onBack }: { printing: Printing; onBack: () => void }) {
  const { t } = useTranslation();
  const sentence = useSentence();
  const { state, copies } = printing;
  const busy = state.phase === 'checking' || state.phase === 'printing';
  const back = (
    <ActionButton kind="secondary" testId="document-back" disabled={busy} onClick={onBack}>
      {t('documents.backToList')}
    </ActionButton>
  );

  if (state.phase === 'copies' || state.phase === 'printing') {
    return (
      <div className="document-print" data-testid="document-copies">
        <p className="document-prompt">{t('documents.copiesPrompt')}</p>
        <div className="document-copies" role="group" aria-label={t('documents.copiesPrompt')}>
          {Array.from({ length: MAX_COPIES }, (_, i) => i + 1).map((n) => (
            <button
              key={n}
              type="button"
              className={n === copies ? 'copies selected' : 'copies'}
              aria-pressed={n === copies}
              data-testid={`document-copies-${n}`}
              disabled={busy}
              onClick={() => printing.chooseCopies(n)}
            >
              {t('documents.copies', { count: n })}
            </button>
          ))}
        </div>
        {state.phase === 'printing' && (
          <Notice role="status" testId="document-printing">
            {t('documents.printing')}
          </Notice>
        )}
        <ActionBar>
          <ActionButton kind="secondary" testId="document-copies-back" disabled={busy} onClick={printing.reset}>
            {t('documents.back')}
          </ActionButton>
          <ActionButton kind="primary" testId="document-print-confirm" busy={busy} busyLabel={t('documents.printing')} onClick={() => void printing.print()}>
            {t('documents.confirmPrint')}
          </ActionButton>
        </ActionBar>
      </div>
    );
  }

  if (state.phase === 'not-printed') {
    return (
      <div className="document-print">
        <Notice role="alert" testId="document-not-printed">
          {sentence(state.message, 'documents.notPrinted')}
        </Notice>
        <ActionBar>
          {back}
          {state.mayRetry && (
            <ActionButton kind="primary" testId="document-retry" onClick={() => void printing.print()}>
              {t('documents.retry')}
            </ActionButton>
          )}
        </ActionBar>
      </div>
    );
  }

  return (
    <div className="document-print">
      {state.phase === 'not-ready' && (
        <Notice role="alert" testId="document-printer-not-ready">
          {sentence(state.message, 'documents.printerNotReady')}
        </Notice>
      )}
      <ActionBar>
        {back}
        <ActionButton kind="primary" testId="document-print" busy={busy} busyLabel={t('documents.checkingPrinter')} onClick={() => void printing.askPrinter()}>
          {t('documents.print')}
        </ActionButton>
      </ActionBar>
    </div>
  );
}
