import type { OutboxKind } from '../common/hub-protocol/outbox-kinds';

/**
 * Kinds still accepted when the outbox is over its disk quota: what a citizen is owed at once
 * (a ticket, a check-in for an appointment), the cancellation of a phantom online ticket that goes
 * with a leased one (else the hub would call a number nobody holds), and the withdrawal of a face
 * binding, which privacy law says must never be refused, with the record of that processing (a few
 * hundred bytes, which the law requires to be kept). Everything else is refused with OutboxQuotaExceededError, so
 * the screen can say "not possible at this terminal now" before the citizen believes it is done.
 */
export const ESSENTIAL_KINDS: ReadonlySet<OutboxKind> = new Set<OutboxKind>([
  'ticket.issued',
  'ticket.abandoned',
  'appointment.checked-in',
  'face.unbound',
  'face.processing-record',
  // The paper is already out when it is written: refusing it would lose the record of a print that happened.
  'document.printed',
]);

/**
 * Kinds whose payloads hold personal data (names, ID numbers, addresses, form answers, free-text
 * comments, pseudonymous subject ids, face templates). Their acknowledged entries, and their dead
 * letters, are deleted `retention.acknowledgedPersonalDataDays` after acknowledgement or death. Every payload is encrypted at rest regardless
 * of kind (see docs/offline-queue.md); this list decides retention only.
 */
export const PERSONAL_KINDS: ReadonlySet<OutboxKind> = new Set<OutboxKind>([
  'ticket.issued',
  'appointment.checked-in',
  'submission.created',
  'evaluation.created',
  'face.bound',
  'face.unbound',
  'face.processing-record',
  // Carries the subject pseudonym when the session had one (docs/documents.md).
  'document.printed',
]);

/**
 * Fields taken out of a stored payload as soon as the hub has acknowledged the entry: the hub holds
 * them now and the terminal has no further use for them. The face template a shared binding sent to
 * the hall is the one such field; the rest of the entry stays for the usual retention.
 */
export const FIELDS_DROPPED_ON_ACK: Partial<Record<OutboxKind, readonly string[]>> = {
  'face.bound': ['template'],
};

/** Acknowledged entries of non-personal kinds (device and audit events) are kept this long. */
export const NON_PERSONAL_ACK_RETENTION_DAYS = 90;
