/**
 * A ticket's number as printed and called: the service's prefix and the number, at least three
 * digits (`A` + 23 → `A023`). The hub numbers online tickets so, and the terminal numbers tickets
 * from a leased block the same way, so a citizen cannot tell one from the other.
 */
export function formatTicketNumber(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}
