import type { Language } from '../../../../../common/i18n/languages';
import type { FormFieldView, SignatureInput } from '../../../../../common/rpc/contract';

/** What the citizen has entered so far: text answers and signatures, by field id. */
export interface FormAnswers {
  values: Record<string, string>;
  signatures: Record<string, SignatureInput>;
}

export type FieldReasons = Record<string, Record<Language, string>>;

/** The pad's own units: the core checks strokes against them, whatever size the pad shows at. */
export const PAD = { width: 600, height: 240 } as const;

/** The answer for a field, own entries only: a catalog field id like `constructor` reads nothing inherited. */
export const valueOf = (answers: FormAnswers, fieldId: string): string | undefined =>
  Object.hasOwn(answers.values, fieldId) ? answers.values[fieldId] : undefined;
export const signatureOf = (answers: FormAnswers, fieldId: string): SignatureInput | undefined =>
  Object.hasOwn(answers.signatures, fieldId) ? answers.signatures[fieldId] : undefined;
export const reasonOf = (reasons: FieldReasons, fieldId: string): Record<Language, string> | undefined =>
  Object.hasOwn(reasons, fieldId) ? reasons[fieldId] : undefined;

/** A random (v4) UUID naming one submission attempt; getRandomValues works outside secure contexts too. */
export function newSubmissionId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Fields the citizen enters (the card's are filled by the core and never sent). */
export const isEntered = (field: FormFieldView) => field.fromCard === null;

/** The answer as the screen shows it: the card's masked value, an option's label, the text. */
export function shownValue(field: FormFieldView, answers: FormAnswers, language: Language): string | null {
  if (field.fromCard) return field.fromCard.masked;
  const value = valueOf(answers, field.id);
  if (!value) return null;
  if (field.type === 'choice') return field.options?.find((o) => o.value === value)?.label[language] ?? value;
  return value;
}
