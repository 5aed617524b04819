import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formFieldSchema, type FormField } from '../../common/catalog/schema';
import { compilePatterns, fieldProblem, isRealDate } from '../../main/core/forms/field-validation';
import { checkSignature } from '../../main/core/forms/signature';
import { formatSubmissionNumber, hallDay, SubmissionNumbers } from '../../main/core/forms/submission-numbers';
import { maskedCardValue } from '../../main/core/forms/card-autofill';
import { payloadProblem } from '../../hub/payload-rules';

const label = { 'zh-CN': '字段', 'zh-HK': '字段', en: 'Field' };
const field = (f: Partial<FormField> & Pick<FormField, 'type'>): FormField => formFieldSchema.parse({ id: 'f', label, ...f });
const problem = (f: FormField, value: string) => fieldProblem(f, value, compilePatterns())?.en ?? null;

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
    const reason = fieldProblem(field({ type: 'phone' }), '1', compilePatterns());
    expect(reason).toEqual({ 'zh-CN': '请填写正确的 11 位手机号码', 'zh-HK': '請填寫正確的 11 位手機號碼', en: 'Enter a valid 11-digit mobile number' });
  });

  it('ignores a catalog pattern that does not compile instead of refusing everything', () => {
    expect(problem(field({ type: 'text', pattern: '([' }), 'anything')).toBeNull();
  });
});

describe('signatures from the pad', () => {
  const pad = { width: 600, height: 240 };
  it('keeps a drawn signature as an SVG path in the pad’s units', () => {
    const r = checkSignature({ ...pad, strokes: [[[10, 10], [60.26, 40]], [[100, 100]]] }, true);
    expect(r).toEqual({ ok: true, signature: { format: 'svg-path', width: 600, height: 240, strokes: 2, path: 'M10 10L60.3 40M100 100l0 0' } });
  });

  it('asks for a signature when there is none, and refuses a dot, points off the pad, or a flood of points', () => {
    expect(checkSignature(undefined, true)).toMatchObject({ ok: false, reason: { en: 'Please sign in the box' } });
    expect(checkSignature({ ...pad, strokes: [[]] }, true)).toMatchObject({ ok: false, reason: { en: 'Please sign in the box' } });
    expect(checkSignature(undefined, false)).toEqual({ ok: true, signature: null });
    expect(checkSignature({ ...pad, strokes: [[[10, 10], [12, 11]]] }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too small') } });
    expect(checkSignature({ ...pad, strokes: [[[10, 10], [700, 10]]] }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('could not be read') } });
    expect(checkSignature({ ...pad, strokes: [[[-1, 10], [50, 10]]] }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('could not be read') } });
    const flood = [Array.from({ length: 4001 }, (_, i) => [i % 600, 10] as [number, number])];
    expect(checkSignature({ ...pad, strokes: flood }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too many strokes') } });
    const many = Array.from({ length: 61 }, () => [[1, 1], [50, 50]] as [number, number][]);
    expect(checkSignature({ ...pad, strokes: many }, true)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too many strokes') } });
  });
});

describe('submission numbers', () => {
  it('reads service, terminal, hall day and sequence, and stays printable on the receipt', () => {
    expect(formatSubmissionNumber('R1', 'T-0001', '20261121', 7)).toBe('R1-T-0001-20261121-0007');
    const long = formatSubmissionNumber('R1', 'HALL-TIANHE-FLOOR-2-TERMINAL-NUMBER-17', '20261121', 12);
    expect(long).toMatch(/^R1-[0-9A-F]{8}-20261121-0012$/);
    expect(formatSubmissionNumber('R1', 'HALL-TIANHE-FLOOR-2-TERMINAL-NUMBER-18', '20261121', 12)).not.toBe(long);
  });

  it('counts days in the hall’s time zone (UTC+8)', () => {
    expect(hallDay(Date.parse('2026-11-21T15:59:00Z'))).toBe('20261121');
    expect(hallDay(Date.parse('2026-11-21T16:01:00Z'))).toBe('20261122');
  });

  it('never gives the same sequence twice, per service and day, across restarts (real SQLite)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-forms-'));
    try {
      let numbers = new SubmissionNumbers(dir);
      expect([numbers.take('R1', '20261121'), numbers.take('R1', '20261121'), numbers.take('R2', '20261121'), numbers.take('R1', '20261122')]).toEqual([1, 2, 1, 1]);
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
    expect(payloadProblem('submission.created', { ...payload, submissionNumber: 'x'.repeat(41) })).toBe('schema: payload.submissionNumber must be 1-40 characters');
    expect(payloadProblem('submission.created', { serviceCode: 'A', fields: {} })).toBeNull(); // producers without numbers still accepted
  });
});
