import type { FormField } from '../../../common/catalog/schema';
import { compileSafePattern, type SafePattern } from '../../../common/patterns/safe-pattern';
import { REASONS, type FieldReason } from './form-reasons';

/** A mainland mobile number, used when the catalog gives a phone field no pattern of its own. */
const MOBILE = /^1[3-9]\d{9}$/;
/** Text fields without a maxLength in the catalog still have one. */
const DEFAULT_MAX_LENGTH = 200;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A field's catalog pattern, compiled: none, a linear-time pattern, or `invalid` (it does not compile). */
export type FieldPattern = SafePattern | 'invalid' | null;

/** Where a pattern that does not compile was found, and why, for the one error log line. */
export type InvalidPatternReport = (where: { serviceCode: string; fieldId: string }, error: string) => void;

/**
 * The catalog's patterns, compiled once on the linear-time engine (common/patterns/safe-pattern:
 * the hub writes them, citizens type what they run on) and matched like HTML `pattern`, on the
 * whole value (`\d{6}` does not take `abc123456`). A pattern that does not compile is `invalid`:
 * its field refuses every value (see fieldProblem) and it is reported once per service and field.
 */
export class CatalogPatterns {
  private readonly compiled = new Map<string, SafePattern | string>();
  private readonly reported = new Set<string>();

  constructor(private readonly report: InvalidPatternReport = () => undefined) {}

  of(serviceCode: string, field: FormField): FieldPattern {
    if (field.pattern === undefined) return null;
    const compiled = this.compile(field.pattern);
    if (typeof compiled !== 'string') return compiled;
    const key = JSON.stringify([serviceCode, field.id]);
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.report({ serviceCode, fieldId: field.id }, compiled);
    }
    return 'invalid';
  }

  private compile(source: string): SafePattern | string {
    let compiled = this.compiled.get(source);
    if (compiled === undefined) {
      const result = compileSafePattern(source);
      compiled = result.ok ? result.pattern : result.reason;
      this.compiled.set(source, compiled);
    }
    return compiled;
  }
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
 * Signature fields are checked by `checkSignature`; this is for every other type. A field whose
 * catalog pattern does not compile takes nothing (the citizen is sent to a counter) rather than
 * anything.
 */
export function fieldProblem(field: FormField, value: string, pattern: FieldPattern): FieldReason | null {
  if (value.trim() === '') return field.required ? (pattern === 'invalid' ? REASONS.fieldUnavailable : REASONS.required) : null;
  if (pattern === 'invalid') return REASONS.fieldUnavailable;
  if (CONTROL.test(value)) return REASONS.controlCharacters;
  const length = Array.from(value).length;

  switch (field.type) {
    case 'choice':
      return field.options?.some((o) => o.value === value) ? null : REASONS.option;
    case 'date':
      return isRealDate(value) ? null : REASONS.date;
    case 'phone':
      if (!/^\d+$/.test(value)) return REASONS.phone;
      return (pattern ? pattern.matchesWhole(value) : MOBILE.test(value)) ? null : REASONS.phone;
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
  if (pattern && !pattern.matchesWhole(value)) return REASONS.format;
  return null;
}
