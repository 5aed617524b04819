import { PERMIT_REGION_CODES, PROVINCE_CODES } from './card-codes';
import type { CardType } from './card-layout';

/**
 * Checks an ID number against GB 11643 (ISO 7064 MOD 11-2 check digit, region, birth date),
 * adapted to each card type:
 * - resident: 18 digits (last may be X), first two digits a province code;
 * - HK/Macau/Taiwan permit: same scheme, region 81/82/83 followed by 0000;
 * - foreigner 2023: 18 digits starting with 9, digits 2-3 the province of issue, birth at 7-14;
 * - foreigner 2017: 15 characters: 3-letter nationality, 4-digit authority code (province first),
 *   birth as YYMMDD; its check digit algorithm is not public, so only the structure is checked.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function gb11643CheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('GB 11643 check digit needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'check-digit' | 'region' | 'birth-date' | 'nationality';

export interface IdNumberCheck {
  valid: boolean;
  problems: IdNumberProblem[];
}

/** `birthDate` is the card's birth field as YYYY-MM-DD. */
export function checkIdNumber(type: CardType, idNumber: string, birthDate: string | null, nationality: string | null = null): IdNumberCheck {
  const problems: IdNumberProblem[] = [];
  const birthDigits = birthDate ? birthDate.replaceAll('-', '') : null;
  if (type === 'foreign-permanent-2017') {
    const m = /^([A-Z]{3})(\d{4})(\d{6})(\d{2})$/.exec(idNumber);
    if (!m) return { valid: false, problems: ['format'] };
    if (!PROVINCE_CODES[m[2]!.slice(0, 2)]) problems.push('region');
    if (birthDigits && m[3] !== birthDigits.slice(2)) problems.push('birth-date');
    if (nationality && m[1] !== nationality) problems.push('nationality');
    return { valid: problems.length === 0, problems };
  }
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { valid: false, problems: ['format'] };
  if (gb11643CheckChar(idNumber.slice(0, 17)) !== idNumber.slice(17)) problems.push('check-digit');
  const region = idNumber.slice(0, 2);
  if (type === 'resident' && !PROVINCE_CODES[region]) problems.push('region');
  if (type === 'hk-mo-tw-permit' && (!PERMIT_REGION_CODES[region] || idNumber.slice(2, 6) !== '0000')) problems.push('region');
  if (type === 'foreign-permanent-2023' && (idNumber[0] !== '9' || !PROVINCE_CODES[idNumber.slice(1, 3)])) problems.push('region');
  const embeddedBirth = idNumber.slice(6, 14);
  if (!isCalendarDate(embeddedBirth) || (birthDigits !== null && embeddedBirth !== birthDigits)) problems.push('birth-date');
  return { valid: problems.length === 0, problems };
}

/** YYYYMMDD that exists in the calendar. */
export function isCalendarDate(yyyymmdd: string): boolean {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
