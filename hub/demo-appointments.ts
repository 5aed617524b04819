/**
 * Demo appointments of the embedded hub: one QR code per case a citizen may meet at check-in, so
 * the demo panel can offer them and the e2e tests can scan them. Their slots follow the hub's
 * clock (relative to "now", with the terminal's default check-in window of 30 min before to
 * 15 min after the slot's start), so each code shows its case at any hour. Pure data: no I/O.
 */
export type DemoAppointmentCase = 'valid' | 'early' | 'late' | 'used';

export interface DemoAppointment {
  /** The content of the appointment's QR code. */
  code: string;
  case: DemoAppointmentCase;
  serviceCode: string;
}

export const DEMO_APPOINTMENTS: readonly DemoAppointment[] = [
  { code: 'APPT-DEMO-VALID', case: 'valid', serviceCode: 'A' },
  { code: 'APPT-DEMO-EARLY', case: 'early', serviceCode: 'C' },
  { code: 'APPT-DEMO-LATE', case: 'late', serviceCode: 'E' },
  { code: 'APPT-DEMO-USED', case: 'used', serviceCode: 'B' },
];

/** The sample QR codes, for the demo panel. */
export const DEMO_APPOINTMENT_CODES: readonly { code: string; case: DemoAppointmentCase }[] = DEMO_APPOINTMENTS.map(({ code, case: c }) => ({ code, case: c }));

/** Offset of each case's slot start from now, and its length. */
const MINUTE = 60_000;
const START_OFFSET: Record<DemoAppointmentCase, number> = {
  valid: 10 * MINUTE,
  early: 3 * 60 * MINUTE,
  late: -2 * 60 * MINUTE,
  used: -20 * MINUTE,
};
const SLOT_LENGTH = 30 * MINUTE;

export function demoSlot(c: DemoAppointmentCase, now: number): { slotStart: string; slotEnd: string; checkedInAt: string | null } {
  const start = now + START_OFFSET[c];
  return {
    slotStart: new Date(start).toISOString(),
    slotEnd: new Date(start + SLOT_LENGTH).toISOString(),
    checkedInAt: c === 'used' ? new Date(start - 5 * MINUTE).toISOString() : null,
  };
}

/** The appointment a citizen's card finds on the demo hub (seeded on the first lookup, due now). */
export const SUBJECT_DEMO_SLOT = { serviceCode: 'A' } as const;
