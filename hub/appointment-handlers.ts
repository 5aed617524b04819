import { z } from 'zod';
import type { HubStore } from './hub-store';
import { APPOINTMENT_STATUSES } from './appointment-store';
import { issuesText } from './issues-text';
import type { ProtocolRequest, Reply } from './protocol-handlers';

/** The longest QR content the hub keeps as an appointment code. */
export const MAX_CODE_LENGTH = 256;

const errorReply = (status: number, error: string, message: string): Reply => ({ status, body: { error, message } });

/** Whether a protocol path is one of the appointment lookups (docs/appointments.md). */
export function isAppointmentPath(path: string): boolean {
  return path === 'v1/appointments' || path.startsWith('v1/appointments/');
}

/** GET v1/appointments/{code} and GET v1/appointments?subject=ID. */
export function handleAppointmentLookup(store: HubStore, req: ProtocolRequest): Reply {
  if (req.method !== 'GET') return errorReply(405, 'method-not-allowed', `${req.method} is not allowed on ${req.path}`);
  if (req.path === 'v1/appointments') {
    const subject = req.query.get('subject');
    if (!subject || subject.length > 128) return errorReply(400, 'bad-request', 'subject is required (1–128 characters)');
    return { status: 200, body: { appointments: store.appointments.bySubject(subject, req.now) } };
  }
  const raw = req.path.slice('v1/appointments/'.length);
  let code: string;
  try {
    code = decodeURIComponent(raw);
  } catch {
    return errorReply(400, 'bad-request', 'the appointment code is not valid percent-encoding');
  }
  if (!code || code.length > MAX_CODE_LENGTH) return errorReply(400, 'bad-request', `the appointment code must be 1–${MAX_CODE_LENGTH} characters`);
  const found = store.appointments.byCode(code, req.now);
  if (!found) return errorReply(404, 'unknown-appointment', 'no appointment has this code');
  return { status: 200, body: { appointments: [found] } };
}

const isoDateTime = z.iso.datetime({ offset: true });
const newAppointmentSchema = z
  .strictObject({
    code: z.string().min(1).max(MAX_CODE_LENGTH).optional(),
    subject: z.string().min(1).max(128).nullable().optional(),
    serviceCode: z.string().min(1).max(16),
    slotStart: isoDateTime,
    slotEnd: isoDateTime,
    status: z.enum(APPOINTMENT_STATUSES).optional(),
  })
  .refine((a) => Date.parse(a.slotEnd) > Date.parse(a.slotStart), { message: 'slotEnd must be after slotStart', path: ['slotEnd'] });

/** POST admin/appointments: adds an appointment (tests, demos; a real hub has its booking system). */
export function addAppointmentFromAdmin(store: HubStore, json: unknown): Reply {
  const parsed = newAppointmentSchema.safeParse(json);
  if (!parsed.success) return errorReply(400, 'bad-request', issuesText(parsed.error));
  if (parsed.data.code !== undefined && store.appointments.codeTaken(parsed.data.code))
    return errorReply(409, 'conflict', 'an appointment with this code exists');
  const a = store.appointments.add(parsed.data);
  return { status: 200, body: a };
}
