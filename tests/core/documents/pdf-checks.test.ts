import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_PAGES } from '../../../common/hub-protocol/limits';
import { checkDocumentPdf } from '../../../main/core/documents/pdf-checks';
import { documentRefusalSentence, DOCUMENT_CANNOT_BE_SHOWN } from '../../../main/core/documents/document-sentences';
import {
  attachedFile,
  cleanChineseDocument,
  declaredEncrypted,
  deeplyNested,
  documentOfAtLeast,
  HOSTILE_SCRIPT,
  openActionGoTo,
  openActionJavaScript,
  pageLaunchAction,
  pageTreeCycle,
  plainDocument,
  PNG_1X1,
} from './pdf-fixtures';

const latin1 = (bytes: Buffer) => bytes.toString('latin1');

describe('checkDocumentPdf', () => {
  it('passes a clean 2-page pdfkit document with Chinese text, whose text mentions JavaScript', async () => {
    const pdf = await cleanChineseDocument();
    expect(await checkDocumentPdf(pdf)).toEqual({ ok: true, pages: 2 });
  });

  it('passes a document whose /OpenAction only goes to its first page', async () => {
    expect(await checkDocumentPdf(await openActionGoTo())).toEqual({ ok: true, pages: 1 });
  });

  it('refuses an /OpenAction that runs JavaScript, naming what it found but not the script', async () => {
    const check = await checkDocumentPdf(await openActionJavaScript({ useObjectStreams: false }));
    expect(check).toMatchObject({ ok: false, reason: 'scripts' });
    expect(check).toHaveProperty('detail', expect.stringMatching(/\/JavaScript in object \d+ 0 R/));
    expect(check).toHaveProperty('detail', expect.stringContaining('/JS in object'));
    expect(check).toHaveProperty('detail', expect.not.stringContaining('kiosk-fixture-script'));
  });

  it('finds JavaScript hidden in a compressed object stream, where the raw bytes never show /JavaScript', async () => {
    const pdf = await openActionJavaScript({ useObjectStreams: true });
    expect(latin1(pdf)).toContain('/ObjStm');
    expect(latin1(pdf)).not.toContain('/JavaScript');
    expect(latin1(pdf)).not.toContain(HOSTILE_SCRIPT);
    expect(await checkDocumentPdf(pdf)).toMatchObject({ ok: false, reason: 'scripts', detail: expect.stringContaining('/JavaScript') });
  });

  it('finds JavaScript whose names are spelled with #xx escapes', async () => {
    const plain = latin1(await openActionJavaScript({ useObjectStreams: false }));
    const escaped = Buffer.from(plain.replace('/JavaScript', '/J#61vaScript').replace('/JS ', '/J#53 '), 'latin1');
    expect(latin1(escaped)).not.toMatch(/\/JavaScript|\/JS\b/);
    expect(await checkDocumentPdf(escaped)).toMatchObject({ ok: false, reason: 'scripts', detail: expect.stringContaining('/JavaScript') });
  });

  it('refuses a page action that launches a program', async () => {
    expect(await checkDocumentPdf(await pageLaunchAction())).toMatchObject({ ok: false, reason: 'scripts', detail: expect.stringContaining('/Launch') });
  });

  it('refuses an embedded file attached with pdfDoc.attach', async () => {
    const check = await checkDocumentPdf(await attachedFile());
    expect(check).toMatchObject({ ok: false, reason: 'embedded-files', detail: expect.stringContaining('/EmbeddedFiles') });
    expect(check).toHaveProperty('detail', expect.not.stringContaining('update.exe'));
  });

  it.each([false, true])('refuses a file whose trailer names an /Encrypt dictionary (object streams: %s)', async (useObjectStreams) => {
    const pdf = await declaredEncrypted({ useObjectStreams });
    expect(latin1(pdf)).toMatch(/\/Encrypt \d+ 0 R/);
    expect(await checkDocumentPdf(pdf)).toEqual({ ok: false, reason: 'encrypted', detail: expect.stringContaining('/Encrypt') });
  });

  it('refuses a PNG renamed to .pdf, and an empty file', async () => {
    expect(await checkDocumentPdf(PNG_1X1)).toEqual({ ok: false, reason: 'not-pdf', detail: expect.stringContaining('89504e47') });
    expect(await checkDocumentPdf(Buffer.alloc(0))).toMatchObject({ ok: false, reason: 'not-pdf' });
  });

  it('refuses a PDF cut off half way', async () => {
    const pdf = await cleanChineseDocument();
    expect(await checkDocumentPdf(pdf.subarray(0, Math.floor(pdf.length / 2)))).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it('refuses a PDF whose objects are broken even though it ends with %%EOF', async () => {
    const pdf = latin1(Buffer.from(await (await plainDocument()).save({ useObjectStreams: false })));
    const broken = Buffer.from(pdf.replace(/endobj/g, '').replace(/<<\s*\/Type \/Pages/, '<< /Type /Pages )]>'), 'latin1');
    expect(await checkDocumentPdf(broken)).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it('refuses objects nested deeper than any real document nests them', async () => {
    expect(await checkDocumentPdf(await deeplyNested(20))).toEqual({ ok: true, pages: 1 });
    expect(await checkDocumentPdf(await deeplyNested(100))).toMatchObject({
      ok: false,
      reason: 'unreadable',
      detail: expect.stringContaining('nests deeper than'),
    });
  });

  it('refuses a page tree that contains itself', async () => {
    expect(await checkDocumentPdf(await pageTreeCycle())).toMatchObject({ ok: false, reason: 'unreadable', detail: expect.stringContaining('cycle') });
  });

  it(`passes ${MAX_DOCUMENT_PAGES} pages and refuses ${MAX_DOCUMENT_PAGES + 1}`, async () => {
    const most = Buffer.from(await (await plainDocument(MAX_DOCUMENT_PAGES)).save());
    const tooMany = Buffer.from(await (await plainDocument(MAX_DOCUMENT_PAGES + 1)).save());
    expect(await checkDocumentPdf(most)).toEqual({ ok: true, pages: MAX_DOCUMENT_PAGES });
    expect(await checkDocumentPdf(tooMany)).toEqual({ ok: false, reason: 'too-many-pages', detail: `31 pages, more than the ${MAX_DOCUMENT_PAGES} allowed` });
  });

  it('refuses a valid PDF over MAX_DOCUMENT_BYTES before parsing it', async () => {
    const pdf = await documentOfAtLeast(MAX_DOCUMENT_BYTES);
    expect(pdf.length).toBeGreaterThan(MAX_DOCUMENT_BYTES);
    expect(await checkDocumentPdf(pdf)).toEqual({ ok: false, reason: 'too-large', detail: `${pdf.length} bytes, more than the ${MAX_DOCUMENT_BYTES} allowed` });
  });
});

describe('documentRefusalSentence', () => {
  it('tells the citizen, in each language, that the document cannot be shown here and to ask at a counter', () => {
    for (const reason of ['not-pdf', 'too-large', 'encrypted', 'scripts', 'embedded-files', 'too-many-pages', 'unreadable'] as const) {
      expect(documentRefusalSentence(reason)).toBe(DOCUMENT_CANNOT_BE_SHOWN);
    }
    expect(DOCUMENT_CANNOT_BE_SHOWN['zh-CN']).toContain('窗口');
    expect(DOCUMENT_CANNOT_BE_SHOWN['zh-HK']).toContain('窗口');
    expect(DOCUMENT_CANNOT_BE_SHOWN.en).toContain('counter');
  });
});
