import { describe, expect, it } from 'vitest';
import { CARD_RECORD_PROBLEMS, CardRecordError, parseBaseMessage, type IdCardRecord } from '../../devices/id-card/card-parser';
import { CARD_LAYOUTS, CARD_TYPES, TEXT_BYTES, TYPE_MARKER_OFFSET, CARD_TYPE_MARKERS, writeTextFields } from '../../devices/id-card/card-layout';
import { PROVINCE_CODES } from '../../devices/id-card/card-codes';
import { checkIdNumber, gb11643CheckChar, isCalendarDate } from '../../devices/id-card/id-number';
import { cardOutput, cardOutputText } from '../../devices/id-card/card-output';
import { encodeCard, parseCardSpecs, sampleCards, type CardSpec, type CardSpecInput } from '../../devices/emulators/id-card/card-spec';
import { identityDisplay } from '../../main/core/identity/identity-service';
import { SubjectIdDeriver } from '../../main/face/gallery/subject-id';
import { FUZZ_TEST_TIMEOUT_MS, fuzzRng, iterations, mutate, replayHint, returnsWithin, type Rng } from './fuzz-kit';

const TARGET = 'card record decoder';
const HANG_MS = 10_000;
const TODAY = '2026-11-21';
const PHOTO = Buffer.alloc(1024, 0x57);
const subjects = new SubjectIdDeriver({ description: 'fuzz', getKey: () => Buffer.alloc(32, 7) });
const PROVINCES = Object.keys(PROVINCE_CODES);
const HAN =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤明华国建文平志伟东海强晓生光林小玲';
const NATIONS = ['USA', 'GBR', 'DEU', 'FRA', 'JPN', 'KOR', 'CAN', 'AUS', 'RUS', 'BRA'];
const NOT_CARD_TEXT = /[\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufffd-\uffff]/u;

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const isoDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
const compact = (iso: string) => iso.replaceAll('-', '');

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return isoDate(new Date(start + rng.int(Math.floor((end - start) / 86_400_000) + 1) * 86_400_000));
}

function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return isoDate(d);
}

function hanName(rng: Rng, min: number, max: number): string {
  return Array.from({ length: rng.range(min, max) }, () => rng.pick([...HAN])).join('');
}

function withCheck(first17: string): string {
  return first17 + gb11643CheckChar(first17);
}

/** A genuine-looking card of any type: valid number, consistent dates. The decoder must accept it. */
function validCard(rng: Rng, i: number): CardSpec {
  const type = rng.pick(CARD_TYPES);
  const birthDate = randomDate(rng, 1920, 2020);
  const validFrom = randomDate(rng, Math.max(1990, Number(birthDate.slice(0, 4)) + 1), 2026);
  const validTo = rng.chance(0.15) ? 'long-term' : addYears(validFrom, rng.pick([5, 10, 20]));
  const birth = compact(birthDate);
  const seq = pad(rng.int(1000), 3);
  const nationality = rng.pick(NATIONS);
  const base: CardSpecInput = {
    id: `valid-${i}`,
    type,
    name: hanName(rng, 2, 4),
    gender: rng.pick(['0', '1', '2', '9'] as const),
    birthDate,
    validFrom,
    validTo,
    idNumber: '',
  };
  switch (type) {
    case 'resident':
      Object.assign(base, {
        idNumber: withCheck(rng.pick(PROVINCES) + pad(rng.int(10_000), 4) + birth + seq),
        ethnicity: pad(rng.range(1, 56), 2),
        address: hanName(rng, 5, 30),
        issuer: `${hanName(rng, 2, 6)}公安局`,
      });
      break;
    case 'hk-mo-tw-permit':
      Object.assign(base, {
        idNumber: withCheck(rng.pick(['81', '82', '83']) + '0000' + birth + seq),
        address: hanName(rng, 5, 30),
        issuer: `${hanName(rng, 2, 6)}公安局`,
        passNumber: rng.pick(['H', 'M', '']) + pad(rng.int(100_000_000), 8),
        issueCount: rng.int(20),
      });
      break;
    case 'foreign-permanent-2017':
      Object.assign(base, {
        idNumber: nationality + rng.pick(PROVINCES) + pad(rng.int(100), 2) + birth.slice(2) + pad(rng.int(100), 2),
        nationality,
        nameEnglish: rng.chance(0.5) ? 'TEST, SAMPLE' : 'ZHANG, WEI MING',
        issuer: pad(rng.int(10_000), 4),
        cardVersion: '10',
        name: rng.chance(0.3) ? '' : base.name,
      });
      break;
    default:
      Object.assign(base, {
        idNumber: withCheck('9' + rng.pick(PROVINCES) + pad(rng.int(1000), 3) + birth + seq),
        nationality,
        nameEnglish: 'TESTER, ' + 'EXAMPLE '.repeat(rng.range(0, 4)).trim(),
        issueCount: rng.int(10),
      });
  }
  return parseCardSpecs([base], 'fuzz')[0]!;
}

/** Field-level noise: each field of a random layout a random run of UCS-2 code units of its size. */
function randomFields(rng: Rng): Buffer {
  const type = rng.pick(CARD_TYPES);
  const text = writeTextFields(type, {});
  for (const { offset, bytes } of CARD_LAYOUTS[type]) {
    const length = rng.int(bytes / 2 + 1);
    const pool = rng.int(4);
    for (let c = 0; c < length; c++) {
      const unit =
        pool === 0
          ? 0x30 + rng.int(10)
          : pool === 1
            ? rng.pick([...HAN]).charCodeAt(0)
            : pool === 2
              ? rng.int(0x10000)
              : rng.pick(['X', ' ', '-', 'A', '长', '期', '\u0000', '\ue001', '\ud800']).charCodeAt(0);
      text.writeUInt16LE(unit, offset + c * 2);
    }
  }
  return text;
}

/** A valid card with one field replaced by a plausible but wrong value. */
function nearlyValid(rng: Rng, i: number): Buffer {
  const card = validCard(rng, i);
  const wrong: Partial<CardSpec> = rng.pick([
    { idNumber: card.idNumber.slice(0, -1) + rng.pick(['0', '1', '5', 'X']) },
    { idNumber: card.idNumber.slice(0, 6) + '19991231' + card.idNumber.slice(14) },
    { birthDate: `${rng.range(1850, 2030)}-${pad(rng.range(0, 13), 2)}-${pad(rng.range(0, 32), 2)}` },
    { validFrom: `${rng.range(1850, 2060)}-${pad(rng.range(1, 12), 2)}-${pad(rng.range(1, 31), 2)}` },
    { validTo: `${rng.range(1900, 2060)}-02-${pad(rng.range(28, 31), 2)}` },
    { nationality: rng.pick(NATIONS) },
    { gender: rng.pick(['0', '1', '2', '9'] as const) },
    { name: '' },
  ]);
  try {
    return encodeCard({ ...card, ...wrong }).text;
  } catch {
    return encodeCard(card).text;
  }
}

/** What a record the decoder returns must satisfy: nothing later in the core can fail on it. */
function expectUsable(record: IdCardRecord, hint: string): void {
  expect(checkIdNumber(record.cardType, record.idNumber, record.birthDate, record.nationality), hint).toEqual({ valid: true, problems: [] });
  for (const date of [record.birthDate, record.validFrom, ...(record.validTo === 'long-term' ? [] : [record.validTo])]) {
    expect(isCalendarDate(compact(date)), hint).toBe(true);
  }
  expect(record.birthDate <= record.validFrom, hint).toBe(true);
  expect(record.validTo === 'long-term' || record.validFrom < record.validTo, hint).toBe(true);
  for (const value of [record.name, record.nameEnglish, record.address, record.issuer, record.passNumber]) {
    expect(value !== null && NOT_CARD_TEXT.test(value), hint).toBe(false);
  }
  expect(record.name.length, hint).toBeGreaterThan(0);
  // What the core does with a record right after the read: none of it may throw.
  identityDisplay(record);
  cardOutputText(cardOutput(record, false));
  subjects.subjectFor(record.idNumber);
}

type Outcome = { record: IdCardRecord } | { refused: CardRecordError };

function decode(text: Uint8Array, photo: Uint8Array): Outcome {
  try {
    return { record: parseBaseMessage(text, photo, { today: TODAY }) };
  } catch (err) {
    if (err instanceof CardRecordError) return { refused: err };
    throw err; // an untyped throw: the test fails with it
  }
}

function expectRefusalNamesNoValue(err: CardRecordError, text: Uint8Array, hint: string): void {
  expect(CARD_RECORD_PROBLEMS, hint).toContain(err.reason);
  expect(err.field, hint).not.toBeNull();
  // The message names the field, never its value: no run of 6+ characters of the card's text in it.
  const cardText = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf16le');
  for (const value of cardText.split(/[\s\u0000]+/u).filter((v) => v.length >= 6)) expect(err.message, hint).not.toContain(value);
}

describe('fuzz: card record decoder (devices/id-card/card-parser.ts)', () => {
  it(
    'accepts every genuine-looking card of every type',
    () => {
      const rng = fuzzRng(`${TARGET} (valid cards)`);
      for (const card of sampleCards()) expectUsable(parseBaseMessage(encodeCard(card).text, PHOTO, { today: TODAY }), card.id);
      for (let i = 0; i < iterations(1000); i++) {
        const card = validCard(rng, i);
        const { text, photo } = encodeCard(card);
        const hint = replayHint(TARGET, i, JSON.stringify(card));
        const outcome = returnsWithin(
          HANG_MS,
          () => hint,
          () => decode(text, photo),
        );
        expect('refused' in outcome ? `${outcome.refused.reason}: ${outcome.refused.message}` : 'accepted', hint).toBe('accepted');
        if ('record' in outcome) expectUsable(outcome.record, hint);
      }
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    'returns a usable record or refuses with CardRecordError on random, mutated and nearly valid cards',
    () => {
      const rng = fuzzRng(`${TARGET} (mutated)`);
      const samples = sampleCards().map((c) => encodeCard(c).text);
      const reasons = new Map<string, number>();
      let accepted = 0;
      for (let i = 0; i < iterations(3000); i++) {
        let text: Buffer;
        switch (rng.int(5)) {
          case 0: {
            text = rng.bytes(TEXT_BYTES);
            if (rng.chance(0.7)) text.writeUInt16LE(CARD_TYPE_MARKERS[rng.pick(CARD_TYPES)].charCodeAt(0), TYPE_MARKER_OFFSET);
            break;
          }
          case 1:
            text = mutate(rng, rng.pick(samples), 3);
            if (rng.chance(0.8) && text.length !== TEXT_BYTES) text = Buffer.concat([text, Buffer.alloc(TEXT_BYTES)]).subarray(0, TEXT_BYTES);
            break;
          case 2:
            text = randomFields(rng);
            break;
          case 3:
            text = nearlyValid(rng, i);
            break;
          default: {
            text = Buffer.from(encodeCard(validCard(rng, i)).text);
            text[rng.int(TEXT_BYTES)] = rng.int(256);
          }
        }
        const photo = rng.chance(0.05) ? rng.bytes(rng.int(2048)) : PHOTO;
        const hint = replayHint(TARGET, i, text);
        const outcome = returnsWithin(
          HANG_MS,
          () => hint,
          () => decode(text, photo),
        );
        if ('record' in outcome) {
          accepted++;
          expectUsable(outcome.record, hint);
        } else {
          reasons.set(outcome.refused.reason, (reasons.get(outcome.refused.reason) ?? 0) + 1);
          expectRefusalNamesNoValue(outcome.refused, text, hint);
        }
      }
      console.log(`[fuzz] ${TARGET}: ${accepted} accepted, refused by reason ${JSON.stringify(Object.fromEntries(reasons))}`);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
