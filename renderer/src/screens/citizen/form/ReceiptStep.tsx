import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../common/i18n/languages';
import type { RpcOutput } from '../../../../../common/rpc/contract';
import { ActionButton } from '../../../components/ActionButton';
import { Screen } from '../../../components/Screen';
import { useLanguage } from '../../../kiosk/kiosk-context';

export type Submitted = Extract<RpcOutput<'form.submit'>, { outcome: 'submitted' }>;

/** The submission number on screen, and the receipt to take (or why it did not print). */
export function ReceiptStep({ submitted, title, onDone }: { submitted: Submitted; title: string; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Screen className="form form-receipt" testId="form-receipt" title={t('form.receiptTitle')}>
      <p className="form-service">{title}</p>
      <p className="ticket-label">{t('form.submissionNumber')}</p>
      <p className="form-submission-number" data-testid="form-submission-number">
        {submitted.submissionNumber}
      </p>
      <p className={submitted.printed ? 'ticket-take' : 'notice'} data-testid="form-receipt-printed">
        {receiptSentence(submitted, language, t)}
      </p>
      <ActionButton kind="primary" testId="form-done" onClick={onDone}>
        {t('form.done')}
      </ActionButton>
    </Screen>
  );
}

export function receiptSentence(submitted: Submitted, language: Language, t: (key: string) => string): string {
  return submitted.printed ? t('form.takeReceipt') : `${submitted.printProblem?.[language] ?? ''} ${t('form.noteNumber')}`;
}
