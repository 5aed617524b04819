import { useTranslation } from 'react-i18next';
import type { FormFieldView } from '../../../../../common/rpc/contract';
import { ActionBar } from '../../../components/ActionBar';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { Screen } from '../../../components/Screen';
import { useLanguage } from '../../../kiosk/kiosk-context';
import { shownValue, signatureOf, type FormAnswers } from './form-model';
import { SignaturePreview } from './SignaturePreview';

/** Everything the citizen is about to submit, to check once more (the card's values masked). */
export function ReviewStep(props: {
  title: string;
  fields: FormFieldView[];
  answers: FormAnswers;
  busy: boolean;
  problem: string | null;
  onEdit: () => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Screen className="form" testId="form-review" title={t('form.reviewTitle')}>
      <p className="form-service">{props.title}</p>
      <dl className="form-review-list">
        {props.fields.map((f) => {
          const signature = signatureOf(props.answers, f.id);
          return (
            <div className="form-review-row" key={f.id} data-testid={`form-review-${f.id}`}>
              <dt>{f.label[language]}</dt>
              <dd>
                {f.type === 'signature' && signature ? (
                  <SignaturePreview signature={signature} />
                ) : (
                  (shownValue(f, props.answers, language) ?? t('form.notFilled'))
                )}
                {f.fromCard && <span className="form-from-card">{t('form.fromCard')}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
      {props.problem && (
        <Notice role="alert" testId="form-problem">
          {props.problem}
        </Notice>
      )}
      <ActionBar spread>
        <ActionButton kind="secondary" testId="form-edit" disabled={props.busy} onClick={props.onEdit}>
          {t('form.edit')}
        </ActionButton>
        <ActionButton kind="primary" testId="form-submit" busy={props.busy} busyLabel={t('form.submitting')} onClick={props.onSubmit}>
          {t('form.submit')}
        </ActionButton>
      </ActionBar>
    </Screen>
  );
}
