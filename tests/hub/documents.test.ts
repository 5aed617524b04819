import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient, type HubResponse } from '../../offline-queue/hub-client';
import { documentFileAnswerSchema, documentsAnswerSchema } from '../../common/hub-protocol/answers';
import { demoDocumentsFor, verificationCodeOf } from '../../hub/demo-documents';
import { renderDocumentPdf } from '../../hub/document-pdf';
import { HubDocuments } from '../../hub/document-store';
import { handleDocuments } from '../../hub/document-handlers';
import { CjkFontMissingError } from '../../hub/cjk-font';
import { openHubDb } from '../../hub/hub-db';
import { tempDir } from '../offline-queue/helpers';
import { adminHeaders, rawRequest } from './raw-request';

const SECRET = 'secret-one-0123456789';
const SUBJECT = 'fs1_sampleSubjectForDocuments01';
const OTHER = 'fs1_anotherSubjectForDocuments2';
let hub: ReferenceHub;
let client: HubClient;
let dir: { dir: string; cleanup: () => void };

const ok = (r: HubResponse): unknown => {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.body;
};
const list = async (subject: string) => documentsAnswerSchema.parse(ok(await client.get(`v1/documents?subject=${encodeURIComponent(subject)}`))).documents;
const fetchFile = (subject: string, id: string) => client.get(`v1/documents/${encodeURIComponent(id)}?subject=${encodeURIComponent(subject)}`);
const adminPut = (body: object) => rawRequest(hub.url, 'POST', '/admin/documents', { headers: adminHeaders(hub.adminToken), body: JSON.stringify(body) });

/** The text poppler reads from a PDF, and its page count. */
function readPdf(pdf: Buffer): { text: string; pages: number; fonts: string; images: string } {
  const file = path.join(dir.dir, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]);
  return { text: run('pdftotext', [file, '-']), pages, fonts: run('pdffonts', [file]), images: run('pdfimages', ['-list', file]) };
}

beforeAll(async () => {
  dir = tempDir('hub-documents-');
  hub = await startReferenceHub({ dataDir: dir.dir, terminals: [{ id: 'T-0001', secret: SECRET }] });
  client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 30_000 });
});
afterAll(async () => {
  client.close();
  await hub.stop();
  dir.cleanup();
});

describe('GET v1/documents on the reference hub', () => {
  it('lists the demo documents of a subject: 社保参保证明 (2 pages), 个人纳税记录, 公积金缴存证明 (1 page), the same ones every time', async () => {
    const docs = await list(SUBJECT);
    expect(docs.map((d) => d.title['zh-CN'])).toEqual(['社会保险参保证明', '个人纳税记录', '住房公积金缴存证明']);
    expect(docs.map((d) => d.pages)).toEqual([2, expect.any(Number), 1]);
    expect([1, 2]).toContain(docs[1]!.pages);
    expect(docs[0]!.issuer['zh-CN']).toBe('示范市社会保险事业管理局');
    expect(docs[0]!.validUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(docs[1]!.validUntil).toBeNull();
    expect(await list(SUBJECT)).toEqual(docs);
    const others = await list(OTHER);
    expect(others.map((d) => d.id).filter((id) => docs.some((d) => d.id === id))).toEqual([]);
  });

  it('serves a document as base64 PDF whose sha256 holds, with title, issuer, 验证码, page numbers, the CJK font and the seal image', async () => {
    const doc = (await list(SUBJECT))[0]!;
    const file = documentFileAnswerSchema.parse(ok(await fetchFile(SUBJECT, doc.id)));
    const pdf = Buffer.from(file.pdfBase64, 'base64');
    expect(file.id).toBe(doc.id);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(file.sha256);
    const read = readPdf(pdf);
    expect(read.pages).toBe(2);
    expect(read.text).toContain('社会保险参保证明');
    expect(read.text).toContain('示范市社会保险事业管理局');
    expect(read.text).toContain(verificationCodeOf(doc.id));
    expect(read.text).toMatch(/第\s*1\s*页\s*共\s*2\s*页/);
    expect(read.text).toMatch(/第\s*2\s*页\s*共\s*2\s*页/);
    expect(read.text).toMatch(/1101\*{10}[0-9X]{4}/);
    expect(read.text).not.toMatch(/\d{17}[0-9X]/);
    expect(read.fonts).toMatch(/[A-Z]{6}\+NotoSansCJKsc-Regular\s.*\byes\s+yes\b/);
    expect(read.images).toMatch(/^\s*2\s+\d+\s+image/m);
    expect(ok(await fetchFile(SUBJECT, doc.id))).toEqual(file);
  }, 30_000);

  it('draws the same bytes for the same document (fixed creation date), so a redrawn one keeps its sha256', async () => {
    const [content] = demoDocumentsFor(SUBJECT, '2026-12-05').map((d) => d.content);
    const first = await renderDocumentPdf(content!);
    expect((await renderDocumentPdf(content!)).equals(first)).toBe(true);
    expect(readPdf(first).pages).toBe(content!.pages);
  }, 30_000);

  it('answers 404 for another subject’s document or an unknown id, 400 for a bad subject, 405 for POST, 401 unsigned', async () => {
    const doc = (await list(SUBJECT))[2]!;
    expect(await fetchFile(OTHER, doc.id)).toMatchObject({ kind: 'http-error', status: 404, code: 'not-found' });
    expect(await fetchFile(SUBJECT, 'doc-none')).toMatchObject({ kind: 'http-error', status: 404, code: 'not-found' });
    expect(await client.get('v1/documents')).toMatchObject({ kind: 'http-error', status: 400 });
    expect(await client.get('v1/documents?subject=a%20b')).toMatchObject({ kind: 'http-error', status: 400 });
    expect(await client.get(`v1/documents/${doc.id}`)).toMatchObject({ kind: 'http-error', status: 400 });
    expect(await client.post(`v1/documents?subject=${SUBJECT}`, {})).toMatchObject({ kind: 'http-error', status: 405 });
    expect((await rawRequest(hub.url, 'GET', `/v1/documents?subject=${SUBJECT}`)).status).toBe(401);
    expect((await rawRequest(hub.url, 'GET', `/v1/documents/${doc.id}?subject=${SUBJECT}`)).status).toBe(401);
  });

  it('serves a document put by admin/documents byte for byte, hostile or not, with the sha256 it was told to announce', async () => {
    const hostile = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF', 'latin1');
    const put = await adminPut({ subject: 'S-hostile', id: 'doc-hostile', pages: 1, pdfBase64: hostile.toString('base64') });
    expect(put).toMatchObject({ status: 200, body: { id: 'doc-hostile' } });
    const listed = await list('S-hostile');
    expect(listed.find((d) => d.id === 'doc-hostile')).toMatchObject({ title: { 'zh-CN': '测试证明' }, pages: 1, validUntil: null });
    const file = documentFileAnswerSchema.parse(ok(await fetchFile('S-hostile', 'doc-hostile')));
    expect(Buffer.from(file.pdfBase64, 'base64').equals(hostile)).toBe(true);
    expect(file.sha256).toBe(createHash('sha256').update(hostile).digest('hex'));
    const lie = 'f'.repeat(64);
    await adminPut({ subject: 'S-hostile', id: 'doc-hostile', pdfBase64: hostile.toString('base64'), sha256: lie });
    expect(documentFileAnswerSchema.parse(ok(await fetchFile('S-hostile', 'doc-hostile'))).sha256).toBe(lie);
    const bad = await adminPut({ subject: 'S-hostile', pdfBase64: 'not base64!' });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('pdfBase64');
  });
});

describe('the outbox kind document.printed', () => {
  const item = (payload: Record<string, unknown>) => ({ key: randomUUID(), seq: 1, kind: 'document.printed', createdAt: new Date().toISOString(), payload });
  const printed = { documentId: 'doc-1', copies: 2, outcome: 'completed', jobId: 17, pages: 2, printedAt: new Date().toISOString(), subject: SUBJECT };

  it('is stored when its payload holds its own fields, and rejected naming the field otherwise', async () => {
    const before = hub.store.countItems('document.printed');
    const good = item(printed);
    const minimal = item({ documentId: 'doc-2', copies: 1, outcome: 'completed', pages: 1, printedAt: new Date().toISOString() });
    const tooMany = item({ ...printed, copies: 4 });
    const content = item({ ...printed, name: '张三' });
    const failed = item({ ...printed, outcome: 'failed' });
    const noDate = item({ ...printed, printedAt: 'yesterday' });
    const answer = ok(await client.post('v1/batches', { terminalId: 'T-0001', items: [good, minimal, tooMany, content, failed, noDate] })) as {
      results: { key: string; status: string; reason?: string }[];
    };
    expect(answer.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(answer.results[2]!.reason).toContain('copies');
    expect(answer.results[3]!.reason).toContain('name');
    expect(answer.results[4]!.reason).toContain('outcome');
    expect(answer.results[5]!.reason).toContain('printedAt');
    expect(hub.store.countItems('document.printed')).toBe(before + 2);
  });
});

describe('a reference hub without the CJK font', () => {
  it('still lists documents, answers 503 document-unavailable for a demo one and says in its log to install fonts-noto-cjk', async () => {
    const d = tempDir('hub-documents-nofont-');
    const db = openHubDb(d.dir);
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const documents = new HubDocuments(db, true, 'Asia/Shanghai', () => Promise.reject(new CjkFontMissingError()));
      const request = (path: string) => ({
        method: 'GET',
        path,
        query: new URLSearchParams({ subject: SUBJECT }),
        body: Buffer.alloc(0),
        terminalId: 'T-0001',
        now: Date.now(),
      });
      const listed = await handleDocuments(documents, request('v1/documents'));
      const [first] = documentsAnswerSchema.parse(listed.body).documents;
      const fetched = await handleDocuments(documents, request(`v1/documents/${first!.id}`));
      expect(fetched).toMatchObject({
        status: 503,
        body: { error: 'document-unavailable', message: expect.stringContaining('apt-get install fonts-noto-cjk') },
      });
      expect(log).toHaveBeenCalledWith(expect.stringContaining('fonts-noto-cjk'));
    } finally {
      log.mockRestore();
      db.close();
      d.cleanup();
    }
  });
});
