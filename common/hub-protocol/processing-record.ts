import { z } from 'zod';

/**
 * A record of processing a citizen's face (docs/privacy.md, "Processing records"): what was done,
 * when, at which terminal, to which pseudonymous subject — never a template, an image or an ID
 * number. The terminal keeps it (face.db) for `retention.processingRecordDays` and sends it to the
 * hub as the outbox kind `face.processing-record` (docs/hub-protocol.md §6).
 */
export const PROCESSING_EVENTS = [
  'consent-given',
  'consent-withdrawn',
  'bound',
  'shared',
  'deleted',
  'purged',
  // 人证核验: the live template compared with the card photo here, or sent to the hub (POST v1/faces/verify).
  'holder-checked',
  // A hall copy of a shared binding (GET v1/gallery) stored at this terminal.
  'received',
  // A hall-held template identified a citizen here (at most one record a day per subject): the hub's retention counts from it.
  'used',
] as const;
export type ProcessingEvent = (typeof PROCESSING_EVENTS)[number];

/** Who or what made a deletion or purge happen. */
export const PROCESSING_ACTORS = ['citizen', 'staff', 'hall', 'retention', 'hub-command'] as const;
export type ProcessingActor = (typeof PROCESSING_ACTORS)[number];

export const processingDetailSchema = z.strictObject({
  /** consent-given / consent-withdrawn: which of the two consents. */
  consent: z.enum(['store', 'share']).optional(),
  /** consent-given: the version of the text the citizen was shown. */
  textVersion: z.string().min(1).max(64).optional(),
  /** deleted / purged: who or what deleted. */
  by: z.enum(PROCESSING_ACTORS).optional(),
  /** holder-checked: against the card's photo here, or by the hub. */
  method: z.enum(['card-photo', 'hub']).optional(),
  /** holder-checked: the outcome. */
  result: z.enum(['match', 'no-match', 'unavailable']).optional(),
});
export type ProcessingDetail = z.infer<typeof processingDetailSchema>;

/**
 * The payload of `face.processing-record`. Strict: a field a record does not have is refused, so
 * that no template or other personal data can travel under this kind.
 */
export const processingRecordPayloadSchema = z.strictObject({
  /** The record's own id: the hub keeps one record per id, however often it is sent. */
  id: z.string().min(1).max(64),
  event: z.enum(PROCESSING_EVENTS),
  at: z.iso.datetime({ offset: true }),
  terminalId: z.string().min(1).max(64),
  subject: z.string().min(1).max(128),
  detail: processingDetailSchema,
});
export type ProcessingRecordPayload = z.infer<typeof processingRecordPayloadSchema>;
