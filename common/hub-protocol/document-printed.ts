import { z } from 'zod';
import { MAX_DOCUMENT_PAGES } from './limits';

/**
 * The payload of the outbox kind `document.printed` (docs/documents.md): that a citizen printed an
 * official document at the terminal, for the issuer's and the hall's records. Its own fields and
 * no other — never the document's content, a name or an ID number; at most the pseudonymous subject.
 */
export const documentPrintedPayloadSchema = z.strictObject({
  /** The id of GET v1/documents. */
  documentId: z.string().min(1).max(128),
  copies: z.number().int().min(1).max(3),
  outcome: z.literal('completed'),
  /** The printer's job id (IPP job-id), when it gave one. */
  jobId: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** The document's page count (each copy). */
  pages: z.number().int().min(1).max(MAX_DOCUMENT_PAGES),
  printedAt: z.iso.datetime({ offset: true }),
  /** The pseudonymous subject id of the citizen (as on tickets and ratings), when the session has one. */
  subject: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'subject must be a pseudonymous subject id')
    .nullable()
    .optional(),
});
export type DocumentPrintedPayload = z.infer<typeof documentPrintedPayloadSchema>;
