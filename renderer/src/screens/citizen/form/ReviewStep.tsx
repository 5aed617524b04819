import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../../common/i18n/languages';
import type { FormFieldView } from '../../../../../common/rpc/contract';
import { shownValue, signatureOf, type FormAnswers } from './form-model';
import { SignaturePreview } from './SignaturePreview';

/** Everything the citizen is about to submit, to check once more (the card's values masked). */
export function ReviewStep(props: {
  title: string;
  fields: FormFieldView[];
  answers: FormAnswers;
  language: Language;
  busy: boolean;
  problem: string | null;
  onEdit: () => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="form" data-testid="form-review">
      <h2 className="screen-title">{t('form.reviewTitle')}</h2>
      <p className="form-service">{props.title}</p>
      <dl className="form-review-list">
        {props.fields.map((f) => {
          const signature = signatureOf(props.answers, f.id);
          return (
            <div className="form-review-row" key={f.id} data-testid={`form-review-${f.id}`}>
              <dt>{f.label[props.language]}</dt>
              <dd>
                {f.type === 'signature' && signature ? <SignaturePreview signature={signature} /> : (shownValue(f, props.answers, props.language) ?? t('form.notFilled'))}
                {f.fromCard && <span className="form-from-card">{t('form.fromCard')}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
      {props.problem && (
        <p className="notice" role="alert" data-testid="form-problem">
          {props.problem}
        </p>
      )}
      <div className="staff-actions form-actions">
        <button type="button" className="secondary" data-testid="form-edit" disabled={props.busy} onClick={props.onEdit}>
          {t('form.edit')}
        </button>
        <button type="button" className="primary" data-testid="form-submit" disabled={props.busy} onClick={props.onSubmit}>
          {props.busy ? t('form.submitting') : t('form.submit')}
        </button>
      </div>
    </main>
  );
}
