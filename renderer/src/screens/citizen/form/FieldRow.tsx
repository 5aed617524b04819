import { useTranslation } from 'react-i18next';
import type { FormFieldView } from '../../../../../common/rpc/contract';
import { useLanguage } from '../../../kiosk/kiosk-context';
import { shownValue, signatureOf, valueOf, type FormAnswers } from './form-model';
import { SignaturePreview } from './SignaturePreview';

/**
 * One field of the form: its label, the answer (the card's masked and locked), the reason the
 * core gave when the answer is refused. Choices are large buttons right here; text, dates and
 * the signature open their editor.
 */
export function FieldRow(props: { field: FormFieldView; answers: FormAnswers; reason: string | null; onEdit: () => void; onChoose: (value: string) => void }) {
  const { field, answers, reason } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const shown = shownValue(field, answers, language);
  const signature = signatureOf(answers, field.id);

  let body;
  if (field.fromCard) {
    body = (
      <span className="form-value locked" data-testid={`form-value-${field.id}`}>
        <LockIcon />
        {field.fromCard.masked}
        <span className="form-from-card" data-testid={`form-from-card-${field.id}`}>
          {t('form.fromCard')}
        </span>
      </span>
    );
  } else if (field.type === 'choice') {
    body = (
      <div className="form-options" role="radiogroup" aria-label={field.label[language]}>
        {field.options?.map((o) => {
          const chosen = valueOf(answers, field.id) === o.value;
          return (
            <button
              key={o.value}
              type="button"
              role="radio"
              aria-checked={chosen}
              className={chosen ? 'switch form-option selected' : 'switch form-option'}
              data-testid={`form-option-${field.id}-${o.value}`}
              onClick={() => props.onChoose(o.value)}
            >
              {o.label[language]}
            </button>
          );
        })}
      </div>
    );
  } else if (field.type === 'signature') {
    body = (
      <button type="button" className="secondary form-edit" data-testid={`form-edit-${field.id}`} onClick={props.onEdit}>
        {signature ? <SignaturePreview signature={signature} /> : null}
        <span>{signature ? t('form.signAgain') : t('form.tapToSign')}</span>
      </button>
    );
  } else {
    body = (
      <button type="button" className="secondary form-edit" data-testid={`form-edit-${field.id}`} onClick={props.onEdit}>
        <span className="form-value" data-testid={`form-value-${field.id}`}>
          {shown ?? (field.type === 'date' ? t('form.chooseDate') : t('form.tapToEnter'))}
        </span>
        {shown !== null && <span className="form-change">{t('form.change')}</span>}
      </button>
    );
  }

  return (
    <li className={reason ? 'form-field invalid' : 'form-field'} data-testid={`form-field-${field.id}`}>
      <span className="form-label">
        {field.label[language]}
        {!field.fromCard && <span className="form-required">{field.required ? t('form.required') : t('form.optional')}</span>}
      </span>
      {body}
      {reason && (
        <p className="form-error" role="alert" data-testid={`form-error-${field.id}`}>
          {reason}
        </p>
      )}
    </li>
  );
}

/** Drawn inline: kiosks have no emoji font. */
function LockIcon() {
  return (
    <svg className="form-lock" width="28" height="28" viewBox="0 0 28 28" fill="none" stroke="currentColor" strokeWidth="3" aria-hidden="true">
      <rect x="5" y="12" width="18" height="13" rx="2" />
      <path d="M9 12V8a5 5 0 0 1 10 0v4" />
    </svg>
  );
}
