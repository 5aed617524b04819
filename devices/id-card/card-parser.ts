import { ETHNICITY_LABELS, GENDER_LABELS } from './card-codes';
import { CardLayoutError, cardTypeOf, readTextFields, TEXT_BYTES, type CardType, type TextField, type TextFields } from './card-layout';
import { checkIdNumber, isCalendarDate } from './id-number';
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
  /** Always true: a card whose number fails GB 11643 is refused (`CardRecordError`), never a record. */
  idNumberValid: true;
  expired: boolean;
  photo: CardPhoto;
}

/**
 * Why a card's record is refused. `unknown-card-type`: the type marker is not one of the four;
 * `bad-length`: the text or photo block has the wrong size; `missing-field`: a required field is
 * empty; `bad-text`: a field holds control characters, surrogates or non-characters (noise, not
 * card text); `bad-code`: gender, ethnicity, nationality or issue count is not a known code;
 * `bad-date`: a date is not a calendar date, or the dates contradict each other; `bad-id-number`:
 * the ID number fails its structure, check digit, region or birth date (GB 11643).
 */
export type CardRecordProblem = 'unknown-card-type' | 'bad-length' | 'missing-field' | 'bad-text' | 'bad-code' | 'bad-date' | 'bad-id-number';

export const CARD_RECORD_PROBLEMS: readonly CardRecordProblem[] = [
  'unknown-card-type',
  'bad-length',
  'missing-field',
  'bad-text',
  'bad-code',
  'bad-date',
  'bad-id-number',
];

/**
 * A card whose data cannot be a genuine record, refused by the reader instead of becoming an
 * identity. The message names the field and the problem, never the value (personal data).
 */
export class CardRecordError extends Error {
  override name = 'CardRecordError';
  constructor(
    readonly reason: CardRecordProblem,
    /** The field at fault, when there is one (a field name, never its value). */
    readonly field: TextField | 'text' | 'photo' | 'type' | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ParseOptions {
  /** Today as YYYY-MM-DD, for `expired`. */
  today: string;
}

const LONG_TERM = '长期';
/** Nobody alive was born before; an earlier year is noise, not a citizen. */
const EARLIEST_BIRTH = '1900-01-01';
// C0 and C1 controls, surrogates (the card is UCS-2, so never a pair), U+FFFD-U+FFFF. Private-use
// characters stay: readers map rare characters (生僻字) there.
const NOT_CARD_TEXT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffd-\uffff]/u;

function required(fields: TextFields, field: TextField): string {
  const value = fields[field];
  if (!value) throw new CardRecordError('missing-field', field, `card field ${field} is empty`);
  return value;
}

/** YYYYMMDD → YYYY-MM-DD; the error names the field, never its value. */
function cardDate(fields: TextFields, field: 'birthDate' | 'validFrom' | 'validTo'): string {
  const raw = required(fields, field);
  if (!isCalendarDate(raw)) throw new CardRecordError('bad-date', field, `card field ${field} is not a YYYYMMDD calendar date`);
  return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
}

function validTo(fields: TextFields): string {
  return fields.validTo === LONG_TERM ? 'long-term' : cardDate(fields, 'validTo');
}

/** Born before the card's validity began, the validity ending after it began. */
function checkDateOrder(birthDate: string, from: string, to: string): void {
  if (birthDate < EARLIEST_BIRTH) throw new CardRecordError('bad-date', 'birthDate', `card field birthDate is before ${EARLIEST_BIRTH}`);
  if (from < birthDate) throw new CardRecordError('bad-date', 'validFrom', 'card field validFrom is before the birth date');
  if (to !== 'long-term' && to <= from) throw new CardRecordError('bad-date', 'validTo', 'card field validTo is not after validFrom');
}

function codeLabel(fields: TextFields, field: 'gender' | 'ethnicity', labels: Record<string, string>): CodeLabel {
  const code = required(fields, field);
  const label = Object.hasOwn(labels, code) ? labels[code] : undefined;
  if (label === undefined) throw new CardRecordError('bad-code', field, `card field ${field} holds an unknown code`);
  return { code, label };
}

function optional(value: string | undefined): string | null {
  return value ? value : null;
}

function issueCount(fields: TextFields): number | null {
  if (!fields.issueCount) return null;
  if (!/^\d{1,2}$/.test(fields.issueCount)) throw new CardRecordError('bad-code', 'issueCount', 'card field issueCount is not a number');
  return Number(fields.issueCount);
}

function nationalityOf(fields: TextFields): string | null {
  if (!fields.nationality) return null;
  if (!/^[A-Z]{3}$/.test(fields.nationality)) throw new CardRecordError('bad-code', 'nationality', 'card field nationality is not a 3-letter country code');
  return fields.nationality;
}

function cardType(text: Uint8Array): CardType {
  if (text.length !== TEXT_BYTES) throw new CardRecordError('bad-length', 'text', `card text is ${text.length} bytes, expected ${TEXT_BYTES}`);
  try {
    return cardTypeOf(text);
  } catch (err) {
    if (err instanceof CardLayoutError) throw new CardRecordError('unknown-card-type', 'type', err.message);
    throw err;
  }
}

function checkText(fields: TextFields): void {
  for (const [field, value] of Object.entries(fields) as [TextField, string][]) {
    if (NOT_CARD_TEXT.test(value)) throw new CardRecordError('bad-text', field, `card field ${field} holds characters that are not card text`);
  }
}

/**
 * Parses the base message: 256 bytes of UCS-2LE text and the 1024-byte WLT photo. Refuses
 * anything a genuine card cannot hold with `CardRecordError` (its `reason` and `field` say what);
 * a record it returns has a valid ID number and consistent dates.
 */
export function parseBaseMessage(text: Uint8Array, photo: Uint8Array, options: ParseOptions): IdCardRecord {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(options.today)}`);
  if (photo.length !== BASE_PHOTO_BYTES) throw new CardRecordError('bad-length', 'photo', `photo is ${photo.length} bytes, expected ${BASE_PHOTO_BYTES}`);
  const type = cardType(text);
  const f = readTextFields(text, type);
  checkText(f);
  const birthDate = cardDate(f, 'birthDate');
  const from = cardDate(f, 'validFrom');
  const to = validTo(f);
  checkDateOrder(birthDate, from, to);
  const gender = codeLabel(f, 'gender', GENDER_LABELS);
  const ethnicity = type === 'resident' ? codeLabel(f, 'ethnicity', ETHNICITY_LABELS) : null;
  const nationality = nationalityOf(f);
  const count = issueCount(f);
  const idNumber = required(f, 'idNumber');
  const check = checkIdNumber(type, idNumber, birthDate, nationality);
  if (!check.valid) throw new CardRecordError('bad-id-number', 'idNumber', `card field idNumber fails its check (${check.problems.join(', ')})`);
  // The 2023 card splits the English name after 35 characters; a continuation means the first part
  // was full, so re-pad it (the padding trim may have eaten a space at the split).
  const englishName = (f.nameEnglishMore ? (f.nameEnglish ?? '').padEnd(35) + f.nameEnglishMore : (f.nameEnglish ?? '')).trim();
  return {
    cardType: type,
    name: f.name || (englishName ? englishName : required(f, 'name')),
    nameEnglish: englishName || null,
    gender,
    ethnicity,
    birthDate,
    address: optional(f.address),
    idNumber,
    issuer: optional(f.issuer),
    validFrom: from,
    validTo: to,
    passNumber: optional(f.passNumber),
    issueCount: count,
    nationality,
    idNumberValid: true,
    expired: to !== 'long-term' && options.today > to,
    photo: { format: 'wlt', wlt: Uint8Array.from(photo) },
  };
}

export function isCardDataError(err: unknown): err is CardRecordError {
  return err instanceof CardRecordError;
}

/** Today's date in the machine's time zone as YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
