import type { HubDb } from './hub-db';

/**
 * Online tickets a terminal gave up on (`ticket.abandoned`, docs/offline-queue.md): it asked for a
 * ticket, no answer came, and it printed a leased number instead. Such a ticket is cancelled — it
 * no longer counts in the queue and must never be called — and a request with that key arriving
 * late (after the abandonment) issues nothing.
 *
 * The table is created here, not by a hub.db migration, so that this module owns its own state.
 */
export class TicketAbandonments {
  constructor(private readonly db: HubDb) {
    db.exec(`CREATE TABLE IF NOT EXISTS abandoned_tickets (
       ticket_key TEXT PRIMARY KEY,
       terminal_id TEXT NOT NULL,
       abandoned_at INTEGER NOT NULL
     )`);
  }

  has(ticketKey: string): boolean {
    return this.db.prepare('SELECT 1 FROM abandoned_tickets WHERE ticket_key = ?').get(ticketKey) !== undefined;
  }

  /**
   * Cancels the ticket issued under `ticketKey`, or bars the key when the hub never saw the request.
   * Returns a rejection reason when the key names another terminal's ticket or a leased one.
   */
  record(terminalId: string, ticketKey: string, now: number): string | null {
    const ticket = this.db.prepare('SELECT terminal_id, source FROM tickets WHERE key = ?').get(ticketKey) as
      { terminal_id: string; source: string } | undefined;
    if (ticket && ticket.terminal_id !== terminalId) return `ticket: no ticket of ${terminalId} was issued online with key ${ticketKey}`;
    if (ticket && ticket.source !== 'online') return `ticket: ${ticketKey} is a leased ticket; only online requests are abandoned`;
    this.db.prepare('INSERT OR IGNORE INTO abandoned_tickets (ticket_key, terminal_id, abandoned_at) VALUES (?, ?, ?)').run(ticketKey, terminalId, now);
    return null;
  }
}

/** POST v1/tickets with a key its terminal already gave up on: answered 409 `ticket-abandoned`. */
export class TicketAbandonedError extends Error {
  readonly status = 409;
  readonly code = 'ticket-abandoned';
  constructor(readonly ticketKey: string) {
    super(`the ticket request ${ticketKey} was abandoned by its terminal; nothing is issued for it`);
  }
}
