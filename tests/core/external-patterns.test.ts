import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { catalogSchema, formFieldSchema } from '../../common/catalog/schema';
import { validateConfig } from '../../common/config/schema';
import { compileSafePattern } from '../../common/patterns/safe-pattern';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { CatalogPatterns, fieldProblem } from '../../main/core/forms/field-validation';
import { call, callResult } from '../helpers/core-call';

/**
 * `^(a+)+$` on "aaa…a!" is the classic catastrophic pattern: a backtracking engine (JavaScript's
 * RegExp) tries every way to split the a's between the two `+` before giving up, so each extra `a`
 * doubles the work. Measured on the 2-core CI machine: 24 a's take 0.2 s, 27 take 0.6 s; 40 would
 * take about an hour, 150 or 5000 longer than the machine will last. On the linear-time engine
 * each is one pass. These tests assert only that the answers come back: on the old code they never do.
 */
const CATASTROPHIC = '^(a+)+$';
const label = (text: string) => ({ 'zh-CN': text, 'zh-HK': text, en: text });
const FORMAT = 'This is not in the expected format. Please check it.';

const catalogWithField = (field: object) => ({
  version: 1,
  services: [{ code: 'Z1', name: label('表单'), category: 'residence', requiresIdentity: false, kind: 'form', form: [field] }],
});

describe('patterns from outside the terminal run in linear time', () => {
  it('checks a citizen value against a catastrophic catalog pattern and returns', () => {
    const field = formFieldSchema.parse({ id: 'code', label: label('代码'), type: 'text', maxLength: 6000, pattern: CATASTROPHIC });
    const pattern = new CatalogPatterns().of('Z1', field);
    for (const length of [40, 5000]) {
      expect(fieldProblem(field, 'a'.repeat(length) + '!', pattern)?.en).toBe(FORMAT);
      expect(fieldProblem(field, 'a'.repeat(length), pattern)).toBeNull();
    }
  });

  it('reads catalog patterns in JavaScript syntax as before: \\u escapes, Unicode scripts, whole-value matching', () => {
    const name = compileSafePattern('^[\\u4e00-\\u9fa5]{2,4}$');
    const han = compileSafePattern('\\p{Script=Han}+');
    const either = compileSafePattern('a|b');
    expect([name.ok && name.pattern.matchesWhole('张三'), name.ok && name.pattern.matchesWhole('Zhang')]).toEqual([true, false]);
    expect([han.ok && han.pattern.matchesWhole('汉字'), han.ok && han.pattern.matchesWhole('汉a')]).toEqual([true, false]);
    expect([either.ok && either.pattern.matchesWhole('a'), either.ok && either.pattern.matchesWhole('ab'), either.ok && either.pattern.test('xb')]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('refuses a catalog whose pattern needs a backtracking engine, naming the field and why', () => {
    const cases = [
      { pattern: '(?!000)\\d{6}', why: 'uses lookahead' },
      { pattern: '(?<=1)\\d+', why: 'uses lookbehind' },
      { pattern: '(\\d)\\1{5}', why: 'uses a backreference (\\1)' },
      { pattern: '(?<d>\\d)\\k<d>', why: 'uses a named backreference' },
      { pattern: 'a'.repeat(1001), why: 'is longer than 1000 characters' },
    ];
    for (const { pattern, why } of cases) {
      const parsed = catalogSchema.safeParse(catalogWithField({ id: 'postcode', label: label('邮编'), type: 'digits', pattern }));
      expect(parsed.success, pattern).toBe(false);
      expect(parsed.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))).toEqual([
        { path: 'services.0.form.0.pattern', message: expect.stringMatching(new RegExp(`^field postcode: the pattern ${why.replace(/[()\\]/g, '\\$&')}`)) },
      ]);
    }
    // The same message where a catalog file is read.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-patterns-'));
    try {
      const file = path.join(dir, 'catalog.json');
      writeFileSync(file, JSON.stringify(catalogWithField({ id: 'postcode', label: label('邮编'), type: 'digits', pattern: '(?!000)\\d{6}' })));
      expect(() => loadCatalogFile(file)).toThrow(
        /services\[0\]\.form\[0\]\.pattern: field postcode: the pattern uses lookahead \(\(\?= or \(\?!\), which the terminal's linear-time pattern engine \(RE2\) does not support/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an appointment code pattern the engine cannot run, with the reason', () => {
    const result = validateConfig({ services: { appointmentCodePattern: '^(?!TEST)[A-Z0-9-]{4,64}$' } });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'services.appointmentCodePattern',
          message: expect.stringContaining('must be a regular expression the terminal can run: the pattern uses lookahead'),
          rule: { kind: 'safe-pattern' },
        },
      ],
    });
    expect(validateConfig({ services: { appointmentCodePattern: '(' } })).toMatchObject({
      ok: false,
      issues: [{ path: 'services.appointmentCodePattern', message: expect.stringContaining('Invalid regular expression') }],
    });
    expect(validateConfig({ services: { appointmentCodePattern: CATASTROPHIC } }).ok).toBe(true);
  });
});

/** The same through a whole kiosk: a form field and the appointment code pattern, set from outside. */
describe('catastrophic patterns on a running kiosk', () => {
  let kiosk: TestKiosk;
  let assetsDir: string;

  beforeAll(async () => {
    assetsDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-patterns-assets-'));
    cpSync(path.resolve('assets'), assetsDir, { recursive: true });
    const file = path.join(assetsDir, 'catalog', 'default-catalog.json');
    const catalog = JSON.parse(readFileSync(file, 'utf8')) as { services: object[] };
    catalog.services.push(catalogWithField({ id: 'code', label: label('代码'), type: 'text', maxLength: 1000, pattern: CATASTROPHIC }).services[0]!);
    writeFileSync(file, JSON.stringify(catalog));
    kiosk = await bootTestKiosk('patterns', { assetsDir });
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
  });

  it('validates a form field against a catastrophic catalog pattern and answers', async () => {
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'Z1', fieldId: 'code', value: 'a'.repeat(999) + '!' })).toEqual({
      ok: false,
      reason: expect.objectContaining({ en: FORMAT }),
    });
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'Z1', fieldId: 'code', value: 'a'.repeat(1000) })).toEqual({ ok: true });
  });

  it('checks a scanned code against a catastrophic appointment code pattern set by staff and answers', async () => {
    const { token } = await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' });
    await call(kiosk.core, 'staff.config.update', { token, changes: [{ path: 'services.appointmentCodePattern', value: CATASTROPHIC }] });
    // The code does not look like an appointment code: the citizen hears so, without the hub being asked.
    const found = await call(kiosk.core, 'appointment.find', { code: 'a'.repeat(255) + '!' });
    expect(found).toMatchObject({ appointments: [], message: { en: expect.stringContaining('No appointment was found') } });
    const refused = await callResult(kiosk.core, 'staff.config.update', { token, changes: [{ path: 'services.appointmentCodePattern', value: '(\\w)\\1' }] });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'services.appointmentCodePattern', message: expect.stringContaining('uses a backreference (\\1)') }] },
    });
    expect(kiosk.core.config.config.services.appointmentCodePattern).toBe(CATASTROPHIC);
  });
});
