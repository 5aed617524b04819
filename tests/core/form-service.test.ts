// Over 300 lines: the self-service form journey through the core (open, validate, submit, receipt), sharing one booted kiosk.
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import type { RpcResult } from '../../common/rpc/contract';
import { call, callResult } from '../helpers/core-call';
import { printerReady } from '../helpers/printer-ready';

const NAME = '测试一';
const ID_NUMBER = '110101199003070011';
const PHONE = '13912345678';
const pad = { width: 600, height: 240 };
const signature = {
  ...pad,
  strokes: [
    [
      [40, 180],
      [90, 60],
      [140, 170],
      [200, 80],
    ],
    [
      [260, 120],
      [380, 130],
    ],
  ],
};

const label = (text: string) => ({ 'zh-CN': text, 'zh-HK': text, en: text });
const formService = (code: string, form: object[]) => ({
  code,
  name: label(`表单 ${code}`),
  category: 'residence',
  requiresIdentity: false,
  kind: 'form',
  form,
});
/**
 * The default catalog plus forms the catalog schema allows and the core must survive: a Chinese
 * service code, field ids that are Object.prototype names, a pattern that does not compile.
 */
const EXTRA_FORMS = [
  formService('户籍', [{ id: 'phone', label: label('手机'), type: 'phone' }]),
  formService('P9', [
    { id: 'constructor', label: label('甲'), type: 'text', required: false },
    { id: 'toString', label: label('乙'), type: 'text' },
    { id: 'valueOf', label: label('丙'), type: 'signature', required: false },
  ]),
  formService('Z9', [{ id: 'postcode', label: label('邮编'), type: 'digits', pattern: '([' }]),
];

function assetsWithExtraForms(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-forms-assets-'));
  cpSync(path.resolve('assets'), dir, { recursive: true });
  const file = path.join(dir, 'catalog', 'default-catalog.json');
  const catalog = JSON.parse(readFileSync(file, 'utf8')) as { services: object[] };
  catalog.services.push(...EXTRA_FORMS);
  writeFileSync(file, JSON.stringify(catalog));
  return dir;
}

interface SubmissionRow {
  key: string;
  payload: Buffer;
}

/** 居住登记 (R1) on the embedded defaults: the card fills, the citizen enters, the outbox and printer take it. */
describe('self-service form service', () => {
  let kiosk: TestKiosk;
  let assetsDir: string;
  /** form.submit as the screen sends it: a fresh submission id unless one is given (a retry). */
  const submit = (input: object, submissionId: string = randomUUID()) => kiosk.core.invoke('form.submit', { ...input, submissionId });
  const output = <T>(r: RpcResult) => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.output as T;
  };
  const submissions = () =>
    kiosk.queue.outbox.db.prepare("SELECT key, payload FROM outbox WHERE kind = 'submission.created' ORDER BY seq").all() as SubmissionRow[];
  const entered = { phone: PHONE, district: 'haizhu', housing: 'rented' };

  beforeAll(async () => {
    assetsDir = assetsWithExtraForms();
    kiosk = await bootTestKiosk('forms', { assetsDir });
    await printerReady(kiosk.core);
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    if (assetsDir) rmSync(assetsDir, { recursive: true, force: true });
  });

  it('asks for the ID card before starting a form the card fills', async () => {
    expect(await callResult(kiosk.core, 'form.start', { serviceCode: 'R1' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', citizenMessage: { 'zh-CN': '办理此业务请先放置身份证' } },
    });
    expect(await callResult(kiosk.core, 'form.start', { serviceCode: 'A' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'serviceCode' }] },
    });
  });

  it('gives the screen the card’s values masked, never in clear', async () => {
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    let start: RpcResult = { ok: false } as RpcResult;
    await expect.poll(async () => (start = await callResult(kiosk.core, 'form.start', { serviceCode: 'R1' })).ok, { timeout: 15_000 }).toBe(true);
    kiosk.embedded.idCardEmulator!.emulator.remove();
    const form = output<{ fields: { id: string; type: string; fromCard: { masked: string } | null; options?: unknown[] }[]; printerProblem?: unknown }>(start);
    expect(form.fields.map((f) => [f.id, f.type, f.fromCard?.masked ?? null])).toEqual([
      ['name', 'text', '测*一'],
      ['idNumber', 'text', '1101**********0011'],
      ['phone', 'phone', null],
      ['district', 'choice', null],
      ['housing', 'choice', null],
      ['movedIn', 'date', null],
      ['address', 'text', null],
      ['contact', 'text', null],
      ['signature', 'signature', null],
    ]);
    expect(form.printerProblem).toBeUndefined();
    const wire = JSON.stringify(start);
    expect(wire).not.toContain(NAME);
    expect(wire).not.toContain(ID_NUMBER);
  });

  it('validates one field at a time, with the reason in three languages', async () => {
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'R1', fieldId: 'phone', value: '12345' })).toEqual({
      ok: false,
      reason: { 'zh-CN': '请填写正确的 11 位手机号码', 'zh-HK': '請填寫正確的 11 位手機號碼', en: 'Enter a valid 11-digit mobile number' },
    });
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'R1', fieldId: 'phone', value: PHONE })).toEqual({ ok: true });
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'R1', fieldId: 'district', value: 'shenzhen' })).toMatchObject({
      ok: false,
      reason: { en: 'Choose one of the listed options' },
    });
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'R1', fieldId: 'housing', value: '' })).toMatchObject({
      ok: false,
      reason: { en: 'This field is required' },
    });
    expect(await callResult(kiosk.core, 'form.validate', { serviceCode: 'R1', fieldId: 'name', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'fieldId' }] },
    });
    expect(await callResult(kiosk.core, 'form.validate', { serviceCode: 'R1', fieldId: 'nosuch', value: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'fieldId' }] },
    });
  });

  it('refuses a form with problems field by field, and stores and prints nothing', async () => {
    const before = submissions().length;
    const jobsBefore = kiosk.embedded.virtualPrinter!.jobCount;
    const r = output<{ outcome: string; problems: { fieldId: string; reason: { en: string } }[] }>(
      await submit({ serviceCode: 'R1', values: { phone: '1234', district: 'haizhu' }, signatures: {}, lang: 'zh-CN' }),
    );
    expect(r.outcome).toBe('refused');
    expect(r.problems.map((p) => [p.fieldId, p.reason.en])).toEqual([
      ['phone', 'Enter a valid 11-digit mobile number'],
      ['housing', 'This field is required'],
      ['signature', 'Please sign in the box'],
    ]);
    expect(submissions().length).toBe(before);
    expect(kiosk.embedded.virtualPrinter!.jobCount).toBe(jobsBefore);
  });

  it('refuses a hostile signature with a clear field error, and values for the fields the card fills', async () => {
    const offPad = {
      ...pad,
      strokes: [
        [
          [10, 10],
          [5000, 10],
        ],
      ],
    };
    const r = output<{ outcome: string; problems: { fieldId: string; reason: { en: string } }[] }>(
      await submit({ serviceCode: 'R1', values: entered, signatures: { signature: offPad }, lang: 'en' }),
    );
    expect(r).toMatchObject({
      outcome: 'refused',
      problems: [{ fieldId: 'signature', reason: { en: 'The signature could not be read. Please clear it and sign again.' } }],
    });
    const huge = { ...pad, strokes: Array.from({ length: 501 }, () => [[1, 1]]) };
    expect(await submit({ serviceCode: 'R1', values: entered, signatures: { signature: huge }, lang: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: expect.stringMatching(/^signatures\.signature\.strokes/) }] },
    });
    expect(await submit({ serviceCode: 'R1', values: { ...entered, name: '冒名' }, signatures: { signature }, lang: 'en' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'values.name' }] },
    });
    expect(submissions().length).toBe(0);
  });

  it('submits: a number the citizen can quote, the card’s values filled by the core, sealed in the outbox, a receipt printed', async () => {
    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    const r = output<{ outcome: string; submissionNumber: string; printed: boolean }>(
      await submit({ serviceCode: 'R1', values: entered, signatures: { signature }, lang: 'zh-CN' }),
    );
    expect(r).toMatchObject({ outcome: 'submitted', submissionNumber: expect.stringMatching(/^R1-T-0001-\d{8}-0001$/), printed: true });

    const printed = await job;
    expect(printed.transcript).toContain(r.submissionNumber);
    expect(printed.transcript).toContain('受理回执');
    expect(printed.transcript).toContain('测*一');
    expect(printed.transcript).not.toContain(NAME);

    const rows = submissions();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.payload.includes(Buffer.from(NAME))).toBe(false); // sealed at rest
    expect(rows[0]!.payload.includes(Buffer.from(PHONE))).toBe(false);
    const entry = kiosk.queue.outbox.get(rows[0]!.key)!;
    expect(entry.payload).toMatchObject({
      submissionNumber: r.submissionNumber,
      serviceCode: 'R1',
      terminalId: 'T-0001',
      subject: expect.any(String),
      fields: { name: NAME, idNumber: ID_NUMBER, phone: PHONE, district: 'haizhu', housing: 'rented' },
      signatures: { signature: { format: 'svg-path', width: 600, height: 240, strokes: 2, path: 'M40 180L90 60 140 170 200 80M260 120L380 130' } },
    });

    const again = output<{ submissionNumber: string }>(await submit({ serviceCode: 'R1', values: entered, signatures: { signature }, lang: 'en' }));
    // The next number in the same hall day (the sequence restarts only with a new day).
    const [, day1] = /-(\d{8})-\d{4}$/.exec(r.submissionNumber)!;
    const [, day2, seq2] = /-(\d{8})-(\d{4})$/.exec(again.submissionNumber)!;
    expect(seq2).toBe(day1 === day2 ? '0002' : '0001');
  });

  it('logs the service and the submission number only, nothing the citizen entered', () => {
    const logs = kiosk.core.recentLogs.recent().join('\n');
    expect(logs).toContain('form submitted');
    for (const secret of [NAME, ID_NUMBER, PHONE, 'haizhu', 'rented', 'M40 180']) expect(logs).not.toContain(secret);
  });

  it('says the receipt printer’s problem at the start, and takes no submission it cannot print', async () => {
    kiosk.embedded.virtualPrinter!.setStatus('paper-end');
    await expect
      .poll(async () => (await call(kiosk.core, 'form.start', { serviceCode: 'R1' })).printerProblem, { timeout: 10_000 })
      .toEqual(expect.objectContaining({ 'zh-CN': '凭条打印机缺纸，请联系工作人员' }));
    const before = submissions().length;
    expect(await submit({ serviceCode: 'R1', values: entered, signatures: { signature }, lang: 'zh-CN' })).toMatchObject({
      ok: false,
      error: { code: 'not-ready', citizenMessage: { 'zh-CN': '凭条打印机缺纸，请联系工作人员' } },
    });
    expect(submissions().length).toBe(before);
    kiosk.embedded.virtualPrinter!.setStatus('ok');
  });

  it('answers a repeated submission id with the first answer: one outbox entry, one receipt, the same number', async () => {
    const printer = kiosk.embedded.virtualPrinter!;
    const transcripts: string[] = [];
    const onJob = (job: { transcript: string }) => transcripts.push(job.transcript);
    printer.on('job', onJob);
    try {
      const before = submissions().length;
      const id = randomUUID();
      const input = { serviceCode: 'R1', values: entered, signatures: { signature }, lang: 'zh-CN' };
      // The retry comes while the first call is still printing, and again after it answered.
      const [first, during] = await Promise.all([submit(input, id), submit(input, id)]);
      const after = await submit(input, id);
      const answer = output<{ outcome: string; submissionNumber: string; printed: boolean }>(first);
      expect(answer).toMatchObject({ outcome: 'submitted', printed: true });
      expect(output(during)).toEqual(answer);
      expect(output(after)).toEqual(answer);
      expect(submissions().length).toBe(before + 1);
      expect(await submit({ serviceCode: '户籍', values: { phone: PHONE }, signatures: {}, lang: 'zh-CN' }, id)).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ path: 'submissionId' }] },
      });

      // A new id is a new submission; its receipt follows any other on the serial line.
      const next = output<{ submissionNumber: string }>(await submit(input));
      expect(next.submissionNumber).not.toBe(answer.submissionNumber);
      expect(submissions().length).toBe(before + 2);
      await expect.poll(() => transcripts.some((t) => t.includes(next.submissionNumber)), { timeout: 20_000 }).toBe(true);
      expect(transcripts.filter((t) => t.includes(answer.submissionNumber))).toHaveLength(1);
    } finally {
      printer.off('job', onJob);
    }
  });

  it('gives a service code the receipt cannot print as itself (户籍) a printable number, and prints it', async () => {
    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    const r = output<{ outcome: string; submissionNumber: string; printed: boolean }>(
      await submit({ serviceCode: '户籍', values: { phone: PHONE }, signatures: {}, lang: 'zh-CN' }),
    );
    expect(r).toMatchObject({ outcome: 'submitted', printed: true, submissionNumber: expect.stringMatching(/^#[0-9A-F]{8}-T-0001-\d{8}-0001$/) });
    expect((await job).transcript).toContain(r.submissionNumber);
    const rows = submissions();
    expect(kiosk.queue.outbox.get(rows[rows.length - 1]!.key)!.payload).toMatchObject({
      serviceCode: '户籍',
      submissionNumber: r.submissionNumber,
      fields: { phone: PHONE },
    });
  });

  it('takes a form whose field ids are Object.prototype names (constructor, toString, valueOf)', async () => {
    expect(await call(kiosk.core, 'form.start', { serviceCode: 'P9' })).toMatchObject({
      fields: [{ id: 'constructor' }, { id: 'toString' }, { id: 'valueOf' }],
    });
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'P9', fieldId: 'constructor', value: '' })).toEqual({ ok: true });
    const refused = output<{ outcome: string; problems: { fieldId: string }[] }>(await submit({ serviceCode: 'P9', values: {}, signatures: {}, lang: 'en' }));
    expect(refused).toMatchObject({ outcome: 'refused', problems: [{ fieldId: 'toString', reason: { en: 'This field is required' } }] });
    const r = output<{ outcome: string; submissionNumber: string }>(
      await submit({ serviceCode: 'P9', values: { toString: '乙的回答' }, signatures: {}, lang: 'en' }),
    );
    expect(r.outcome).toBe('submitted');
    const rows = submissions();
    const payload = kiosk.queue.outbox.get(rows[rows.length - 1]!.key)!.payload as { fields: object; signatures: object };
    expect(payload.fields).toEqual({ toString: '乙的回答' });
    expect(payload.signatures).toEqual({});
  });

  it('refuses a field whose catalog pattern does not compile, and logs it once naming the service and the field', async () => {
    await callResult(kiosk.core, 'form.start', { serviceCode: 'Z9' });
    await callResult(kiosk.core, 'form.start', { serviceCode: 'Z9' });
    const unavailable = 'This item cannot be filled in at this terminal right now. Please go to a counter.';
    expect(await call(kiosk.core, 'form.validate', { serviceCode: 'Z9', fieldId: 'postcode', value: '510000' })).toMatchObject({
      ok: false,
      reason: { en: unavailable },
    });
    const before = submissions().length;
    expect(output(await submit({ serviceCode: 'Z9', values: { postcode: '510000' }, signatures: {}, lang: 'en' }))).toMatchObject({
      outcome: 'refused',
      problems: [{ fieldId: 'postcode', reason: { en: unavailable } }],
    });
    expect(submissions().length).toBe(before);
    const reports = kiosk.core.recentLogs.recent().filter((l) => l.includes('catalog pattern does not compile'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('"serviceCode":"Z9"');
    expect(reports[0]).toContain('"fieldId":"postcode"');
  });

  it('forgets submission ids at session reset', async () => {
    const id = randomUUID();
    const input = { serviceCode: 'P9', values: { toString: 'x' }, signatures: {}, lang: 'en' };
    const first = output<{ submissionNumber: string }>(await submit(input, id));
    expect(output<{ submissionNumber: string }>(await submit(input, id)).submissionNumber).toBe(first.submissionNumber);
    await callResult(kiosk.core, 'session.reset', { reason: 'done' });
    const after = output<{ submissionNumber: string }>(await submit(input, id));
    expect(after.submissionNumber).not.toBe(first.submissionNumber);
  });

  it('forgets the card at session reset: the form needs it again', async () => {
    await callResult(kiosk.core, 'session.reset', { reason: 'done' });
    expect(await callResult(kiosk.core, 'form.start', { serviceCode: 'R1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
