/** The kinds of outbox entries (HUB-PROTOCOL.md, POST v1/batches) and how the outbox treats each. */
export const OUTBOX_KINDS = [
  'ticket.issued',
  // Protocol addition (docs/decisions.md): an online ticket request given up on; the hub cancels it.
  'ticket.abandoned',
  'appointment.checked-in',
  'submission.created',
  'evaluation.created',
  'face.bound',
  'face.unbound',
  // Protocol addition (docs/hub-protocol.md §6): a record of processing a face (consent, binding,
  // sharing, deletion), never biometric data; kept by the hub for accountability.
  'face.processing-record',
  // Protocol addition (docs/documents.md): an official document (证明) printed for a citizen; no content.
  'document.printed',
  'device.event',
  'audit.event',
] as const;

export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export function isOutboxKind(value: unknown): value is OutboxKind {
  return typeof value === 'string' && (OUTBOX_KINDS as readonly string[]).includes(value);
}
