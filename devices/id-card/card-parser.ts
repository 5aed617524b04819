import { ETHNICITY_LABELS, GENDER_LABELS } from './card-codes';
import { CardLayoutError, cardTypeOf, readTextFields, type CardType, type TextFields } from './card-layout';
import { checkIdNumber, isCalendarDate, type IdNumberProblem } from './id-number';
import { BASE_PHOTO_BYTES } from './sam-protocol';

export type { CardType } from './card-layout';

export interface CodeLabel {
  code: string;
  label: string;
}

/** The WLT-compressed photo as read from the card. */
export interface CardPhoto {
  format: 'wlt';
  wlt: Uint8Array;
}

/** Decoding WLT needs a vendor library; a kiosk that has one plugs it in here. None by default. */
export interface PhotoDecoder {
  decode(wlt: Uint8Array): Promise<{ mimeType: string; data: Uint8Array }>;
}

/** Everything read from a card. Personal data: never log it in clear (see common/privacy/mask.ts). */
export interface IdCardRecord {
  cardType: CardType;
  /** Chinese name; for foreigner cards without one, the English name. */
  name: string;
  nameEnglish: string | null;
  gender: CodeLabel;
  ethnicity: CodeLabel | null;
  /** YYYY-MM-DD */
  birthDate: string;
  address: string | null;
  idNumber: string;
  /** Issuing authority; on the 2017 foreigner card its code; null on the 2023 foreigner card. */
  issuer: string | null;
  validFrom: string;
  /** YYYY-MM-DD or 'long-term' (长期). */
  validTo: string;
  passNumber: string | null;
  issueCount: number | null;
  /** ISO 3166-1 alpha-3 code on foreigner cards. */
  nationality: string | null;
  idNumberValid: boolean;
  idNumberProblems: IdNumberProblem[];
  expired: boolean;
  photo: CardPhoto;
}

export class CardParseError extends Error {
  override name = 'CardParseError';
}

export interface ParseOptions {
  /** Today as YYYY-MM-DD, for `expired`. */
  today: string;
}

const LONG_TERM = '长期';

function required(fields: TextFields, field: keyof TextFields): string {
  const value = fields[field];
  if (!value) throw new CardParseError(`card field ${field} is empty`);
  return value;
}

/** YYYYMMDD → YYYY-MM-DD; the error names the field, never its value (personal data). */
function cardDate(fields: TextFields, field: 'birthDate' | 'validFrom' | 'validTo'): string {
  const raw = required(fields, field);
  if (!isCalendarDate(raw)) throw new CardParseError(`card field ${field} is not a YYYYMMDD date`);
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

function validTo(fields: TextFields): string {
  return fields.validTo === LONG_TERM ? 'long-term' : cardDate(fields, 'validTo');
}

function codeLabel(code: string, labels: Record<string, string>, what: string): CodeLabel {
  const label = labels[code];
  if (label === undefined) throw new CardParseError(`unknown ${what} code ${JSON.stringify(code)}`);
  return { code, label };
}

function optional(value: string | undefined): string | null {
  return value ? value : null;
}

function issueCount(fields: TextFields): number | null {
  if (!fields.issueCount) return null;
  if (!/^\d+$/.test(fields.issueCount)) throw new CardParseError('card field issueCount is not a number');
  return Number(fields.issueCount);
}

/**
 * Parses the base message: 256 bytes of UCS-2LE text and the 1024-byte WLT photo.
 * Throws `CardParseError` / `CardLayoutError` naming the field that is wrong.
 */
export function parseBaseMessage(text: Uint8Array, photo: Uint8Array, options: ParseOptions): IdCardRecord {
  if (photo.length !== BASE_PHOTO_BYTES) throw new CardParseError(`photo is ${photo.length} bytes, expected ${BASE_PHOTO_BYTES}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new CardParseError(`today must be YYYY-MM-DD, got ${JSON.stringify(options.today)}`);
  const cardType = cardTypeOf(text);
  const f = readTextFields(text, cardType);
  const birthDate = cardDate(f, 'birthDate');
  const idNumber = required(f, 'idNumber');
  const to = validTo(f);
  const nationality = optional(f.nationality);
  // The 2023 card splits the English name after 35 characters; a continuation means the first part
  // was full, so re-pad it (the padding trim may have eaten a space at the split).
  const englishName = (f.nameEnglishMore ? (f.nameEnglish ?? '').padEnd(35) + f.nameEnglishMore : (f.nameEnglish ?? '')).trim();
  const check = checkIdNumber(cardType, idNumber, birthDate, nationality);
  return {
    cardType,
    name: f.name || (englishName ? englishName : required(f, 'name')),
    nameEnglish: englishName || null,
    gender: codeLabel(required(f, 'gender'), GENDER_LABELS, 'gender'),
    ethnicity: cardType === 'resident' ? codeLabel(required(f, 'ethnicity'), ETHNICITY_LABELS, 'ethnicity') : null,
    birthDate,
    address: optional(f.address),
    idNumber,
    issuer: optional(f.issuer),
    validFrom: cardDate(f, 'validFrom'),
    validTo: to,
    passNumber: optional(f.passNumber),
    issueCount: issueCount(f),
    nationality,
    idNumberValid: check.valid,
    idNumberProblems: check.problems,
    expired: to !== 'long-term' && options.today > to,
    photo: { format: 'wlt', wlt: Uint8Array.from(photo) },
  };
}

export function isCardDataError(err: unknown): err is CardParseError | CardLayoutError {
  return err instanceof CardParseError || err instanceof CardLayoutError;
}

/** Today's date in the machine's time zone as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
