import type { FormField } from '../../../common/catalog/schema';
import { REASONS, type FieldReason } from './form-reasons';

/** A mainland mobile number, used when the catalog gives a phone field no pattern of its own. */
const MOBILE = /^1[3-9]\d{9}$/;
/** Text fields without a maxLength in the catalog still have one. */
const DEFAULT_MAX_LENGTH = 200;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The catalog's pattern, compiled once; a pattern that does not compile is reported by the caller. */
export type PatternCompiler = (pattern: string) => RegExp | null;

export function compilePatterns(): PatternCompiler {
  const cache = new Map<string, RegExp | null>();
  return (pattern) => {
    if (!cache.has(pattern)) {
      try {
        cache.set(pattern, new RegExp(pattern, 'u'));
      } catch {
        cache.set(pattern, null);
      }
    }
    return cache.get(pattern) ?? null;
  };
}

/** `YYYY-MM-DD` naming a day that exists (no 30 February), years 1900 to 2100. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * Why a value the citizen entered is refused for this field, or null when it is acceptable.
 * Signature fields are checked by `checkSignature`; this is for every other type.
 */
export function fieldProblem(field: FormField, value: string, patternOf: PatternCompiler): FieldReason | null {
  if (value.trim() === '') return field.required ? REASONS.required : null;
  if (CONTROL.test(value)) return REASONS.controlCharacters;
  const length = Array.from(value).length;

  switch (field.type) {
    case 'choice':
      return field.options?.some((o) => o.value === value) ? null : REASONS.option;
    case 'date':
      return isRealDate(value) ? null : REASONS.date;
    case 'phone': {
      if (!/^\d+$/.test(value)) return REASONS.phone;
      const pattern = field.pattern ? patternOf(field.pattern) : MOBILE;
      return (pattern ?? MOBILE).test(value) ? null : REASONS.phone;
    }
    case 'digits':
      if (!/^\d+$/.test(value)) return REASONS.digitsOnly;
      break;
    case 'text':
      break;
    case 'signature':
      return REASONS.signatureInvalid;
  }
  if (field.minLength !== undefined && length < field.minLength) return REASONS.tooShort(field.minLength);
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH;
  if (length > max) return REASONS.tooLong(max);
  if (field.pattern) {
    const pattern = patternOf(field.pattern);
    // A catalog pattern that does not compile refuses nothing rather than everything.
    if (pattern && !pattern.test(value)) return REASONS.format;
  }
  return null;
}
