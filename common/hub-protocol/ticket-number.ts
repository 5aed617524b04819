/**
 * A ticket's number as printed and called: the service's prefix and the number, at least three
 * digits (`A` + 23 → `A023`). The hub numbers online tickets so, and the terminal numbers tickets
 * from a leased block the same way.
 */
export function formatTicketNumber(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/**
 * Leased blocks (offline tickets) are numbered from here up, online tickets from 1 up to the
 * number before it, each per service and hall day: the two can never meet, and a four-digit
 * number starting with 9 (A9001) tells staff at a glance that a terminal issued it while the hub
 * was out of reach (docs/hub-protocol.md, “Ticket numbers and leases”).
 */
export const FIRST_LEASED_NUMBER = 9001;
/** The last number an online ticket can have in one hall day for one service. */
export const LAST_ONLINE_NUMBER = FIRST_LEASED_NUMBER - 2;
