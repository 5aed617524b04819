import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogSchema, type FormField } from '../../common/catalog/schema';
import { CatalogPatterns, fieldProblem } from '../../main/core/forms/field-validation';

const catalog = catalogSchema.parse(JSON.parse(readFileSync('assets/catalog/default-catalog.json', 'utf8')));
const r1 = catalog.services.find((s) => s.code === 'R1')!;
const field = (id: string) => r1.form!.find((f) => f.id === id)!;
const patterns = new CatalogPatterns();
const problem = (f: FormField, value: string) => fieldProblem(f, value, patterns.of('R1', f))?.en ?? null;

describe('text fields take Chinese as entered by 拼音 or 手写, validated as before', () => {
  it('R1 asks for a residential address and an emergency contact as text', () => {
    expect([field('address').type, field('contact').type]).toEqual(['text', 'text']);
  });

  it('takes a Chinese street address and a Chinese name, 简体 or 繁體', () => {
    expect(problem(field('address'), '广州市海珠区江南大道中街道办事处 12 号 301 室')).toBeNull();
    expect(problem(field('address'), '廣州市海珠區江南大道中 12 號')).toBeNull();
    expect(problem(field('contact'), '王大山')).toBeNull();
  });

  it('counts characters, not UTF-16 units or bytes, against the maximum length', () => {
    expect(problem(field('contact'), '王'.repeat(30))).toBeNull();
    expect(problem(field('contact'), '王'.repeat(31))).toBe('Enter at most 30 characters');
    expect(problem(field('contact'), '𠀀'.repeat(30))).toBeNull(); // outside the BMP: still one character each
  });

  it('still refuses Chinese where the catalog’s pattern allows only Latin letters and digits', () => {
    expect(problem(field('idNumber'), '身份证号码一二三四五六')).toBe('This is not in the expected format. Please check it.');
  });
});
