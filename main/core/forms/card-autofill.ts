import type { FormField } from '../../../common/catalog/schema';
import { maskAddress, maskIdNumber, maskName } from '../../../common/privacy/mask';
import type { IdCardRecord } from '../../../devices/id-card/card-parser';

type AutofillSource = NonNullable<FormField['autofill']>;

/** The card's value for an auto-filled field, in full (core only); null when the card has none. */
export function cardValue(record: IdCardRecord, source: AutofillSource): string | null {
  switch (source) {
    case 'name':
      return record.name || null;
    case 'idNumber':
      return record.idNumber || null;
    case 'address':
      return record.address || null;
    case 'gender':
      return record.gender.label || null;
    case 'birthDate':
      return record.birthDate || null;
  }
}

/** What the screen shows of an auto-filled value: masked as everywhere else (张*三, 1101**********0011). */
export function maskedCardValue(source: AutofillSource, value: string): string {
  switch (source) {
    case 'name':
      return maskName(value);
    case 'idNumber':
      return maskIdNumber(value);
    case 'address':
      return maskAddress(value);
    case 'birthDate':
      return value.replace(/^(\d{4})-\d{2}-\d{2}$/, '$1-**-**');
    case 'gender':
      return value;
  }
}

/** The fields of a form the card fills, with the card's values (only those the card has). */
export function cardFilledValues(fields: FormField[], record: IdCardRecord | null): Map<string, { source: AutofillSource; value: string }> {
  const filled = new Map<string, { source: AutofillSource; value: string }>();
  if (!record) return filled;
  for (const field of fields) {
    if (!field.autofill) continue;
    const value = cardValue(record, field.autofill);
    if (value !== null) filled.set(field.id, { source: field.autofill, value });
  }
  return filled;
}
