import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, type Logger } from '../../main/logging/logger';

/**
 * The personal data the first redaction missed, each sent through the real logger into the real
 * kiosk.log: in a message, in a field, or both. Every case says what must never be in the file and
 * what the technician sees instead.
 */
describe('redaction in the log file', () => {
  let dir: string;
  let log: Logger;
  let seen = 0;
  const file = () => path.join(dir, 'logs', 'kiosk.log');
  /** The lines written since the last call (writes to the file are synchronous). */
  const newLines = () => {
    const all = readFileSync(file(), 'utf8').trim().split('\n');
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh.join('\n');
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-redaction-'));
    log = createLogger({ logDir: path.join(dir, 'logs') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: { what: string; log: (l: Logger) => void; never: string[]; shows: string[] }[] = [
    {
      what: 'foreigner permanent-residence numbers: 2017 format (3 letters + 12 digits) and 2023 format (18 digits from 9)',
      log: (l) => l.info({ record: { idNumber: 'USA310075052112' } }, 'card USA310075052112 read; lookup of 931840198006150019 failed'),
      never: ['USA310075052112', '931840198006150019'],
      shows: ['USA3*******2112', '9318**********0019'],
    },
    {
      what: 'HK/Macau/Taiwan residence permits (810000/820000/830000…) and HK/Macau travel permits (H/M + 8 or 10 digits)',
      log: (l) =>
        l.info({ permitNo: 'H12345678' }, 'permits 810000198512120020 820000199001010031 830000197802280046; pass H12345678 and M1234567890 presented'),
      never: ['810000198512120020', '820000199001010031', '830000197802280046', 'H12345678', 'M1234567890', '12345678'],
      shows: ['8100**********0020', 'H******78', 'M********90'],
    },
    {
      what: 'Taiwan travel permit (8 digits) named as such, and under a permit key',
      log: (l) => l.info({ taiwanPermitNumber: '87654321' }, '台胞证 12345678 已核验; permit no. 23456789'),
      never: ['87654321', '12345678', '23456789'],
      shows: ['台胞证 ********'],
    },
    {
      what: 'mobile numbers written with +86, spaces or dashes',
      log: (l) => l.info({ contactMobile: '+86 139-8765-4321' }, 'call +86 138 1234 5678, +8613912345678, 0086-137-1234-5678 or 136-1234-5678 / 135 1234 5678'),
      never: ['138 1234 5678', '8613912345678', '137-1234-5678', '136-1234-5678', '135 1234 5678', '139-8765-4321', '1234 5678', '8765-4321'],
      shows: ['+86**********5678'],
    },
    {
      what: 'landlines',
      log: (l) =>
        l.info({ contactTel: '0755-2345678' }, 'hall 021-12345678, office (010) 8765 4321, desk 010 87654321, +86 20 3456 7890, ext 021-62345678-801'),
      never: ['12345678', '8765 4321', '87654321', '3456 7890', '2345678', '62345678'],
      shows: ['021*****5678', '075*****5678'],
    },
    {
      what: 'birth dates in fields and next to 出生 / birth in text',
      log: (l) =>
        l.info(
          { citizen: { birth: '1990-03-07', birthDate: '1985-12-12', dob: '19750521', dateOfBirth: '1980/06/15' } },
          '出生：1991年4月8日; 出生日期 1992-05-09; born 1993-06-10',
        ),
      never: ['1990-03-07', '1985-12-12', '19750521', '1980/06/15', '1991年4月8日', '1992-05-09', '1993-06-10'],
      shows: ['****-**-**', '出生：****年*月*日'],
    },
    {
      what: 'names and addresses under any key that says so',
      log: (l) =>
        l.info(
          {
            form: { contactName: '王小明', guardianName: '李四', applicant_name: 'JOHN SMITH' },
            addr: '上海市浦东新区世纪大道100号',
            home: { street: '南京东路200号', domicile: '浙江省杭州市西湖区文三路300号', mailingAddress: '北京市东城区测试路1号' },
          },
          'form filled',
        ),
      never: ['王小明', '李四', 'JOHN SMITH', '世纪大道100号', '南京东路200号', '文三路300号', '测试路1号'],
      shows: ['王*明', '李*', 'J*** S****', '上海市浦东新*'],
    },
    {
      what: 'labelled names and addresses in text, and personal members of JSON quoted in a message',
      log: (l) => l.error(new Error('hub answered 400: {"guardianName":"赵六","homeAddress":"广东省深圳市福田区测试大道2号","serviceCode":"A01"}; 姓名：钱七')),
      never: ['赵六', '测试大道2号', '钱七'],
      shows: ['赵*', '广东省深圳市*', 'A01', '姓名：钱*'],
    },
    {
      what: 'labelled names in text with =, :, ： or no separator, in English, and as util.inspect prints an object in a thrown message',
      log: (l) => {
        l.info('reader: Name=张三; 姓名李四，性别男; name: Zhang San failed the check; holder：王五 applicant=赵六');
        l.error(new Error(`hub refused ${"{ name: '钱七', serviceCode: 'A01', 'guardianName': 'LI SI' }"}`));
      },
      never: ['张三', '李四', 'Zhang San', 'Zhang', '王五', '赵六', '钱七', 'LI SI'],
      shows: [
        'Name=张*',
        '姓名李*',
        'name: Z**** S** failed the check',
        'holder：王*',
        'applicant=赵*',
        "name: '钱*'",
        "serviceCode: 'A01'",
        "'guardianName': 'L* S*'",
      ],
    },
    {
      what: 'addresses after an English label, a Chinese label without separator, and as a JS member',
      log: (l) =>
        l.warn(
          "addr 上海市浦东新区世纪大道100号 not found; 住址北京市东城区测试路1号; { address: '广东省深圳市福田区测试大道2号' }; address: 100 Century Avenue, Pudong",
        ),
      never: ['世纪大道100号', '测试路1号', '测试大道2号', 'Century Avenue'],
      shows: ['addr 上海市浦东新*', '住址北京市东城区*', "address: '广东省深圳市*", 'address: 100 Ce***'],
    },
    {
      what: 'birth dates written dd/mm/yyyy or with the month in words, after DOB / born / date of birth',
      log: (l) =>
        l.info({ citizen: { dateOfBirth: '7 March 1990' } }, 'DOB 07/03/1990; born on 7 March 1990; date of birth: March 8th, 1991; birthday 09.04.1992'),
      never: ['07/03/1990', '7 March 1990', 'March', 'March 8th, 1991', '09.04.1992', '1990', '1991', '1992'],
      shows: ['DOB **/**/****', 'born on * ***** ****', 'birthday **.**.****'],
    },
    {
      what: 'people under keys that name a person: holder, applicant, person, guardian, contact',
      log: (l) =>
        l.info(
          {
            holder: '王五',
            applicant: { name: '赵六', phone: '13812345678' },
            person: 'JOHN SMITH',
            guardian: '李四',
            contact: '13912345678',
            emergencyContact: '周八',
            cardHolder: '吴九',
          },
          'people',
        ),
      never: ['王五', '赵六', '13812345678', 'JOHN SMITH', '李四', '13912345678', '周八', '吴九'],
      shows: ['"holder":"王*"', '"name":"赵*"', '"person":"J*** S****"', '"contact":"139****5678"', '"emergencyContact":"周*"', '"cardHolder":"吴*"'],
    },
  ];

  for (const c of cases) {
    it(`masks ${c.what}`, () => {
      c.log(log);
      const out = newLines();
      expect(out.length).toBeGreaterThan(0);
      for (const clear of c.never) expect(out).not.toContain(clear);
      for (const masked of c.shows) expect(out).toContain(masked);
    });
  }

  it('leaves ordinary fields and text as they are (service codes, ticket numbers, times, port paths, durations, ids, file and host names) beside masked ones', () => {
    const ordinary = {
      serviceCode: 'A01',
      ticket: 'A023',
      number: 'B105',
      submissionNumber: 'R1-T-0311-20261121-0007',
      issuedAt: '2026-11-21T09:05:00.000Z',
      slot: '2026-11-21 14:30',
      port: '/dev/ttyUSB0',
      linkPath: '/tmp/kiosk-x/run/ttyIdCard',
      durationMs: 1234,
      elapsed: '1234 ms',
      rttMs: 87,
      subject: 'subj-3f2a9c1b',
      key: '0f3a9c1b-0213-4a5b-9c8d-123456789012',
      url: 'http://127.0.0.1:43210/',
      fileName: 'job-0001.txt',
      hostname: 'kiosk-01',
      device: 'printer',
      at: 1763687100000,
      counts: { pending: 12, dead: 0 },
    };
    const message =
      "ticket A023 issued at 2026-11-21T09:05:00.000Z on /dev/ttyUSB0 in 1234 ms; serviceCode: A01, serviceCode='B02', fileName=job-0001.txt hostname: kiosk-01 { typeName: 'Printer', durationMs: 87 } at http://127.0.0.1:43210/";
    log.info({ ...ordinary, guardianName: '李四', contactTel: '021-62345678' }, `${message}; call 010-87654321`);
    const record = JSON.parse(newLines()) as Record<string, unknown>;
    expect(record).toEqual({
      level: 30,
      time: expect.any(String),
      ...ordinary,
      guardianName: '李*',
      contactTel: '021*****5678',
      msg: `${message}; call 010*****4321`,
    });
  });
});
