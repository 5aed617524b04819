/**
 * When an appointment may be checked in: the terminal judges it (docs/appointments.md), from the
 * slot's start and the hall's window (services.appointmentEarlyMinutes / appointmentLateMinutes in
 * the configuration), so every hub gets the same behaviour from the terminal.
 */
export interface CheckInWindow {
  /** How long before the slot's start check-in opens. */
  earlyMinutes: number;
  /** How long after the slot's start check-in stays open. */
  lateMinutes: number;
}

export type AppointmentState = 'ready' | 'early' | 'late' | 'used' | 'cancelled';

export interface JudgedAppointment {
  state: AppointmentState;
  /** When check-in opens (ms since the epoch). */
  opensAt: number;
  /** When check-in closes. */
  closesAt: number;
}

export function judgeAppointment(
  a: { status: 'booked' | 'checked-in' | 'cancelled'; slotStart: string },
  now: number,
  checkInWindow: CheckInWindow,
): JudgedAppointment {
  const start = Date.parse(a.slotStart);
  const opensAt = start - checkInWindow.earlyMinutes * 60_000;
  const closesAt = start + checkInWindow.lateMinutes * 60_000;
  const state: AppointmentState =
    a.status === 'checked-in' ? 'used' : a.status === 'cancelled' ? 'cancelled' : now < opensAt ? 'early' : now > closesAt ? 'late' : 'ready';
  return { state, opensAt, closesAt };
}
