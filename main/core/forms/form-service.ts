import type { Catalog, CatalogService, FormField } from '../../../common/catalog/schema';
import type { Language, LocalizedText } from '../../../common/i18n/languages';
import type { FormFieldView, RpcOutput, SignatureInput } from '../../../common/rpc/contract';
import { RpcError } from '../../../common/rpc/errors';
import { renderReceipt } from '../../../devices/printer/layouts/receipt';
import { citizenMessages } from '../../../devices/printer/messages';
import { PrintError } from '../../../devices/printer/print-error';
import type { Outbox } from '../../../offline-queue/outbox';
import type { Clock } from '../../../base/clock';
import type { Logger } from '../../logging/logger';
import type { IdCardService } from '../devices/id-card-service';
import type { PrinterService } from '../devices/printer-service';
import { identityRequired, type SessionSubject } from '../identity/session-subject';
import type { CoreService } from '../../../base/lifecycle';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import type { ParsedInput } from '../rpc/parsed-input';
import { cardFilledValues, maskedCardValue } from './card-autofill';
import { CatalogPatterns, fieldProblem } from './field-validation';
import type { FieldReason } from './form-reasons';
import { checkSignature, type StoredSignature } from './signature';
import { hallDay, submissionNumberFormat, SubmissionNumbers } from './submission-numbers';

export interface FormServiceDeps {
  logger: Logger;
  clock: Clock;
  /** Where the submission numbers' counters are kept (the data directory). */
  dataDir: string;
  /** Read at each submission: the terminal id and the hall's name in force. */
  terminalId: () => string;
  hallName: () => LocalizedText;
  /** A session's submissions are forgotten when it ends; a late printer answer stores nothing. */
  session: Pick<SessionService, 'sessionId' | 'onReset'>;
  idCard: Pick<IdCardService, 'currentIdentity'>;
  printer: Pick<PrinterService, 'problemNow' | 'ensureReady' | 'print' | 'profile' | 'timeZone'>;
  outbox: Pick<Outbox, 'enqueue'>;
  subject: Pick<SessionSubject, 'current'>;
  catalog: () => Catalog;
}

type Problem = { fieldId: string; reason: FieldReason };
type SubmitResult = RpcOutput<'form.submit'>;
/** How many submission ids a session remembers (a citizen submits a handful at most). */
const REMEMBERED_SUBMISSIONS = 32;

/** The map's own entry only: a field id like `constructor` must not read Object.prototype. */
const own = <T>(map: Record<string, T>, key: string): T | undefined => (Object.hasOwn(map, key) ? map[key] : undefined);

const NOT_RECORDED = {
  'zh-CN': '暂时无法提交，请稍后再试或到窗口办理',
  'zh-HK': '暫時無法提交，請稍後再試或到窗口辦理',
  en: 'Your form could not be submitted right now. Please try again later or go to a counter.',
} as const;

/**
 * Self-service forms (a catalog `form` service). The fields the card fills are filled here, in the
 * core, from the card read this session: the screen gets them masked to show and never sends them
 * back. What the citizen entered is checked field by field (`form.validate`, and all again at
 * submit); a valid submission gets a number, goes to the hub as `submission.created` through the
 * outbox (sealed at rest) and its receipt is printed. Only the service code and the submission
 * number are ever logged.
 */
export class FormService implements CoreService {
  readonly name = 'forms';
  private readonly numbers: SubmissionNumbers;
  private readonly patterns: CatalogPatterns;
  /**
   * This session's submissions by the screen's submission id: a retry of the same id (the
   * connection dropped before the answer came) gets the first answer, never a second entry.
   */
  private submissions = new Map<string, { serviceCode: string; result: Promise<SubmitResult> }>();

  constructor(private readonly deps: FormServiceDeps) {
    this.numbers = new SubmissionNumbers(deps.dataDir);
    this.patterns = new CatalogPatterns(({ serviceCode, fieldId }, error) =>
      deps.logger.error({ serviceCode, fieldId, error }, 'catalog pattern does not compile: the field takes no value'),
    );
    deps.session.onReset(() => {
      this.submissions = new Map();
    });
  }

  /** `form.start`: the form's fields, those the card fills shown masked (named so as not to be the lifecycle's `start`). */
  open({ serviceCode }: ParsedInput<'form.start'>): RpcOutput<'form.start'> {
    const service = this.formService(serviceCode);
    const filled = cardFilledValues(service.form ?? [], this.identityFor(service));
    const fields: FormFieldView[] = (service.form ?? []).map((f) => {
      const fromCard = filled.get(f.id);
      if (!fromCard) this.patterns.of(serviceCode, f); // a broken pattern is reported when the form opens
      return {
        id: f.id,
        label: f.label,
        type: f.type,
        required: f.required,
        ...(f.minLength !== undefined ? { minLength: f.minLength } : {}),
        ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
        ...(f.options ? { options: f.options } : {}),
        fromCard: fromCard ? { masked: maskedCardValue(fromCard.source, fromCard.value) } : null,
      };
    });
    // The last known state, as the menu has it: starting a form never waits on the printer.
    const printerProblem = this.deps.printer.problemNow('receipt');
    return { serviceCode, fields, ...(printerProblem ? { printerProblem } : {}) };
  }

  validate({ serviceCode, fieldId, value }: ParsedInput<'form.validate'>): RpcOutput<'form.validate'> {
    const service = this.formService(serviceCode);
    const field = this.enteredField(service, fieldId);
    if (field.type === 'signature') throw badField(fieldId, 'a signature is checked when the form is submitted');
    const reason = fieldProblem(field, value, this.patterns.of(serviceCode, field));
    return reason ? { ok: false, reason } : { ok: true };
  }

  stop(): void {
    this.numbers.close();
  }

  /** The first answer for a submission id this session; a refusal or an error is not kept (the citizen may try again). */
  submit(input: ParsedInput<'form.submit'>): Promise<SubmitResult> {
    const submissions = this.submissions;
    const earlier = submissions.get(input.submissionId);
    if (earlier) {
      if (earlier.serviceCode !== input.serviceCode)
        throw new RpcError('invalid-input', 'submission id already used for another form', {
          issues: [{ path: 'submissionId', message: 'already used for another form' }],
        });
      this.deps.logger.info({ serviceCode: input.serviceCode }, 'form submission repeated: the first answer is given again');
      return earlier.result;
    }
    const result = this.record(input);
    submissions.set(input.submissionId, { serviceCode: input.serviceCode, result });
    if (submissions.size > REMEMBERED_SUBMISSIONS) submissions.delete(submissions.keys().next().value!);
    const forget = () => submissions.delete(input.submissionId);
    result.then((r) => {
      if (r.outcome !== 'submitted') forget();
    }, forget);
    return result;
  }

  private async record({ serviceCode, values, signatures, lang }: ParsedInput<'form.submit'>): Promise<SubmitResult> {
    const service = this.formService(serviceCode);
    const fields = service.form ?? [];
    const identity = this.identityFor(service);
    const filled = cardFilledValues(fields, identity);
    const known = new Set(fields.map((f) => f.id));
    const sent = [...Object.keys(values).map((id) => [id, `values.${id}`]), ...Object.keys(signatures).map((id) => [id, `signatures.${id}`])];
    for (const [id, path] of sent as [string, string][]) {
      if (!known.has(id)) throw badField(id, `not a field of form ${serviceCode}`, path);
      if (filled.has(id)) throw badField(id, 'filled from the ID card by the terminal; not accepted from the screen', path);
    }

    const problems: Problem[] = [];
    const answers: Record<string, string> = Object.create(null) as Record<string, string>;
    const signed: Record<string, StoredSignature> = Object.create(null) as Record<string, StoredSignature>;
    for (const field of fields) {
      const fromCard = filled.get(field.id);
      if (fromCard) {
        answers[field.id] = fromCard.value;
      } else if (field.type === 'signature') {
        const checked = checkSignature(own<SignatureInput>(signatures, field.id), field.required);
        if (!checked.ok) problems.push({ fieldId: field.id, reason: checked.reason });
        else if (checked.signature) signed[field.id] = checked.signature;
      } else {
        const value = own(values, field.id) ?? '';
        const reason = fieldProblem(field, value, this.patterns.of(serviceCode, field));
        if (reason) problems.push({ fieldId: field.id, reason });
        else if (value !== '') answers[field.id] = value;
      }
    }
    if (problems.length > 0) {
      this.deps.logger.info({ serviceCode, refusedFields: problems.map((p) => p.fieldId) }, 'form submission refused');
      return { outcome: 'refused' as const, problems };
    }

    // A submission whose receipt cannot be printed is not taken (the citizen is told at the start too).
    const call = new CallSession(this.deps.session, 'form.submit');
    const subject = this.deps.subject.current();
    await this.deps.printer.ensureReady('receipt');
    // Ended while the printer was asked: nothing is stored, and nothing of the next session mixed in.
    call.stillCurrent();

    const now = this.deps.clock.now();
    const submittedAt = new Date(now).toISOString();
    const terminalId = this.deps.terminalId();
    // Checked before a sequence is taken: every number this gives is one the receipt can print.
    const day = hallDay(now, this.deps.printer.timeZone);
    const numberFor = submissionNumberFormat(serviceCode, terminalId, day);
    const submissionNumber = numberFor(this.numbers.take(serviceCode, day));
    // Rendered before anything is stored: a receipt that cannot be made refuses the submission
    // (the number is skipped, never given out), instead of failing after the form is queued.
    let receipt: Buffer;
    try {
      receipt = renderReceipt(
        {
          hall: this.deps.hallName()[lang],
          submissionNumber,
          service: service.name[lang],
          submittedAt: new Date(now),
          applicantName: identity?.name ?? '',
          ...(service.guide?.url ? { guideUrl: service.guide.url } : {}),
          lang,
        },
        { profile: this.deps.printer.profile, timeZone: this.deps.printer.timeZone },
      );
    } catch (err) {
      this.deps.logger.error({ err, serviceCode, submissionNumber }, 'form receipt could not be rendered; nothing stored');
      throw new RpcError('unavailable', 'the submission receipt could not be made', { citizenMessage: NOT_RECORDED });
    }
    try {
      this.deps.outbox.enqueue('submission.created', {
        submissionNumber,
        serviceCode,
        terminalId,
        submittedAt,
        lang,
        subject,
        fields: { ...answers },
        signatures: { ...signed },
      });
    } catch (err) {
      this.deps.logger.error({ err, serviceCode, submissionNumber }, 'form submission not recorded');
      throw new RpcError('unavailable', 'the submission could not be recorded', { citizenMessage: NOT_RECORDED });
    }
    this.deps.logger.info({ serviceCode, submissionNumber }, 'form submitted');

    // Stored from here on: whatever goes wrong with the paper, the citizen gets the number.
    let printProblem: Record<Language, string> | undefined;
    try {
      await this.deps.printer.print(receipt);
    } catch (err) {
      const reason = err instanceof PrintError ? err.reason : 'write-failed';
      printProblem = citizenMessages(reason, 'receipt');
      this.deps.logger.error({ err, reason, serviceCode, submissionNumber }, 'form submitted but receipt not printed');
    }
    return { outcome: 'submitted' as const, submissionNumber, submittedAt, printed: !printProblem, ...(printProblem ? { printProblem } : {}) };
  }

  private formService(serviceCode: string): CatalogService {
    const service = this.deps.catalog().services.find((s) => s.code === serviceCode);
    if (!service || service.kind !== 'form' || !service.form?.length) {
      throw new RpcError('invalid-input', `no form service ${serviceCode}`, { issues: [{ path: 'serviceCode', message: 'not a form service of this hall' }] });
    }
    return service;
  }

  /** The card read this session; a form the card fills needs one even if the catalog does not say so. */
  private identityFor(service: CatalogService) {
    const identity = this.deps.idCard.currentIdentity;
    const needsCard = service.requiresIdentity || (service.form ?? []).some((f) => f.autofill !== null);
    if (needsCard && !identity) throw identityRequired(service.code);
    return identity;
  }

  private enteredField(service: CatalogService, fieldId: string): FormField {
    const field = service.form?.find((f) => f.id === fieldId);
    if (!field) throw badField(fieldId, `not a field of form ${service.code}`, 'fieldId');
    if (cardFilledValues([field], this.identityFor(service)).has(fieldId)) {
      throw badField(fieldId, 'filled from the ID card by the terminal; not entered on the screen', 'fieldId');
    }
    return field;
  }
}

function badField(fieldId: string, message: string, path = `values.${fieldId}`): RpcError {
  return new RpcError('invalid-input', `field ${fieldId}: ${message}`, { issues: [{ path, message }] });
}
