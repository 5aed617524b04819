import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../common/i18n/languages';
import type { RpcOutput } from '../../../../../common/rpc/contract';

export type Submitted = Extract<RpcOutput<'form.submit'>, { outcome: 'submitted' }>;

/** The submission number on screen, and the receipt to take (or why it did not print). */
export function ReceiptStep({ submitted, title, language, onDone }: { submitted: Submitted; title: string; language: Language; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="form form-receipt" data-testid="form-receipt">
      <h2 className="screen-title">{t('form.receiptTitle')}</h2>
      <p className="form-service">{title}</p>
      <p className="ticket-label">{t('form.submissionNumber')}</p>
      <p className="form-submission-number" data-testid="form-submission-number">
        {submitted.submissionNumber}
      </p>
      <p className={submitted.printed ? 'ticket-take' : 'notice'} data-testid="form-receipt-printed">
        {receiptSentence(submitted, language, t)}
      </p>
      <button type="button" className="primary" data-testid="form-done" onClick={onDone}>
        {t('form.done')}
      </button>
    </main>
  );
}

export function receiptSentence(submitted: Submitted, language: Language, t: (key: string) => string): string {
  return submitted.printed ? t('form.takeReceipt') : `${submitted.printProblem?.[language] ?? ''} ${t('form.noteNumber')}`;
}
