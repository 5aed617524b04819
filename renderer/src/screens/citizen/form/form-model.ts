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

/** Fields the citizen enters (the card's are filled by the core and never sent). */
export const isEntered = (field: FormFieldView) => field.fromCard === null;

/** The answer as the screen shows it: the card's masked value, an option's label, the text. */
export function shownValue(field: FormFieldView, answers: FormAnswers, language: Language): string | null {
  if (field.fromCard) return field.fromCard.masked;
  const value = answers.values[field.id];
  if (!value) return null;
  if (field.type === 'choice') return field.options?.find((o) => o.value === value)?.label[language] ?? value;
  return value;
}
