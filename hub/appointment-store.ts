import { randomBytes, randomUUID } from 'node:crypto';
import type { HubDb } from './hub-db';
import { DEMO_APPOINTMENTS, demoSlot, SUBJECT_DEMO_SLOT } from './demo-appointments';

export const APPOINTMENT_STATUSES = ['booked', 'checked-in', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** An appointment as the hub sends it (docs/appointments.md): never the subject. */
export interface HubAppointment {
  id: string;
  code: string;
  serviceCode: string;
  slotStart: string;
  slotEnd: string;
  status: AppointmentStatus;
  checkedInAt?: string;
}

export interface NewAppointment {
  code?: string;
  subject?: string | null;
  serviceCode: string;
  slotStart: string;
  slotEnd: string;
  status?: AppointmentStatus;
  checkedInAt?: string | null;
}

/** Why a check-in (POST v1/tickets with appointmentId) was refused, with its HTTP answer. */
export class AppointmentCheckInError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: 'unknown-appointment' | 'appointment-used' | 'appointment-cancelled' | 'appointment-service-mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'AppointmentCheckInError';
  }
}

interface Row {
  id: string;
  code: string;
  subject: string | null;
  service_code: string;
  slot_start: string;
  slot_end: string;
  status: AppointmentStatus;
  checked_in_at: string | null;
  demo_case: string | null;
}

const toView = (r: Row): HubAppointment => ({
  id: r.id,
  code: r.code,
  serviceCode: r.service_code,
  slotStart: r.slot_start,
  slotEnd: r.slot_end,
  status: r.status,
  ...(r.checked_in_at ? { checkedInAt: r.checked_in_at } : {}),
});

/** A code as printed in an appointment QR: `APPT-` and 10 unambiguous characters. */
function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return 'APPT-' + [...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * The reference hub's appointments (预约): looked up by the code of their QR or by the citizen's
 * pseudonymous subject, checked in once through POST v1/tickets. Demo appointments (embedded hub)
 * keep their slots relative to the hub's clock, so each demo code shows its case at any hour.
 */
export class AppointmentStore {
  constructor(
    private readonly db: HubDb,
    private readonly options: { demo: boolean },
  ) {}

  add(a: NewAppointment, demoCase: string | null = null): HubAppointment {
    const id = `appt-${randomUUID()}`;
    const code = a.code ?? newCode();
    const status = a.status ?? 'booked';
    this.db
      .prepare(
        `INSERT INTO appointments (id, code, subject, service_code, slot_start, slot_end, status, checked_in_at, demo_case)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        code,
        a.subject ?? null,
        a.serviceCode,
        a.slotStart,
        a.slotEnd,
        status,
        status === 'checked-in' ? (a.checkedInAt ?? a.slotStart) : null,
        demoCase,
      );
    return this.byId(id)!;
  }

  codeTaken(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM appointments WHERE code = ?').get(code) !== undefined;
  }

  byId(id: string): HubAppointment | undefined {
    const row = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(id) as Row | undefined;
    return row ? toView(row) : undefined;
  }

  byCode(code: string, now: number): HubAppointment | undefined {
    if (this.options.demo) this.retimeDemo(now);
    const row = this.db.prepare('SELECT * FROM appointments WHERE code = ?').get(code) as Row | undefined;
    return row ? toView(row) : undefined;
  }

  bySubject(subject: string, now: number): HubAppointment[] {
    if (this.options.demo) this.seedForSubject(subject, now);
    const rows = this.db.prepare('SELECT * FROM appointments WHERE subject = ? ORDER BY slot_start, id').all(subject) as Row[];
    return rows.map(toView);
  }

  /**
   * Marks the appointment used by the ticket `ticketKey`; called inside the ticket's transaction,
   * so a refused check-in issues no ticket and consumes no number.
   */
  checkIn(appointmentId: string, serviceCode: string, ticketKey: string, now: number): void {
    const row = this.db.prepare('SELECT * FROM appointments WHERE id = ?').get(appointmentId) as Row | undefined;
    if (!row) throw new AppointmentCheckInError(404, 'unknown-appointment', `no appointment ${appointmentId}`);
    if (row.status === 'cancelled') throw new AppointmentCheckInError(409, 'appointment-cancelled', `appointment ${appointmentId} was cancelled`);
    if (row.status === 'checked-in')
      throw new AppointmentCheckInError(409, 'appointment-used', `appointment ${appointmentId} was already checked in at ${row.checked_in_at}`);
    if (row.service_code !== serviceCode) {
      throw new AppointmentCheckInError(
        400,
        'appointment-service-mismatch',
        `appointment ${appointmentId} is for service ${row.service_code}, not ${serviceCode}`,
      );
    }
    this.db
      .prepare("UPDATE appointments SET status = 'checked-in', checked_in_at = ?, ticket_key = ? WHERE id = ?")
      .run(new Date(now).toISOString(), ticketKey, appointmentId);
  }

  /**
   * The `appointment.checked-in` outbox entry: marks a booked appointment checked in (it normally
   * already is, from its ticket). Returns a rejection reason for an unknown appointment.
   */
  recordCheckedIn(appointmentId: string, checkedInAt: string): string | null {
    const row = this.db.prepare('SELECT status FROM appointments WHERE id = ?').get(appointmentId) as { status: AppointmentStatus } | undefined;
    if (!row) return `appointment: no appointment ${appointmentId}`;
    if (row.status === 'booked')
      this.db.prepare("UPDATE appointments SET status = 'checked-in', checked_in_at = ? WHERE id = ?").run(checkedInAt, appointmentId);
    return null;
  }

  /** (Re)creates the demo appointments of DEMO_APPOINTMENTS: each hub start re-arms them. */
  seedDemo(now: number): void {
    this.db
      .transaction(() => {
        for (const d of DEMO_APPOINTMENTS) {
          this.db.prepare('DELETE FROM appointments WHERE code = ?').run(d.code);
          const slot = demoSlot(d.case, now);
          this.add(
            {
              code: d.code,
              serviceCode: d.serviceCode,
              slotStart: slot.slotStart,
              slotEnd: slot.slotEnd,
              status: d.case === 'used' ? 'checked-in' : 'booked',
              checkedInAt: slot.checkedInAt,
            },
            d.case,
          );
        }
      })
      .immediate();
  }

  private retimeDemo(now: number): void {
    const update = this.db.prepare('UPDATE appointments SET slot_start = ?, slot_end = ? WHERE code = ? AND demo_case = ?');
    for (const d of DEMO_APPOINTMENTS) {
      const slot = demoSlot(d.case, now);
      update.run(slot.slotStart, slot.slotEnd, d.code, d.case);
    }
  }

  /** Demo: a subject asked about for the first time gets one appointment due now. */
  private seedForSubject(subject: string, now: number): void {
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM appointments_seeded WHERE subject = ?').get(subject)) return;
        this.db.prepare('INSERT INTO appointments_seeded (subject) VALUES (?)').run(subject);
        const slot = demoSlot('valid', now);
        this.add({ subject, serviceCode: SUBJECT_DEMO_SLOT.serviceCode, slotStart: slot.slotStart, slotEnd: slot.slotEnd });
      })
      .immediate();
  }

  /** What kioskctl hub dump shows: the subject only with reveal. */
  dump(reveal: boolean): unknown[] {
    const rows = this.db.prepare('SELECT * FROM appointments ORDER BY slot_start, id').all() as (Row & { ticket_key: string | null })[];
    return rows.map((r) => ({ ...toView(r), ticketKey: r.ticket_key, ...(reveal ? { subject: r.subject } : {}) }));
  }
}
