import type { HubDb } from './hub-db';
import { FIRST_LEASED_NUMBER, formatTicketNumber, LAST_ONLINE_NUMBER } from '../common/hub-protocol/ticket-number';
import { hallDayKey, nextHallDayStart } from '../common/time/hall-clock';
import type { AppointmentStore } from './appointment-store';
import { TicketAbandonedError, type TicketAbandonments } from './ticket-abandonments';

export interface IssuedTicket {
  number: string;
  waitingAhead: number;
  issuedAt: string;
}

export interface Lease {
  serviceCode: string;
  from: number;
  to: number;
  prefix: string;
  expiresAt: string;
}

export class UnknownServiceError extends Error {
  constructor(readonly serviceCode: string) {
    super(`service "${serviceCode}" is not in the hall's catalog`);
  }
}

/** A service has issued every online number of the hall day (LAST_ONLINE_NUMBER); the next would be a leased one's. */
export class OnlineNumbersUsedUpError extends Error {
  constructor(readonly serviceCode: string) {
    super(`service "${serviceCode}" has issued all ${LAST_ONLINE_NUMBER} online numbers of the day`);
  }
}

/**
 * The hall's ticket numbering, per service and hall day (`timeZone`, the hub's hall clock): online
 * tickets from 001 up, leased blocks from FIRST_LEASED_NUMBER up, and the offline tickets issued
 * from those blocks. Two counters that cannot meet, so a lease never takes an online number.
 */
export class HubTickets {
  constructor(
    private readonly db: HubDb,
    private readonly abandonments: TicketAbandonments,
    private readonly appointments: AppointmentStore,
    private readonly serviceKnown: (code: string) => boolean,
    private readonly timeZone: string,
  ) {}

  /** An accepted `ticket.issued` item: an online ticket must be the one this hub numbered, an offline one a free number of a block leased to the terminal. Returns a rejection reason or null. */
  recordIssued(terminalId: string, key: string, p: Record<string, unknown>): string | null {
    if (p.source === 'online') {
      // The record of a ticket this hub numbered through v1/tickets: it must be that ticket.
      const issued = this.db.prepare('SELECT terminal_id, service_code, display FROM tickets WHERE key = ?').get(p.ticketKey) as
        { terminal_id: string; service_code: string; display: string } | undefined;
      if (!issued || issued.terminal_id !== terminalId) return `ticket: no ticket of ${terminalId} was issued online with key ${String(p.ticketKey)}`;
      if (issued.display !== p.number || issued.service_code !== p.serviceCode)
        return `ticket: the online ticket ${String(p.ticketKey)} is ${issued.display}, not ${String(p.number)}`;
    } else {
      const serviceCode = p.serviceCode as string;
      const n = p.sequence as number;
      // Numbering restarts daily, so blocks of different days overlap: prefer the day it was issued.
      const issuedDay = hallDayKey(Date.parse(p.issuedAt as string), this.timeZone);
      const lease = this.db
        .prepare('SELECT day FROM leases WHERE terminal_id = ? AND service_code = ? AND first <= ? AND last >= ? ORDER BY (day = ?) DESC, id DESC LIMIT 1')
        .get(terminalId, serviceCode, n, n, issuedDay) as { day: string } | undefined;
      if (!lease) return `lease: number ${n} of service ${serviceCode} is not in a block leased to ${terminalId}`;
      const taken = this.db.prepare('SELECT key FROM tickets WHERE service_code = ? AND day = ? AND number = ?').get(serviceCode, lease.day, n) as
        { key: string } | undefined;
      if (taken) return `lease: number ${n} of service ${serviceCode} was already issued`;
      this.db
        .prepare(
          `INSERT INTO tickets (key, terminal_id, service_code, day, number, display, priority, subject, appointment_id, issued_at, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'offline')`,
        )
        .run(
          key,
          terminalId,
          serviceCode,
          lease.day,
          n,
          p.number as string,
          p.priority === true ? 1 : 0,
          typeof p.subject === 'string' ? p.subject : null,
          typeof p.appointmentId === 'string' ? p.appointmentId : null,
          p.issuedAt as string,
        );
    }
    return null;
  }

  /** The next online number of the service on the day (the `numbering` table counts online tickets only). */
  private takeOnlineNumber(serviceCode: string, day: string): number {
    const row = this.db.prepare('SELECT next_number FROM numbering WHERE service_code = ? AND day = ?').get(serviceCode, day) as
      { next_number: number } | undefined;
    const n = row?.next_number ?? 1;
    if (n > LAST_ONLINE_NUMBER) throw new OnlineNumbersUsedUpError(serviceCode);
    this.db
      .prepare(
        'INSERT INTO numbering (service_code, day, next_number) VALUES (?, ?, ?) ON CONFLICT(service_code, day) DO UPDATE SET next_number = excluded.next_number',
      )
      .run(serviceCode, day, n + 1);
    return n;
  }

  /** The first number of a new block of the service on the day: after every block leased that day, to any terminal. */
  private takeLeasedBlock(serviceCode: string, day: string): number {
    const row = this.db.prepare('SELECT MAX(last) AS last FROM leases WHERE service_code = ? AND day = ?').get(serviceCode, day) as { last: number | null };
    return Math.max(row.last === null ? FIRST_LEASED_NUMBER : row.last + 1, FIRST_LEASED_NUMBER);
  }

  /** POST v1/tickets: the next number of the service today, the same ticket again for the same key. */
  issue(
    terminalId: string,
    req: { key: string; serviceCode: string; priority: boolean; subject: string | null; appointmentId: string | null },
    now: number,
  ): IssuedTicket {
    return this.db
      .transaction((): IssuedTicket => {
        if (this.abandonments.has(req.key)) throw new TicketAbandonedError(req.key);
        let row = this.db.prepare('SELECT id, service_code, day, display, issued_at FROM tickets WHERE key = ?').get(req.key) as
          { id: number; service_code: string; day: string; display: string; issued_at: string } | undefined;
        if (!row) {
          if (!this.serviceKnown(req.serviceCode)) throw new UnknownServiceError(req.serviceCode);
          if (req.appointmentId !== null) this.appointments.checkIn(req.appointmentId, req.serviceCode, req.key, now);
          const day = hallDayKey(now, this.timeZone);
          const n = this.takeOnlineNumber(req.serviceCode, day);
          const display = formatTicketNumber(req.serviceCode, n);
          const issuedAt = new Date(now).toISOString();
          const info = this.db
            .prepare(
              `INSERT INTO tickets (key, terminal_id, service_code, day, number, display, priority, subject, appointment_id, issued_at, source)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'online')`,
            )
            .run(req.key, terminalId, req.serviceCode, day, n, display, req.priority ? 1 : 0, req.subject, req.appointmentId, issuedAt);
          row = { id: Number(info.lastInsertRowid), service_code: req.serviceCode, day, display, issued_at: issuedAt };
        }
        const ahead = this.db
          .prepare(
            'SELECT COUNT(*) AS n FROM tickets WHERE service_code = ? AND day = ? AND called = 0 AND id < ? AND key NOT IN (SELECT ticket_key FROM abandoned_tickets)',
          )
          .get(row.service_code, row.day, row.id) as { n: number };
        return { number: row.display, waitingAhead: ahead.n, issuedAt: row.issued_at };
      })
      .immediate();
  }

  /** Tickets of today not yet called nor abandoned, per service (GET v1/queue-status). */
  waitingByService(now: number): Map<string, number> {
    const rows = this.db
      .prepare(
        'SELECT service_code, COUNT(*) AS n FROM tickets WHERE day = ? AND called = 0 AND key NOT IN (SELECT ticket_key FROM abandoned_tickets) GROUP BY service_code',
      )
      .all(hallDayKey(now, this.timeZone)) as { service_code: string; n: number }[];
    return new Map(rows.map((r) => [r.service_code, r.n]));
  }

  /** POST v1/leases: a block of `size` numbers of each service for today (from FIRST_LEASED_NUMBER up), for the terminal to issue offline. */
  lease(terminalId: string, serviceCodes: string[], size: number, now: number): Lease[] {
    return this.db
      .transaction(() => {
        const unknown = serviceCodes.find((c) => !this.serviceKnown(c));
        if (unknown !== undefined) throw new UnknownServiceError(unknown);
        const day = hallDayKey(now, this.timeZone);
        const expiresAt = new Date(nextHallDayStart(now, this.timeZone)).toISOString();
        return [...new Set(serviceCodes)].map((serviceCode): Lease => {
          const from = this.takeLeasedBlock(serviceCode, day);
          const to = from + size - 1;
          this.db
            .prepare('INSERT INTO leases (terminal_id, service_code, day, first, last, prefix, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(terminalId, serviceCode, day, from, to, serviceCode, expiresAt);
          return { serviceCode, from, to, prefix: serviceCode, expiresAt };
        });
      })
      .immediate();
  }
}
