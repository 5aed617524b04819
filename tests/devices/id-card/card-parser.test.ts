import { describe, expect, it } from 'vitest';
import { parseBaseMessage, CardRecordError, type CardRecordProblem } from '../../../devices/id-card/card-parser';
import { writeTextFields } from '../../../devices/id-card/card-layout';
import { checkIdNumber, gb11643CheckChar } from '../../../devices/id-card/id-number';
import { encodeCard, sampleCards, type CardSpec } from '../../../devices/emulators/id-card/card-spec';

const TODAY = '2026-11-21';
const cards = Object.fromEntries(sampleCards().map((c) => [c.id, c])) as Record<string, CardSpec>;
const photo = new Uint8Array(1024).fill(7);

function parse(card: CardSpec, today = TODAY) {
  const { text, photo: p } = encodeCard(card);
  return parseBaseMessage(text, p, { today });
}

/** Text built by hand from raw field strings, independent of the emulator's encoder. */
function residentText(overrides: Record<string, string> = {}): Buffer {
  return writeTextFields('resident', {
    name: '测试二',
    gender: '2',
    ethnicity: '05',
    birthDate: '20000101',
    address: '上海市黄浦区测试街3号',
    idNumber: '310101200001010026',
    issuer: '上海市公安局黄浦分局',
    validFrom: '20160101',
    validTo: '20260101',
    ...overrides,
  });
}

describe('card text layout', () => {
  it('pads with UCS-2LE spaces and puts the type marker at byte 248', () => {
    const text = residentText();
    expect(text.length).toBe(256);
    expect(text.readUInt16LE(248)).toBe(0x20);
    expect(text.readUInt16LE(6)).toBe(0x20); // after the 3-character name: space padding
    expect(text.subarray(0, 2).toString('utf16le')).toBe('测');
    expect(writeTextFields('hk-mo-tw-permit', {}).readUInt16LE(248)).toBe('J'.charCodeAt(0));
  });

  it('refuses a field that does not fit, naming it', () => {
    expect(() => writeTextFields('resident', { name: '测'.repeat(16) })).toThrow(/name is 16 characters, at most 15/);
  });
});

describe('parseBaseMessage', () => {
  it('parses a resident ID card', () => {
    const r = parseBaseMessage(residentText(), photo, { today: '2025-12-31' });
    expect(r).toMatchObject({
      cardType: 'resident',
      name: '测试二',
      nameEnglish: null,
      gender: { code: '2', label: '女' },
      ethnicity: { code: '05', label: '维吾尔' },
      birthDate: '2000-01-01',
      address: '上海市黄浦区测试街3号',
      idNumber: '310101200001010026',
      issuer: '上海市公安局黄浦分局',
      validFrom: '2016-01-01',
      validTo: '2026-01-01',
      passNumber: null,
      issueCount: null,
      nationality: null,
      idNumberValid: true,
      expired: false,
    });
    expect(r.photo.format).toBe('wlt');
    expect(r.photo.wlt.length).toBe(1024);
  });

  it('computes expiry against the injected today: past and future', () => {
    expect(parseBaseMessage(residentText(), photo, { today: '2026-01-01' }).expired).toBe(false); // last valid day
    expect(parseBaseMessage(residentText(), photo, { today: '2026-01-02' }).expired).toBe(true);
    expect(parseBaseMessage(residentText({ validTo: '20460101' }), photo, { today: TODAY }).expired).toBe(false);
  });

  it('reads 长期 as long-term, never expired', () => {
    const r = parseBaseMessage(residentText({ validTo: '长期' }), photo, { today: '2099-01-01' });
    expect(r.validTo).toBe('long-term');
    expect(r.expired).toBe(false);
  });

  it('parses a HK/Macau/Taiwan residence permit (J)', () => {
    expect(parse(cards['hk-mo-tw-permit']!)).toMatchObject({
      cardType: 'hk-mo-tw-permit',
      name: '测试港',
      gender: { code: '2', label: '女' },
      ethnicity: null,
      birthDate: '1985-12-12',
      idNumber: '810000198512120020',
      issuer: '深圳市公安局',
      passNumber: 'H12345678',
      issueCount: 1,
      nationality: null,
      validTo: '2029-05-01',
      idNumberValid: true,
      expired: false,
    });
  });

  it('parses a foreigner permanent residence card of 2017 (I)', () => {
    expect(parse(cards['foreign-permanent-2017']!)).toMatchObject({
      cardType: 'foreign-permanent-2017',
      name: '测试外',
      nameEnglish: 'TEST, SAMPLE ONE',
      gender: { code: '1', label: '男' },
      ethnicity: null,
      birthDate: '1975-05-21',
      address: null,
      idNumber: 'USA310075052112',
      nationality: 'USA',
      issuer: '1500',
      validFrom: '2018-01-01',
      validTo: '2028-01-01',
      passNumber: null,
      idNumberValid: true,
    });
  });

  it('parses a foreigner permanent residence card of 2023 (Y), joining the split English name', () => {
    expect(parse(cards['foreign-permanent-2023']!)).toMatchObject({
      cardType: 'foreign-permanent-2023',
      name: '测试新',
      nameEnglish: 'TESTER, EXAMPLE WITH A RATHER LONG NAME',
      gender: { code: '2', label: '女' },
      birthDate: '1980-06-15',
      idNumber: '931840198006150019',
      nationality: 'USA',
      issuer: null,
      issueCount: 0,
      validTo: '2033-12-01',
      idNumberValid: true,
      expired: false,
    });
  });

  it('parses the sample resident card with trailing space padding removed everywhere', () => {
    const r = parse(cards['resident']!);
    expect(r.name).toBe('测试一');
    expect(r.address).toBe('北京市东城区测试路1号');
    expect(r.ethnicity).toEqual({ code: '01', label: '汉' });
    expect(r.idNumberValid).toBe(true);
  });

  it('still checks ID numbers by type: check digit, region, birth date, structure', () => {
    const badRegion = '991010200001010' + '02';
    expect(checkIdNumber('resident', badRegion + gb11643CheckChar(badRegion), '2000-01-01').problems).toEqual(['region']);
    expect(checkIdNumber('resident', '310101200001010027', '2000-01-01').problems).toEqual(['check-digit']);
    expect(checkIdNumber('resident', '31010120000101002', null).problems).toEqual(['format']);
    expect(checkIdNumber('hk-mo-tw-permit', '110101199003070011', '1990-03-07').problems).toEqual(['region']);
  });

  /** Expects parseBaseMessage to refuse with `reason` on `field`, and the message to hold none of `secrets`. */
  function expectRefused(text: Uint8Array, reason: CardRecordProblem, field: string | null, secrets: string[] = [], p: Uint8Array = photo) {
    let thrown: unknown;
    try {
      parseBaseMessage(text, p, { today: TODAY });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CardRecordError);
    expect(thrown).toMatchObject({ reason, field });
    for (const secret of secrets) expect((thrown as Error).message).not.toContain(secret);
  }

  it('refuses an invalid ID number at the reader instead of returning a record (bad-id-number)', () => {
    expectRefused(residentText({ idNumber: '310101200001010027' }), 'bad-id-number', 'idNumber', ['310101200001010027']);
    expectRefused(residentText({ idNumber: '31010120000101002' }), 'bad-id-number', 'idNumber', ['31010120000101002']);
    // the number's birth date disagrees with the birth field
    expectRefused(residentText({ birthDate: '20000102' }), 'bad-id-number', 'idNumber', ['20000102']);
    // a resident number on a HK/Macau/Taiwan permit, a 2017 foreigner number of another nationality
    const { text: permit } = encodeCard({ ...cards['hk-mo-tw-permit']!, idNumber: '110101199003070011', birthDate: '1990-03-07' });
    expectRefused(permit, 'bad-id-number', 'idNumber');
    const { text: foreigner } = encodeCard({ ...cards['foreign-permanent-2017']!, nationality: 'CAN' });
    expectRefused(foreigner, 'bad-id-number', 'idNumber');
  });

  it('refuses impossible or contradictory dates (bad-date)', () => {
    expectRefused(residentText({ birthDate: '2000AB01' }), 'bad-date', 'birthDate', ['2000AB01']);
    expectRefused(residentText({ validFrom: '20160230' }), 'bad-date', 'validFrom', ['20160230']);
    expectRefused(residentText({ validTo: '20261301' }), 'bad-date', 'validTo');
    expectRefused(residentText({ validTo: '20150101' }), 'bad-date', 'validTo'); // ends before it began
    expectRefused(residentText({ validFrom: '19990101' }), 'bad-date', 'validFrom'); // issued before birth
    const old = '110101180001010' + '01';
    expectRefused(residentText({ birthDate: '18000101', idNumber: old + gb11643CheckChar(old), validFrom: '18100101' }), 'bad-date', 'birthDate');
  });

  it('refuses noise in text fields, unknown codes, missing fields, unknown types and wrong sizes', () => {
    expectRefused(residentText({ name: '测\u0001二' }), 'bad-text', 'name');
    expectRefused(residentText({ address: '上海市\ud800黄浦区' }), 'bad-text', 'address');
    expectRefused(residentText({ issuer: '上海\ufffd' }), 'bad-text', 'issuer');
    expectRefused(residentText({ gender: '7' }), 'bad-code', 'gender', ['"7"']);
    expectRefused(residentText({ ethnicity: '77' }), 'bad-code', 'ethnicity', ['77']);
    expectRefused(residentText({ idNumber: '' }), 'missing-field', 'idNumber');
    const { text: badNationality } = encodeCard({ ...cards['foreign-permanent-2023']!, nationality: 'USA' });
    badNationality.write('U1A', 242, 'utf16le');
    expectRefused(badNationality, 'bad-code', 'nationality');
    const unknownType = residentText();
    unknownType.writeUInt16LE('Z'.charCodeAt(0), 248);
    expectRefused(unknownType, 'unknown-card-type', 'type');
    expectRefused(residentText().subarray(0, 200), 'bad-length', 'text');
    expectRefused(residentText(), 'bad-length', 'photo', [], photo.subarray(0, 10));
    // Rare characters mapped into the private use area by readers are card text.
    expect(parseBaseMessage(residentText({ name: '测\ue001二' }), photo, { today: TODAY }).name).toBe('测\ue001二');
  });

  it('reads every sample card of the emulator, and each one long-term valid', () => {
    for (const card of sampleCards()) {
      expect(parse(card)).toMatchObject({ cardType: card.type, idNumberValid: true });
      expect(parse({ ...card, validTo: 'long-term' }).validTo).toBe('long-term');
    }
  });
});
