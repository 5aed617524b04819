import { z } from 'zod';
import type { HubDocuments } from './document-store';
import { CjkFontMissingError } from './cjk-font';
import { issuesText } from './issues-text';
import type { ProtocolRequest, Reply } from './protocol-handlers';
import { MAX_DOCUMENT_BYTES } from '../common/hub-protocol/limits';

const errorReply = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });

/** A subject as the terminals send it: the pseudonym (`fs1_…`), or a test's short id. */
const SUBJECT = /^[A-Za-z0-9_.-]{1,128}$/;
/** The body of admin/documents may carry a PDF over the terminal's limit (to test its refusal): base64 of twice MAX_DOCUMENT_BYTES. */
export const MAX_ADMIN_DOCUMENT_BODY_BYTES = Math.ceil((2 * MAX_DOCUMENT_BYTES) / 3) * 4 + 64 * 1024;

/** Whether a protocol path is one of the document endpoints (docs/documents.md). */
export function isDocumentPath(path: string): boolean {
  return path === 'v1/documents' || path.startsWith('v1/documents/');
}

let fontWarned = false;

/** GET v1/documents?subject=ID and GET v1/documents/{id}?subject=ID. */
export async function handleDocuments(documents: HubDocuments, req: ProtocolRequest): Promise<Reply> {
  if (req.method !== 'GET') return errorReply(405, 'method-not-allowed', `${req.method} is not allowed on ${req.path}`);
  const subject = req.query.get('subject');
  if (!subject || !SUBJECT.test(subject)) return errorReply(400, 'bad-request', 'subject is required (1–128 characters of A-Z a-z 0-9 _ . -)');
  if (req.path === 'v1/documents') return { status: 200, body: { documents: documents.list(subject, req.now) } };
  let id: string;
  try {
    id = decodeURIComponent(req.path.slice('v1/documents/'.length));
  } catch {
    return errorReply(400, 'bad-request', 'the document id is not valid percent-encoding');
  }
  if (!id || id.length > 128 || id.includes('/')) return errorReply(400, 'bad-request', 'the document id must be 1–128 characters without /');
  try {
    const file = await documents.file(subject, id);
    if (!file) return errorReply(404, 'not-found', 'this subject has no document with this id');
    return { status: 200, body: file };
  } catch (err) {
    if (!(err instanceof CjkFontMissingError)) throw err;
    if (!fontWarned) console.error(`reference hub: cannot draw sample documents: ${err.message}`);
    fontWarned = true;
    return errorReply(503, 'document-unavailable', err.message);
  }
}

const localized = z.strictObject({ 'zh-CN': z.string().min(1).max(200), 'zh-HK': z.string().min(1).max(200), en: z.string().min(1).max(200) });
const putDocumentSchema = z.strictObject({
  subject: z.string().regex(SUBJECT, 'subject must be 1–128 characters of A-Z a-z 0-9 _ . -'),
  id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[^/]+$/, 'id must not hold /')
    .optional(),
  title: localized.optional(),
  issuer: localized.optional(),
  // Any whole number: a test may announce more pages than the protocol allows, or than the PDF has.
  pages: z.number().int().min(0).max(100_000).default(1),
  validUntil: z.iso.date().nullable().default(null),
  pdfBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'pdfBase64 must be base64'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits')
    .optional(),
});

const TEST_TITLE = { 'zh-CN': '测试证明', 'zh-HK': '測試證明', en: 'Test document' };
const TEST_ISSUER = { 'zh-CN': '测试出具单位', 'zh-HK': '測試出具單位', en: 'Test issuer' };

/**
 * POST admin/documents: puts a document for a subject as given (tests, demos; a real hub has the
 * issuing authorities). The bytes are not checked: a test may put a hostile or broken PDF, a
 * page count that is wrong, or a sha256 that is not the PDF's.
 */
export function addDocumentFromAdmin(documents: HubDocuments, json: unknown): Reply {
  const parsed = putDocumentSchema.safeParse(json);
  if (!parsed.success) return errorReply(400, 'bad-request', issuesText(parsed.error));
  const d = parsed.data;
  const id = documents.put(d.subject, {
    ...(d.id !== undefined ? { id: d.id } : {}),
    title: d.title ?? TEST_TITLE,
    issuer: d.issuer ?? TEST_ISSUER,
    pages: d.pages,
    validUntil: d.validUntil,
    pdf: Buffer.from(d.pdfBase64, 'base64'),
    ...(d.sha256 !== undefined ? { sha256: d.sha256 } : {}),
  });
  return { status: 200, body: { id } };
}
