import { OUTBOX_KINDS } from '../common/hub-protocol/outbox-kinds';
import { processingRecordPayloadSchema } from '../common/hub-protocol/processing-record';
import { documentPrintedPayloadSchema } from '../common/hub-protocol/document-printed';
import { issuesText } from './issues-text';

/**
 * What the reference hub requires of each kind's payload (HUB-PROTOCOL.md leaves it to the hub).
 * Returns the reason for a rejection, or null when the payload is acceptable.
 */
export const KNOWN_KINDS: ReadonlySet<string> = new Set<string>(OUTBOX_KINDS);

type Payload = Record<string, unknown>;

const isText = (v: unknown, max = 256) => typeof v === 'string' && v.length > 0 && v.length <= max;
const isIsoDateTime = (v: unknown) => isText(v, 64) && /^\d{4}-\d{2}-\d{2}T/.test(v as string) && !Number.isNaN(Date.parse(v as string));

export function payloadProblem(kind: string, p: Payload): string | null {
  if (!KNOWN_KINDS.has(kind)) return `schema: unknown kind "${kind}"`;
  switch (kind) {
    case 'ticket.issued':
      if (!isText(p.serviceCode, 16)) return 'schema: payload.serviceCode missing';
      if (!isText(p.number, 32)) return 'schema: payload.number missing';
      if (p.source === 'online') {
        if (!isText(p.ticketKey, 64)) return 'schema: payload.ticketKey (the v1/tickets key) missing for an online ticket';
      } else if (!Number.isInteger(p.sequence) || (p.sequence as number) < 0) return 'schema: payload.sequence must be a non-negative integer';
      if (!isText(p.issuedAt, 64) || Number.isNaN(Date.parse(p.issuedAt as string))) return 'schema: payload.issuedAt must be an ISO date-time';
      return null;
    case 'ticket.abandoned':
      if (!isText(p.ticketKey, 64)) return 'schema: payload.ticketKey (the v1/tickets key given up on) missing';
      if (!isText(p.serviceCode, 16)) return 'schema: payload.serviceCode missing';
      return null;
    case 'appointment.checked-in':
      return isText(p.appointmentId, 128) ? null : 'schema: payload.appointmentId missing';
    case 'submission.created':
      if (!isText(p.serviceCode, 16)) return 'schema: payload.serviceCode missing';
      if (!p.fields || typeof p.fields !== 'object' || Array.isArray(p.fields)) return 'schema: payload.fields must be an object';
      // Terminals number their submissions (forms); older producers may not.
      if (p.submissionNumber !== undefined && !isText(p.submissionNumber, 40)) return 'schema: payload.submissionNumber must be 1-40 characters';
      return null;
    case 'evaluation.created':
      return Number.isInteger(p.rating) && (p.rating as number) >= 1 && (p.rating as number) <= 5
        ? null
        : 'schema: payload.rating must be an integer from 1 to 5';
    case 'face.bound':
      if (!isText(p.subject, 128)) return 'schema: payload.subject missing';
      if (typeof p.template !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(p.template)) return 'schema: payload.template must be base64';
      if (typeof p.shared !== 'boolean') return 'schema: payload.shared must be true or false';
      // Both optional: terminals before docs/hub-protocol.md §6's retention and tombstones send neither.
      if (p.boundAt !== undefined && !isIsoDateTime(p.boundAt)) return 'schema: payload.boundAt must be an ISO date-time';
      if (p.retentionDays !== undefined && !(Number.isInteger(p.retentionDays) && (p.retentionDays as number) >= 1 && (p.retentionDays as number) <= 3650)) {
        return 'schema: payload.retentionDays must be a whole number of days from 1 to 3650';
      }
      return null;
    case 'face.unbound':
      return isText(p.subject, 128) ? null : 'schema: payload.subject missing';
    case 'face.processing-record':
      return processingRecordProblem(p);
    case 'document.printed': {
      const parsed = documentPrintedPayloadSchema.safeParse(p);
      return parsed.success ? null : `schema: document.printed: ${issuesText(parsed.error)}`;
    }
    case 'device.event':
      return isText(p.device, 64) ? null : 'schema: payload.device missing';
    case 'audit.event':
      return isText(p.action, 128) ? null : 'schema: payload.action missing';
    default:
      return null;
  }
}

/** A processing record (docs/privacy.md) holds its own fields and no other, so no template can travel under its kind. */
function processingRecordProblem(p: Payload): string | null {
  const parsed = processingRecordPayloadSchema.safeParse(p);
  return parsed.success ? null : `schema: processing record: ${issuesText(parsed.error)}`;
}
