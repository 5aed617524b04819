// Over 300 lines: every field rule of the self-service forms with its reason in three languages.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formFieldSchema, type FormField } from '../../common/catalog/schema';
import { CatalogPatterns, fieldProblem, isRealDate } from '../../main/core/forms/field-validation';
import { checkSignature } from '../../main/core/forms/signature';
import { formatSubmissionNumber, hallDay, submissionNumberFormat, SubmissionNumbers } from '../../main/core/forms/submission-numbers';
import { renderReceipt } from '../../devices/printer/layouts/receipt';
import { printerProfile } from '../../devices/printer/profiles';
import { rpcMethods, signatureInputSchema, SIGNATURE_LIMITS } from '../../common/rpc/contract';
import { maskedCardValue } from '../../main/core/forms/card-autofill';
import { payloadProblem } from '../../hub/payload-rules';

const label = { 'zh-CN': '字段', 'zh-HK': '字段', en: 'Field' };
const field = (f: Partial<FormField> & Pick<FormField, 'type'>): FormField => formFieldSchema.parse({ id: 'f', label, ...f });
const problem = (f: FormField, value: string) => fieldProblem(f, value, new CatalogPatterns().of('X', f))?.en ?? null;

describe('form field validation (the reason shown at the field)', () => {
  it('requires a required field and lets an optional one stay empty', () => {
    expect(problem(field({ type: 'text' }), '  ')).toBe('This field is required');
    expect(problem(field({ type: 'text', required: false }), '')).toBeNull();
  });

  it('checks text length in characters (a Chinese character counts once) and the catalog pattern', () => {
    const f = field({ type: 'text', minLength: 2, maxLength: 4, pattern: '^[A-Za-z一-龥]+$' });
    expect(problem(f, 'a')).toBe('Enter at least 2 characters');
    expect(problem(f, '张三丰')).toBeNull();
    expect(problem(f, 'abcde')).toBe('Enter at most 4 characters');
    expect(problem(f, 'ab1')).toBe('This is not in the expected format. Please check it.');
    expect(problem(field({ type: 'text' }), 'x'.repeat(201))).toBe('Enter at most 200 characters');
    expect(problem(field({ type: 'text' }), 'a\u0000b')).toBe('Contains characters that cannot be used');
  });

  it('takes digits only in a digits field', () => {
    expect(problem(field({ type: 'digits', maxLength: 6 }), '12a')).toBe('Only digits are allowed');
    expect(problem(field({ type: 'digits', maxLength: 6 }), '1234567')).toBe('Enter at most 6 characters');
    expect(problem(field({ type: 'digits' }), '510000')).toBeNull();
  });

  it('takes a real mainland mobile number in a phone field, with or without a catalog pattern', () => {
    for (const f of [field({ type: 'phone' }), field({ type: 'phone', pattern: '^1[3-9][0-9]{9}$' })]) {
      expect(problem(f, '12345678901')).toBe('Enter a valid 11-digit mobile number');
      expect(problem(f, '1381234567')).toBe('Enter a valid 11-digit mobile number');
      expect(problem(f, '138-1234-5678')).toBe('Enter a valid 11-digit mobile number');
      expect(problem(f, '13812345678')).toBeNull();
    }
  });

  it('takes only days that exist in a date field', () => {
    const f = field({ type: 'date' });
    expect(problem(f, '2024-02-29')).toBeNull();
    expect(problem(f, '2023-02-29')).toBe('Choose a date that exists');
    expect(problem(f, '2024-13-01')).toBe('Choose a date that exists');
    expect(problem(f, '24-1-1')).toBe('Choose a date that exists');
    expect(isRealDate('1899-12-31')).toBe(false);
    expect(isRealDate('2026-04-30')).toBe(true);
    expect(isRealDate('2026-04-31')).toBe(false);
  });

  it('takes only a listed option in a choice field', () => {
    const f = field({ type: 'choice', options: [{ value: 'tianhe', label }] });
    expect(problem(f, 'tianhe')).toBeNull();
    expect(problem(f, 'elsewhere')).toBe('Choose one of the listed options');
  });

  it('gives every reason in the three languages', () => {
    const f = field({ type: 'phone' });
    const reason = fieldProblem(f, '1', new CatalogPatterns().of('X', f));
    expect(reason).toEqual({ 'zh-CN': '请填写正确的 11 位手机号码', 'zh-HK': '請填寫正確的 11 位手機號碼', en: 'Enter a valid 11-digit mobile number' });
  });

  it('anchors a catalog pattern like HTML pattern: the whole value must match', () => {
    const postcode = field({ type: 'digits', pattern: '\\d{6}' });
    expect(problem(postcode, '510000')).toBeNull();
    expect(problem(postcode, '5100001')).toBe('This is not in the expected format. Please check it.');
    expect(problem(field({ type: 'text', pattern: '\\d{6}' }), 'abc123456')).toBe('This is not in the expected format. Please check it.');
    expect(problem(field({ type: 'text', pattern: 'a|b' }), 'ab')).toBe('This is not in the expected format. Please check it.');
    expect(problem(field({ type: 'phone', pattern: '1[3-9]\\d{9}' }), '139123456780')).toBe('Enter a valid 11-digit mobile number');
  });

  it('refuses every value for a field whose catalog pattern does not compile, and reports it once naming service and field', () => {
    const reports: unknown[] = [];
    const patterns = new CatalogPatterns((where, error) => reports.push({ ...where, error }));
    const broken = formFieldSchema.parse({ id: 'postcode', label, type: 'text', pattern: '([' });
    const unavailable = 'This item cannot be filled in at this terminal right now. Please go to a counter.';
    for (const value of ['anything', '510000', '']) expect(fieldProblem(broken, value, patterns.of('R9', broken))?.en).toBe(unavailable);
    // `a)(b` compiles only once wrapped in ^(?:…)$: it is checked alone first, as HTML does.
    const wrapped = formFieldSchema.parse({ id: 'code', label, type: 'phone', pattern: 'a)(b', required: false });
    expect(fieldProblem(wrapped, '13912345678', patterns.of('R9', wrapped))?.en).toBe(unavailable);
    expect(fieldProblem(wrapped, '', patterns.of('R9', wrapped))).toBeNull(); // optional and left empty: nothing to check
    expect(reports).toEqual([
      { serviceCode: 'R9', fieldId: 'postcode', error: expect.stringContaining('Invalid regular expression') },
      { serviceCode: 'R9', fieldId: 'code', error: expect.stringContaining('Invalid regular expression') },
    ]);
    patterns.of('R8', broken);
    expect(reports).toHaveLength(3); // another service's field is its own report
  });
});

describe('signatures from the pad', () => {
  const pad = { width: 600, height: 240 };
  it('keeps a drawn signature as an SVG path in the pad’s units', () => {
    const r = checkSignature(
      {
        ...pad,
        strokes: [
          [
            [10, 10],
            [60.26, 40],
          ],
          [[100, 100]],
        ],
      },
      true,
    );
    expect(r).toEqual({ ok: true, signature: { format: 'svg-path', width: 600, height: 240, strokes: 2, path: 'M10 10L60.3 40M100 100l0 0' } });
  });

  it('asks for a signature when there is none, and refuses a dot, points off the pad, or a flood of points', () => {
    expect(checkSignature(undefined, true)).toMatchObject({ ok: false, reason: { en: 'Please sign in the box' } });
    expect(checkSignature({ ...pad, strokes: [[]] }, true)).toMatchObject({ ok: false, reason: { en: 'Please sign in the box' } });
    expect(checkSignature(undefined, false)).toEqual({ ok: true, signature: null });
    expect(
      checkSignature(
        {
          ...pad,
          strokes: [
            [
              [10, 10],
              [12, 11],
            ],
          ],
        },
        true,
      ),
    ).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too small') } });
    expect(
      checkSignature(
        {
          ...pad,
          strokes: [
            [
              [10, 10],
              [700, 10],
            ],
          ],
        },
        true,
      ),
    ).toMatchObject({ ok: false, reason: { en: expect.stringContaining('could not be read') } });
    expect(
      checkSignature(
        {
          ...pad,
          strokes: [
            [
              [-1, 10],
              [50, 10],
            ],
          ],
        },
        true,
      ),
    ).toMatchObject({ ok: false, reason: { en: expect.stringContaining('could not be read') } });
    const flood = [Array.from({ length: 4001 }, (_, i) => [i % 600, 10] as [number, number])];
    expect(checkSignature({ ...pad, strokes: flood }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too many strokes') } });
    const many = Array.from(
      { length: 201 },
      () =>
        [
          [1, 1],
          [50, 50],
        ] as [number, number][],
    );
    expect(checkSignature({ ...pad, strokes: many }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too many strokes') } });
  });

  it('takes a carefully written Chinese name with many pen lifts (戴鑫麟: 64 strokes)', () => {
    const strokes = Array.from(
      { length: 64 },
      (_, i) =>
        [
          [10 + i * 8, 40],
          [14 + i * 8, 200],
          [12 + i * 8, 120],
        ] as [number, number][],
    );
    const r = checkSignature({ ...pad, strokes }, true);
    expect(r).toMatchObject({ ok: true, signature: { strokes: 64 } });
    expect(SIGNATURE_LIMITS.maxStrokes).toBe(200);
    expect(
      checkSignature(
        {
          ...pad,
          strokes: Array.from(
            { length: 200 },
            (_, i) =>
              [
                [i % 590, 10],
                [i % 590, 200],
              ] as [number, number][],
          ),
        },
        true,
      ),
    ).toMatchObject({ ok: true });
  });
});

describe('the signature schema of form.submit (a hostile renderer)', () => {
  const pad = { width: 600, height: 240 };
  const issues = (input: unknown) => signatureInputSchema.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

  it('holds a signature to the real limits: strokes, points in all, coordinates', () => {
    expect(
      issues({
        ...pad,
        strokes: [
          [
            [0, 0],
            [600, 240],
          ],
        ],
      }),
    ).toEqual([]);
    expect(issues({ ...pad, strokes: Array.from({ length: 201 }, () => [[1, 1]]) })).toEqual([['strokes', expect.stringContaining('200')]]);
    // 4001 points over a few strokes: refused as a whole, each stroke being under the limit.
    expect(issues({ ...pad, strokes: Array.from({ length: 5 }, () => Array.from({ length: 801 }, () => [1, 1])) })).toEqual([
      ['strokes', 'at most 4000 points in all'],
    ]);
    expect(
      issues({
        ...pad,
        strokes: [
          [
            [1, 1],
            [10_001, 1],
          ],
        ],
      }),
    ).toEqual([['strokes.0.1.0', expect.stringContaining('10000')]]);
    expect(issues({ ...pad, strokes: [[[1, -1]]] })).toEqual([['strokes.0.0.1', expect.stringContaining('0')]]);
    expect(issues({ ...pad, width: 20_000, strokes: [] })).toEqual([['width', expect.stringContaining('10000')]]);
  });

  it('refuses 4 signatures of 200 strokes × 10,000 points before parsing their points, and more than 4 signatures', () => {
    const flood = { ...pad, strokes: Array.from({ length: 200 }, () => Array.from({ length: 10_000 }, () => [1, 1])) };
    const input = { serviceCode: 'R1', values: {}, lang: 'en', submissionId: '6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f' };
    const r = rpcMethods['form.submit'].input.safeParse({ ...input, signatures: { a: flood, b: flood, c: flood, d: flood } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual(
      ['a', 'b', 'c', 'd'].map((k) => [`signatures.${k}.strokes`, 'at most 4000 points in all']),
    );
    const five = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((k) => [k, { ...pad, strokes: [] }]));
    expect(rpcMethods['form.submit'].input.safeParse({ ...input, signatures: five }).error?.issues.map((i) => i.message)).toEqual(['at most 4 signatures']);
    expect(rpcMethods['form.submit'].input.safeParse({ ...input, signatures: {}, submissionId: 'retry-1' }).error?.issues.map((i) => i.path.join('.'))).toEqual(
      ['submissionId'],
    );
  });
});

describe('submission numbers', () => {
  it('reads service, terminal, hall day and sequence, and stays printable on the receipt', () => {
    expect(formatSubmissionNumber('R1', 'T-0001', '20261121', 7)).toBe('R1-T-0001-20261121-0007');
    const long = formatSubmissionNumber('R1', 'HALL-TIANHE-FLOOR-2-TERMINAL-NUMBER-17', '20261121', 12);
    expect(long).toMatch(/^R1-#[0-9A-F]{8}-20261121-0012$/);
    expect(formatSubmissionNumber('R1', 'HALL-TIANHE-FLOOR-2-TERMINAL-NUMBER-18', '20261121', 12)).not.toBe(long);
  });

  it('never gives two terminals or two services the same number, whatever their codes hold', () => {
    // Both would read R1-T-0001-20261121-0007 if the service were shown as itself.
    expect(formatSubmissionNumber('R1', 'T-0001', '20261121', 7)).not.toBe(formatSubmissionNumber('R1-T', '0001', '20261121', 7));
    expect(formatSubmissionNumber('R1-T', '0001', '20261121', 7)).toMatch(/^#[0-9A-F]{8}-0001-20261121-0007$/);
    // A terminal id that looks like a digest is still not one: digests carry `#`, ids cannot.
    const digestOfLong = formatSubmissionNumber('R1', 'X'.repeat(64), '20261121', 1).split('-')[1]!;
    expect(formatSubmissionNumber('R1', digestOfLong.slice(1), '20261121', 1)).not.toBe(formatSubmissionNumber('R1', 'X'.repeat(64), '20261121', 1));
  });

  it('makes a printable number for any service code the catalog allows (户籍, punctuation, 16 characters)', () => {
    const profile = printerProfile('generic-80mm-gb18030');
    for (const code of ['户籍', 'R1-T', 'a b', '{x}', '居住登记（来穗人员）', 'ABCDEFGHIJKLMNOP']) {
      for (const seq of [1, 9999, 123_456]) {
        const n = formatSubmissionNumber(code, 'HALL-TIANHE-FLOOR2-T17', '20261121', seq);
        expect(n, `${code} #${seq}`).toMatch(/^[\x20-\x7e]{1,40}$/);
        expect(n.endsWith(`-20261121-${String(seq).padStart(4, '0')}`)).toBe(true);
        const receipt = { hall: '大厅', submissionNumber: n, service: code, submittedAt: new Date(0), applicantName: '测试一', lang: 'zh-CN' as const };
        expect(renderReceipt(receipt, { profile }).includes(Buffer.from(n, 'ascii'))).toBe(true);
      }
    }
    expect(formatSubmissionNumber('户籍', 'T-0001', '20261121', 1)).not.toBe(formatSubmissionNumber('户口', 'T-0001', '20261121', 1));
    expect(() => submissionNumberFormat('R1', 'T-0001', '2026-11-21')).toThrow(RangeError);
  });

  it('counts days in the hall’s time zone (UTC+8)', () => {
    expect(hallDay(Date.parse('2026-11-21T15:59:00Z'))).toBe('20261121');
    expect(hallDay(Date.parse('2026-11-21T16:01:00Z'))).toBe('20261122');
  });

  it('never gives the same sequence twice, per service and day, across restarts (real SQLite)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-forms-'));
    try {
      let numbers = new SubmissionNumbers(dir);
      expect([numbers.take('R1', '20261121'), numbers.take('R1', '20261121'), numbers.take('R2', '20261121'), numbers.take('R1', '20261122')]).toEqual([
        1, 2, 1, 1,
      ]);
      numbers.close();
      numbers = new SubmissionNumbers(dir);
      expect(numbers.take('R1', '20261121')).toBe(3);
      numbers.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('auto-filled values on the screen', () => {
  it('are masked as everywhere else', () => {
    expect(maskedCardValue('name', '测试一')).toBe('测*一');
    expect(maskedCardValue('idNumber', '110101199003070011')).toBe('1101**********0011');
    expect(maskedCardValue('birthDate', '1990-03-07')).toBe('1990-**-**');
    expect(maskedCardValue('address', '北京市东城区测试路1号')).toBe('北京市东城区*****');
  });
});

describe('the reference hub’s rule for submission.created', () => {
  it('accepts a form submission as the terminal sends it, and refuses a number no receipt could carry', () => {
    const payload = { submissionNumber: 'R1-T-0001-20261121-0001', serviceCode: 'R1', fields: { phone: '13912345678' }, signatures: {} };
    expect(payloadProblem('submission.created', payload)).toBeNull();
    expect(payloadProblem('submission.created', { ...payload, submissionNumber: 'x'.repeat(41) })).toBe(
      'schema: payload.submissionNumber must be 1-40 characters',
    );
    expect(payloadProblem('submission.created', { serviceCode: 'A', fields: {} })).toBeNull(); // producers without numbers still accepted
  });
});
