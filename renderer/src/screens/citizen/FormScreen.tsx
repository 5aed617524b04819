import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../common/catalog/schema';
import { LANGUAGES, type Language } from '../../../../common/i18n/languages';
import type { FormFieldView, SignatureInput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSay, useSpokenPrompt } from '../../voice/spoken-prompts';
import { DateEditor } from './form/DateEditor';
import { FieldRow } from './form/FieldRow';
import { isEntered, newSubmissionId, reasonOf, signatureOf, valueOf, type FieldReasons, type FormAnswers } from './form/form-model';
import { receiptSentence, ReceiptStep, type Submitted } from './form/ReceiptStep';
import { ReviewStep } from './form/ReviewStep';
import { SignaturePad } from './form/SignaturePad';

type Localized = Record<Language, string>;
type Step = 'fill' | 'review' | 'receipt';

/**
 * A self-service form (a catalog `form` service): the card's fields come filled (masked, locked),
 * the rest are entered by touch, each checked by the core with the reason shown at the field;
 * then the signature, a review of everything, the submission and its receipt.
 */
export function FormScreen({ service, onDone, onBack }: { service: CatalogService; onDone: () => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const { client, language } = useKiosk();
  const say = useSay();
  const [fields, setFields] = useState<FormFieldView[] | null>(null);
  const [startProblem, setStartProblem] = useState<Localized | 'core' | null>(null);
  const [printerProblem, setPrinterProblem] = useState<Localized | null>(null);
  const [step, setStep] = useState<Step>('fill');
  const [answers, setAnswers] = useState<FormAnswers>({ values: {}, signatures: {} });
  const [reasons, setReasons] = useState<FieldReasons>({});
  const [editing, setEditing] = useState<FormFieldView | null>(null);
  const [busy, setBusy] = useState(false);
  const [fixNotice, setFixNotice] = useState(false);
  const [submitProblem, setSubmitProblem] = useState<Localized | 'core' | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  /** One per review screen: tapping submit again after a lost answer is the same submission, not a second one. */
  const [submissionId, setSubmissionId] = useState<string | null>(null);
  const serviceCode = service.code;
  const title = service.name[language];

  useEffect(() => {
    let live = true;
    client.call('form.start', { serviceCode }).then(
      (form) => {
        if (!live) return;
        setFields(form.fields);
        setPrinterProblem(form.printerProblem ?? null);
      },
      (err: unknown) => live && setStartProblem(err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage : 'core'),
    );
    // The printer's state may change while the citizen fills in the form: say it when it does.
    const off = client.on('device.state', (d) => {
      if (d.device !== 'printer') return;
      client.call('form.start', { serviceCode }).then(
        (form) => live && setPrinterProblem(form.printerProblem ?? null),
        () => undefined,
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [client, serviceCode]);

  const shown = (m: Localized | 'core') => (m === 'core' ? t('errors.coreUnavailable') : m[language]);
  // No answer from the core: the form may be stored already; the same submission id makes a retry safe.
  const shownSubmitProblem = (m: Localized | 'core') => (m === 'core' ? t('form.submitUnsure') : m[language]);
  const pause = language === 'en' ? '. ' : '，';
  useSpokenPrompt(spokenPrompt());

  function spokenPrompt(): string | null {
    if (startProblem) return shown(startProblem);
    if (!fields) return null;
    if (step === 'receipt' && submitted) return `${t('form.submissionNumber')} ${submitted.submissionNumber}${pause}${receiptSentence(submitted, language, t)}`;
    if (step === 'review') return submitProblem ? shownSubmitProblem(submitProblem) : t('form.reviewPrompt');
    if (editing) {
      const label = editing.label[language];
      if (editing.type === 'signature') return t('form.signPrompt');
      return editing.type === 'date' ? t('form.choosePrompt', { label }) : t('form.enterPrompt', { label });
    }
    if (fixNotice) return t('form.fixFields');
    return printerProblem ? `${printerProblem[language]}${pause}${t('form.fillPrompt')}` : t('form.fillPrompt');
  }

  const setReason = (fieldId: string, reason: Localized | null) =>
    setReasons((prev) => {
      const next = { ...prev };
      if (reason) next[fieldId] = reason;
      else delete next[fieldId];
      return next;
    });

  /** Asks the core about one answer; the reason, if any, is shown at the field and said. */
  const validate = useCallback(
    async (fieldId: string, value: string): Promise<Localized | null> => {
      try {
        const r = await client.call('form.validate', { serviceCode, fieldId, value });
        return r.ok ? null : (r.reason ?? null);
      } catch {
        return null; // Checked again at submission.
      }
    },
    [client, serviceCode],
  );

  const answer = async (field: FormFieldView, value: string) => {
    setEditing(null);
    setAnswers((a) => ({ ...a, values: { ...a.values, [field.id]: value } }));
    const reason = await validate(field.id, value);
    setReason(field.id, reason);
    if (reason) say(reason[language]);
  };

  const sign = (field: FormFieldView, signature: SignatureInput) => {
    setEditing(null);
    setAnswers((a) => ({ ...a, signatures: { ...a.signatures, [field.id]: signature } }));
    setReason(field.id, null);
  };

  const toReview = async () => {
    if (!fields) return;
    setBusy(true);
    const found: FieldReasons = {};
    await Promise.all(
      fields.filter(isEntered).map(async (f) => {
        if (f.type === 'signature') {
          if (f.required && !signatureOf(answers, f.id))
            found[f.id] = Object.fromEntries(LANGUAGES.map((l) => [l, i18n.getFixedT(l)('form.signatureMissing')])) as Localized;
          return;
        }
        const reason = await validate(f.id, valueOf(answers, f.id) ?? '');
        if (reason) found[f.id] = reason;
      }),
    );
    setBusy(false);
    setReasons(found);
    const ok = Object.keys(found).length === 0;
    setFixNotice(!ok);
    if (ok) {
      setSubmitProblem(null);
      setSubmissionId(newSubmissionId());
      setStep('review');
    }
  };

  const submit = async () => {
    if (!submissionId) return;
    setBusy(true);
    setSubmitProblem(null);
    try {
      const r = await client.call('form.submit', { serviceCode, values: answers.values, signatures: answers.signatures, lang: language, submissionId });
      if (r.outcome === 'submitted') {
        setSubmitted(r);
        setStep('receipt');
      } else {
        setReasons(Object.fromEntries(r.problems.map((p) => [p.fieldId, p.reason])));
        setFixNotice(true);
        setStep('fill');
      }
    } catch (err) {
      setSubmitProblem(err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage : 'core');
    } finally {
      setBusy(false);
    }
  };

  if (startProblem) {
    return (
      <Screen className="form" testId="form-unavailable" title={title}>
        <Notice role="alert" testId="form-start-problem">
          {shown(startProblem)}
        </Notice>
        <ActionButton kind="primary" testId="form-back" onClick={onBack}>
          {t('form.back')}
        </ActionButton>
      </Screen>
    );
  }
  if (!fields) {
    return (
      <Screen className="form" testId="form-loading">
        <p className="form-hint">{t('form.loading')}</p>
      </Screen>
    );
  }
  if (step === 'receipt' && submitted) return <ReceiptStep submitted={submitted} title={title} onDone={onDone} />;
  if (step === 'review') {
    return (
      <ReviewStep
        title={title}
        fields={fields}
        answers={answers}
        busy={busy}
        problem={submitProblem ? shownSubmitProblem(submitProblem) : null}
        onEdit={() => setStep('fill')}
        onSubmit={() => void submit()}
      />
    );
  }

  return (
    <Screen className="form" testId="form-screen" title={title}>
      <p className="form-hint">{t('form.fillPrompt')}</p>
      {printerProblem && (
        <Notice role="alert" testId="form-printer-problem">
          {printerProblem[language]}
        </Notice>
      )}
      <ul className="form-fields">
        {fields.map((f) => (
          <FieldRow
            key={f.id}
            field={f}
            answers={answers}
            reason={reasonOf(reasons, f.id)?.[language] ?? null}
            onEdit={() => setEditing(f)}
            onChoose={(value) => void answer(f, value)}
          />
        ))}
      </ul>
      {fixNotice && Object.keys(reasons).length > 0 && (
        <Notice role="alert" testId="form-fix">
          {t('form.fixFields')}
        </Notice>
      )}
      <ActionBar spread>
        <ActionButton kind="secondary" testId="form-back" onClick={onBack}>
          {t('form.back')}
        </ActionButton>
        <ActionButton kind="primary" testId="form-next" busy={busy} busyLabel={t('form.checking')} onClick={() => void toReview()}>
          {t('form.next')}
        </ActionButton>
      </ActionBar>
      {editing?.type === 'signature' && <SignaturePad label={editing.label[language]} onDone={(s) => sign(editing, s)} onCancel={() => setEditing(null)} />}
      {editing?.type === 'date' && (
        <DateEditor
          label={editing.label[language]}
          value={valueOf(answers, editing.id) ?? ''}
          onDone={(v) => void answer(editing, v)}
          onCancel={() => setEditing(null)}
        />
      )}
      {editing && (editing.type === 'text' || editing.type === 'digits' || editing.type === 'phone') && (
        <OnScreenKeyboard
          label={editing.label[language]}
          value={valueOf(answers, editing.id) ?? ''}
          digitsOnly={editing.type !== 'text'}
          chinese={language}
          onDone={(v) => void answer(editing, v)}
          onCancel={() => setEditing(null)}
        />
      )}
    </Screen>
  );
}
