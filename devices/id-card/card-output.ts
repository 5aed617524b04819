import { maskAddress, maskIdNumber, maskName } from '../../common/privacy/mask';
import type { CardType, IdCardRecord } from './card-parser';

/**
 * The record as printed by `kioskctl idcard read --json` and shown to technicians: exactly these
 * keys. Personal fields are masked unless `reveal`: name and English name (`张*三`), ID and pass
 * number (`3101**********1234`), address (first 6 characters), birth date (year only: `1990-**-**`).
 */
export type CardOutput = Omit<IdCardRecord, 'idNumberProblems' | 'photo'> & { photo: { format: 'wlt'; bytes: number } };

export function maskBirthDate(date: string): string {
  return `${date.slice(0, 4)}-**-**`;
}

export function cardOutput(record: IdCardRecord, reveal: boolean): CardOutput {
  const m = <T extends string | null>(value: T, mask: (v: string) => string): T => (reveal || value === null ? value : (mask(value) as T));
  return {
    cardType: record.cardType,
    name: m(record.name, maskName),
    nameEnglish: m(record.nameEnglish, maskName),
    gender: record.gender,
    ethnicity: record.ethnicity,
    birthDate: m(record.birthDate, maskBirthDate),
    address: m(record.address, maskAddress),
    idNumber: m(record.idNumber, maskIdNumber),
    issuer: record.issuer,
    validFrom: record.validFrom,
    validTo: record.validTo,
    passNumber: m(record.passNumber, maskIdNumber),
    issueCount: record.issueCount,
    nationality: record.nationality,
    idNumberValid: record.idNumberValid,
    expired: record.expired,
    photo: { format: 'wlt', bytes: record.photo.wlt.length },
  };
}

const TYPE_LABELS: Record<CardType, string> = {
  resident: '居民身份证 (resident ID card)',
  'hk-mo-tw-permit': '港澳台居民居住证 (HK/Macau/Taiwan residence permit)',
  'foreign-permanent-2017': '外国人永久居留身份证 2017 (foreigner permanent residence card)',
  'foreign-permanent-2023': '外国人永久居留身份证 2023 (foreigner permanent residence card)',
};

/** Human-readable lines for a terminal. */
export function cardOutputText(o: CardOutput): string {
  const rows: [string, string | null][] = [
    ['card type', TYPE_LABELS[o.cardType]],
    ['name', o.name],
    ['English name', o.nameEnglish],
    ['gender', `${o.gender.label} (${o.gender.code})`],
    ['ethnicity', o.ethnicity ? `${o.ethnicity.label} (${o.ethnicity.code})` : null],
    ['birth date', o.birthDate],
    ['address', o.address],
    ['ID number', `${o.idNumber}${o.idNumberValid ? '' : '  (INVALID)'}`],
    ['issuer', o.issuer],
    ['valid', `${o.validFrom} – ${o.validTo}${o.expired ? '  (EXPIRED)' : ''}`],
    ['pass number', o.passNumber],
    ['issue count', o.issueCount === null ? null : String(o.issueCount)],
    ['nationality', o.nationality],
    ['photo', `${o.photo.format}, ${o.photo.bytes} bytes`],
  ];
  return (
    rows
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k.padEnd(13)} ${v}`)
      .join('\n') + '\n'
  );
}
