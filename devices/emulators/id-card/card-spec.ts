import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CARD_TYPES, writeTextFields, type CardType, type TextFields } from '../../id-card/card-layout';
import { BASE_PHOTO_BYTES } from '../../id-card/sam-protocol';
import { gb11643CheckChar } from '../../id-card/id-number';
import { DEFAULT_HALL_TIME_ZONE, hallParts } from '../../../common/time/hall-clock';

/**
 * A card the emulator can place on its reader, described in JSON (cards file of
 * `kioskctl emulate idcard --cards FILE.json`: an array of these, or `{ "cards": [...] }`).
 * Dates are YYYY-MM-DD; validTo may be "long-term" (written as 长期 on the card).
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const cardSpecSchema = z.object({
  id: z.string().min(1),
  type: z.enum(CARD_TYPES as [CardType, ...CardType[]]),
  name: z.string().default(''),
  nameEnglish: z.string().optional(),
  gender: z.enum(['0', '1', '2', '9']),
  ethnicity: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  birthDate: date,
  address: z.string().optional(),
  idNumber: z.string().min(1),
  issuer: z.string().optional(),
  validFrom: date,
  validTo: z.union([date, z.literal('long-term')]),
  passNumber: z.string().optional(),
  issueCount: z.number().int().min(0).max(99).optional(),
  nationality: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  cardVersion: z.string().optional(),
  /** Base64 of a 1024-byte WLT photo; a deterministic filler when absent. */
  photoBase64: z.string().optional(),
});

export type CardSpec = z.infer<typeof cardSpecSchema>;
export type CardSpecInput = z.input<typeof cardSpecSchema>;

const cardListSchema = z.array(cardSpecSchema);

export class CardSpecError extends Error {
  override name = 'CardSpecError';
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A child's resident card whose holder turned 12 yesterday on the hall's calendar (the default hall clock), so that
 * it is a 12-year-old's on whatever day the emulator starts: face binding is never offered for it
 * (under 14). Valid check digit; the card was issued at 10, valid 5 years, as a child's card is.
 */
export function childSampleCard(nowMs: number = Date.now()): CardSpecInput {
  const today = hallParts(nowMs, DEFAULT_HALL_TIME_ZONE);
  const [y, m, d] = [today.year, today.month - 1, today.day];
  const birthDate = isoDay(Date.UTC(y - 12, m, d - 1));
  const first17 = `110101${birthDate.replaceAll('-', '')}002`;
  return {
    id: 'resident-child',
    type: 'resident',
    name: '测试童',
    gender: '2',
    ethnicity: '01',
    birthDate,
    address: '北京市东城区测试路3号',
    idNumber: first17 + gb11643CheckChar(first17),
    issuer: '北京市公安局东城分局',
    validFrom: isoDay(Date.UTC(y - 2, m, d - 1)),
    validTo: isoDay(Date.UTC(y + 3, m, d - 1)),
  };
}

/**
 * Obviously fake sample cards, one per type and a child's (12 years old on any day: see
 * `childSampleCard`), with valid check digits.
 */
export const SAMPLE_CARDS: CardSpecInput[] = [
  {
    id: 'resident',
    type: 'resident',
    name: '测试一',
    gender: '1',
    ethnicity: '01',
    birthDate: '1990-03-07',
    address: '北京市东城区测试路1号',
    idNumber: '110101199003070011',
    issuer: '北京市公安局东城分局',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
  },
  {
    id: 'hk-mo-tw-permit',
    type: 'hk-mo-tw-permit',
    name: '测试港',
    gender: '2',
    birthDate: '1985-12-12',
    address: '广东省深圳市福田区测试大道2号',
    idNumber: '810000198512120020',
    issuer: '深圳市公安局',
    validFrom: '2019-05-01',
    validTo: '2029-05-01',
    passNumber: 'H12345678',
    issueCount: 1,
  },
  {
    id: 'foreign-permanent-2017',
    type: 'foreign-permanent-2017',
    name: '测试外',
    nameEnglish: 'TEST, SAMPLE ONE',
    gender: '1',
    birthDate: '1975-05-21',
    idNumber: 'USA310075052112',
    nationality: 'USA',
    issuer: '1500',
    cardVersion: '10',
    validFrom: '2018-01-01',
    validTo: '2028-01-01',
  },
  {
    id: 'foreign-permanent-2023',
    type: 'foreign-permanent-2023',
    name: '测试新',
    nameEnglish: 'TESTER, EXAMPLE WITH A RATHER LONG NAME',
    gender: '2',
    birthDate: '1980-06-15',
    idNumber: '931840198006150019',
    nationality: 'USA',
    issueCount: 0,
    validFrom: '2023-12-01',
    validTo: '2033-12-01',
  },
  childSampleCard(),
];

/**
 * A card whose ID number fails its GB 11643 check digit: the reader refuses it, and the screen says
 * 证件信息无法识别 (issue 12). On the embedded defaults' emulator and demo panel only, never among
 * `SAMPLE_CARDS`, which are all genuine records.
 */
export const UNREADABLE_SAMPLE_CARD: CardSpecInput = {
  id: 'unreadable',
  type: 'resident',
  name: '测试坏',
  gender: '1',
  ethnicity: '01',
  birthDate: '1988-01-01',
  address: '北京市东城区测试路4号',
  idNumber: '110101198801010018',
  issuer: '北京市公安局东城分局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

/**
 * Who each sample card's owner is among the labelled faces of `../shared/data/faces/identities.json`
 * (referenced there by path, never copied into the repository). The embedded hub's reference face
 * for a card is its owner's first photo, the one that stands for the card's photo (docs/face.md, Binding).
 */
export const SAMPLE_CARD_FACES: Readonly<Record<string, string>> = {
  resident: 'id01',
  'hk-mo-tw-permit': 'id02',
  'foreign-permanent-2017': 'id03',
  'foreign-permanent-2023': 'id04',
};

/** Parses and validates card specs; the error names the card and field that are wrong. */
export function parseCardSpecs(json: unknown, source = 'cards'): CardSpec[] {
  const list = Array.isArray(json) ? json : (json as { cards?: unknown } | null)?.cards;
  if (!Array.isArray(list)) throw new CardSpecError(`${source}: expected an array of cards or { "cards": [...] }`);
  const result = cardListSchema.safeParse(list);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CardSpecError(`${source}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const card of result.data) encodeCard(card); // fail early on a field that does not fit
  return result.data;
}

export function loadCardFile(file: string): CardSpec[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CardSpecError(`cannot read cards file ${file}: ${(err as Error).message}`);
  }
  return parseCardSpecs(json, file);
}

export function sampleCards(): CardSpec[] {
  return parseCardSpecs(SAMPLE_CARDS, 'sample cards');
}

/** What the embedded defaults' emulator holds and the demo panel offers: the sample cards and the unreadable one. */
export function emulatorSampleCards(): CardSpec[] {
  return parseCardSpecs([...SAMPLE_CARDS, UNREADABLE_SAMPLE_CARD], 'sample cards');
}

const compact = (d: string) => d.replaceAll('-', '');

function splitEnglishName(type: CardType, name: string | undefined): Pick<TextFields, 'nameEnglish' | 'nameEnglishMore'> {
  if (!name) return {};
  if (type !== 'foreign-permanent-2023') return { nameEnglish: name };
  return { nameEnglish: name.slice(0, 35), nameEnglishMore: name.slice(35) };
}

/** The 256-byte text and 1024-byte photo a reader returns for this card. */
export function encodeCard(card: CardSpec): { text: Buffer; photo: Buffer } {
  const fields: TextFields = {
    name: card.name,
    ...splitEnglishName(card.type, card.nameEnglish),
    gender: card.gender,
    ethnicity: card.ethnicity,
    birthDate: compact(card.birthDate),
    address: card.address,
    idNumber: card.idNumber,
    issuer: card.issuer,
    validFrom: compact(card.validFrom),
    validTo: card.validTo === 'long-term' ? '长期' : compact(card.validTo),
    passNumber: card.passNumber,
    issueCount: card.issueCount === undefined ? undefined : String(card.issueCount).padStart(2, '0'),
    nationality: card.nationality,
    cardVersion: card.cardVersion,
  };
  let text: Buffer;
  try {
    text = writeTextFields(card.type, fields);
  } catch (err) {
    throw new CardSpecError(`card ${card.id}: ${(err as Error).message}`);
  }
  return { text, photo: cardPhoto(card) };
}

function cardPhoto(card: CardSpec): Buffer {
  if (card.photoBase64 !== undefined) {
    const photo = Buffer.from(card.photoBase64, 'base64');
    if (photo.length !== BASE_PHOTO_BYTES) throw new CardSpecError(`card ${card.id}: photoBase64 is ${photo.length} bytes, expected ${BASE_PHOTO_BYTES}`);
    return photo;
  }
  // Deterministic filler with a WLT-like header so different cards have different photos.
  const photo = Buffer.alloc(BASE_PHOTO_BYTES);
  photo.write('WL', 0, 'latin1');
  let x = 0x9e3779b9;
  for (const ch of card.id) x = ((x ^ ch.charCodeAt(0)) * 0x01000193) >>> 0;
  for (let i = 2; i < photo.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    photo[i] = x & 0xff;
  }
  return photo;
}
