import { describe, expect, it } from 'vitest';
import { parseBaseMessage, CardParseError } from '../../../devices/id-card/card-parser';
import { CardLayoutError, writeTextFields } from '../../../devices/id-card/card-layout';
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
    name: '测试二', gender: '2', ethnicity: '05', birthDate: '20000101', address: '上海市黄浦区测试街3号',
    idNumber: '310101200001010026', issuer: '上海市公安局黄浦分局', validFrom: '20160101', validTo: '20260101', ...overrides,
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
      cardType: 'resident', name: '测试二', nameEnglish: null, gender: { code: '2', label: '女' },
      ethnicity: { code: '05', label: '维吾尔' }, birthDate: '2000-01-01', address: '上海市黄浦区测试街3号',
      idNumber: '310101200001010026', issuer: '上海市公安局黄浦分局', validFrom: '2016-01-01', validTo: '2026-01-01',
      passNumber: null, issueCount: null, nationality: null, idNumberValid: true, idNumberProblems: [], expired: false,
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
      cardType: 'hk-mo-tw-permit', name: '测试港', gender: { code: '2', label: '女' }, ethnicity: null,
      birthDate: '1985-12-12', idNumber: '810000198512120020', issuer: '深圳市公安局', passNumber: 'H12345678',
      issueCount: 1, nationality: null, validTo: '2029-05-01', idNumberValid: true, expired: false,
    });
  });

  it('parses a foreigner permanent residence card of 2017 (I)', () => {
    expect(parse(cards['foreign-permanent-2017']!)).toMatchObject({
      cardType: 'foreign-permanent-2017', name: '测试外', nameEnglish: 'TEST, SAMPLE ONE', gender: { code: '1', label: '男' },
      ethnicity: null, birthDate: '1975-05-21', address: null, idNumber: 'USA310075052112', nationality: 'USA',
      issuer: '1500', validFrom: '2018-01-01', validTo: '2028-01-01', passNumber: null, idNumberValid: true,
    });
  });

  it('parses a foreigner permanent residence card of 2023 (Y), joining the split English name', () => {
    expect(parse(cards['foreign-permanent-2023']!)).toMatchObject({
      cardType: 'foreign-permanent-2023', name: '测试新', nameEnglish: 'TESTER, EXAMPLE WITH A RATHER LONG NAME',
      gender: { code: '2', label: '女' }, birthDate: '1980-06-15', idNumber: '931840198006150019', nationality: 'USA',
      issuer: null, issueCount: 0, validTo: '2033-12-01', idNumberValid: true, expired: false,
    });
  });

  it('parses the sample resident card with trailing space padding removed everywhere', () => {
    const r = parse(cards['resident']!);
    expect(r.name).toBe('测试一');
    expect(r.address).toBe('北京市东城区测试路1号');
    expect(r.ethnicity).toEqual({ code: '01', label: '汉' });
    expect(r.idNumberValid).toBe(true);
  });

  it('flags a wrong check digit, a wrong region and a birth date disagreeing with the birth field', () => {
    expect(parseBaseMessage(residentText({ idNumber: '310101200001010027' }), photo, { today: TODAY })).toMatchObject({
      idNumberValid: false, idNumberProblems: ['check-digit'],
    });
    const badRegion = '991010200001010' + '02';
    expect(checkIdNumber('resident', badRegion + gb11643CheckChar(badRegion), '2000-01-01').problems).toEqual(['region']);
    expect(parseBaseMessage(residentText({ birthDate: '20000102' }), photo, { today: TODAY }).idNumberProblems).toEqual(['birth-date']);
    expect(checkIdNumber('resident', '31010120000101002', null).problems).toEqual(['format']);
    expect(checkIdNumber('hk-mo-tw-permit', '110101199003070011', '1990-03-07').problems).toEqual(['region']);
  });

  it('refuses unreadable data with an error naming the field, never the value', () => {
    expect(() => parseBaseMessage(residentText({ birthDate: '2000AB01' }), photo, { today: TODAY })).toThrow(
      new CardParseError('card field birthDate is not a YYYYMMDD date'),
    );
    expect(() => parseBaseMessage(residentText({ gender: '7' }), photo, { today: TODAY })).toThrow(/unknown gender code "7"/);
    expect(() => parseBaseMessage(residentText({ ethnicity: '77' }), photo, { today: TODAY })).toThrow(/unknown ethnicity code/);
    const unknownType = residentText();
    unknownType.writeUInt16LE('Z'.charCodeAt(0), 248);
    expect(() => parseBaseMessage(unknownType, photo, { today: TODAY })).toThrow(CardLayoutError);
    expect(() => parseBaseMessage(residentText().subarray(0, 200), photo, { today: TODAY })).toThrow(/200 bytes, expected 256/);
    expect(() => parseBaseMessage(residentText(), photo.subarray(0, 10), { today: TODAY })).toThrow(/photo is 10 bytes/);
  });
});
