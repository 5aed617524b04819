import { z } from 'zod';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_PAGES } from './limits';

/**
 * The hub's answers as the terminal reads them (HUB-PROTOCOL.md, version 1, plus the additions
 * docs/decisions.md records). Every 200 body is parsed with one of these, never cast: a body that
 * does not fit is the hub being unavailable. Unknown extra fields are dropped, so a newer hub that
 * adds fields still works; a missing or wrongly typed field never does.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const localizedText = z.object({ 'zh-CN': z.string(), 'zh-HK': z.string(), en: z.string() });
/** Keys, ids and codes are short identifiers; a kilobyte one is not a key but a broken answer. */
const identifier = (max: number) => z.string().min(1).max(max);

/** POST v1/tickets → 200: the ticket the hub numbered (the same one for the same key). */
export const ticketAnswerSchema = z.object({
  number: identifier(32),
  waitingAhead: z.number().int().min(0).nullable().optional(),
  issuedAt: isoDateTime,
});
export type TicketAnswer = z.infer<typeof ticketAnswerSchema>;

/** One block of POST v1/leases → 200. */
export const leaseSchema = z
  .object({
    serviceCode: identifier(16),
    from: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    to: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    prefix: z.string().max(16),
    expiresAt: isoDateTime,
  })
  .refine((l) => l.to >= l.from, { message: 'to must not be below from', path: ['to'] });
export const leasesAnswerSchema = z.object({ leases: z.array(leaseSchema) });
export type LeaseAnswer = z.infer<typeof leaseSchema>;

/** One item's fate in POST v1/batches → 200. */
export const batchItemResultSchema = z.discriminatedUnion('status', [
  z.object({ key: identifier(128), status: z.literal('accepted') }),
  z.object({ key: identifier(128), status: z.literal('duplicate') }),
  z.object({ key: identifier(128), status: z.literal('rejected'), reason: z.string() }),
]);
export const batchAnswerSchema = z.object({ results: z.array(batchItemResultSchema) });
export type BatchItemResult = z.infer<typeof batchItemResultSchema>;

/** A command the hub hands out with a heartbeat; `type` stays open (a newer hub may send more). */
export const hubCommandSchema = z.object({
  id: identifier(128),
  type: identifier(64),
  args: z.record(z.string(), z.unknown()),
});
/** POST v1/heartbeat → 200. */
export const heartbeatAnswerSchema = z.object({
  serverTime: z.number().int().min(0),
  commands: z.array(hubCommandSchema),
});
export type HubCommandAnswer = z.infer<typeof hubCommandSchema>;

/**
 * GET v1/catalog → 200, the envelope only: what the services must hold is the terminal's own
 * catalog schema (common/catalog/schema.ts), and a catalog that fails it is refused, not unread.
 * Loose: the catalog's other fields (`categories`) go on to that schema.
 */
export const catalogAnswerSchema = z
  .object({
    version: z.number().int().min(0),
    services: z.array(z.unknown()),
  })
  .loose();

/** GET v1/config → 200; the settings themselves are judged by the terminal's configuration schema. */
export const configAnswerSchema = z.object({
  version: z.number().int().min(0),
  settings: z.record(z.string(), z.unknown()),
});

/** A pseudonymous subject id as the terminals make them (`fs1_…`; main/face/gallery/subject-id.ts). */
const subjectId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/, 'a subject id is 4–64 characters of A-Z a-z 0-9 _ -');
/** One change of GET v1/gallery, judged by the gallery on its own (main/face/gallery/face-gallery.ts). */
export const galleryChangeSchema = z.discriminatedUnion('op', [
  // boundAt: when the binding was made (sealed into the template's associated data, docs/hub-protocol.md §6).
  z.object({ subject: subjectId, op: z.literal('put'), template: z.string().min(1).max(8192), boundAt: isoDateTime.optional() }),
  z.object({ subject: subjectId, op: z.literal('delete') }),
]);
/**
 * GET v1/gallery → 200. The envelope is checked here; each change is checked by the gallery on its
 * own with galleryChangeSchema, so that one change it cannot use is counted and skipped and never
 * holds back the others (a delete behind it above all).
 */
export const galleryAnswerSchema = z.object({
  cursor: identifier(256),
  changes: z.array(z.unknown()).max(10_000),
});

/**
 * POST v1/faces/verify → 200 (docs/hub-protocol.md, “人证核验”): whether the live template is the card
 * holder's. `unavailable`: the hub cannot decide (no reference for the subject). Anything else,
 * like a non-200 answer, is read by the terminal as unavailable.
 */
export const faceVerifyAnswerSchema = z.object({
  result: z.enum(['match', 'no-match', 'unavailable']),
});
export type FaceVerifyAnswer = z.infer<typeof faceVerifyAnswerSchema>;

/**
 * What a result says beyond its status (docs/hub-protocol.md, “Result details”): every field
 * optional, so a hub that sends none is read as before. `nextStep.by` is a hall date (YYYY-MM-DD).
 */
export const resultDetailsSchema = z.object({
  /** When the hall accepted the application (受理). */
  acceptedAt: isoDateTime.optional(),
  /** When it was decided (办结, or the refusal). */
  decidedAt: isoDateTime.optional(),
  /** The issuing department (办理部门). */
  department: localizedText.optional(),
  /** Why it was not approved; sent with `rejected`. */
  reason: localizedText.optional(),
  nextStep: z
    .object({
      /** What to do next, in one sentence. */
      text: localizedText,
      /** Where to collect or go (window, floor, address). */
      place: localizedText.optional(),
      /** What to bring. */
      bring: z.array(localizedText).max(20).optional(),
      /** The last day to do it. */
      by: z.iso.date().optional(),
    })
    .optional(),
});
export type ResultDetails = z.infer<typeof resultDetailsSchema>;

/** GET v1/results?subject=ID → 200. */
export const hubResultSchema = z
  .object({
    id: identifier(128),
    title: localizedText,
    status: z.enum(['ready', 'in-progress', 'rejected']),
    printable: z.boolean(),
  })
  .extend(resultDetailsSchema.shape);
export const resultsAnswerSchema = z.object({ results: z.array(hubResultSchema) });
export type HubResult = z.infer<typeof hubResultSchema>;

/** GET v1/appointments/{code} and GET v1/appointments?subject=ID → 200 (docs/appointments.md). */
export const hubAppointmentSchema = z.object({
  id: identifier(128),
  code: z.string().max(4096).optional(),
  serviceCode: identifier(16),
  slotStart: isoDateTime,
  slotEnd: isoDateTime,
  status: z.enum(['booked', 'checked-in', 'cancelled']),
  checkedInAt: z.string().optional(),
});
export const appointmentsAnswerSchema = z.object({ appointments: z.array(hubAppointmentSchema) });
export type HubAppointment = z.infer<typeof hubAppointmentSchema>;

/** GET v1/documents?subject=ID → 200: the official documents this subject may print (docs/documents.md). */
export const hubDocumentSchema = z.object({
  id: identifier(128),
  title: localizedText,
  /** The issuing body, named on the list (社保局, 税务局, …). */
  issuer: localizedText,
  pages: z.number().int().min(1).max(MAX_DOCUMENT_PAGES),
  /** The last day the document is valid (YYYY-MM-DD), null when it does not expire. */
  validUntil: z.iso.date().nullable(),
  /** The catalog service (kind `document`) it is printed under; absent: shown under every such service. */
  serviceCode: identifier(16).optional(),
});
export const documentsAnswerSchema = z.object({ documents: z.array(hubDocumentSchema).max(100) });
export type HubDocument = z.infer<typeof hubDocumentSchema>;

/** GET v1/documents/{id}?subject=ID → 200: one document's PDF, base64, with its SHA-256 (docs/documents.md). */
export const documentFileAnswerSchema = z.object({
  id: identifier(128),
  contentType: z.literal('application/pdf'),
  /** Base64 of the PDF; its decoded size is checked against MAX_DOCUMENT_BYTES by the terminal. */
  pdfBase64: z.string().max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4 + 4),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HubDocumentFile = z.infer<typeof documentFileAnswerSchema>;

/** One notice of the hall (GET v1/notices): shown from `validFrom` until `validUntil`, not after. */
export const hubNoticeSchema = z.object({
  id: identifier(128),
  title: localizedText,
  body: localizedText,
  validFrom: isoDateTime,
  validUntil: isoDateTime,
});
/** GET v1/notices[?since=VERSION] → 200 (or 304 when unchanged): the hall's notices, at most 20. */
export const noticesAnswerSchema = z.object({
  version: z.number().int().min(0),
  notices: z.array(hubNoticeSchema).max(20),
});
export type HubNotice = z.infer<typeof hubNoticeSchema>;

/** GET v1/queue-status → 200: how many tickets wait in each category of the catalog now. */
export const queueStatusAnswerSchema = z.object({
  at: isoDateTime,
  categories: z
    .array(
      z.object({
        category: identifier(64),
        name: localizedText,
        waiting: z.number().int().min(0),
      }),
    )
    .max(100),
});
export type QueueStatusAnswer = z.infer<typeof queueStatusAnswerSchema>;
