import type { Logger } from 'pino';
import type { Clock } from '../main/core/clock';
import type { HubResponse } from './hub-client';
import type { Outbox } from './outbox';
import { describeFailure } from './retry-policy';
import { randomUUID } from 'node:crypto';

export interface TicketRequest {
  serviceCode: string;
  priority?: boolean;
  /** Pseudonymous subject id, when the citizen identified themselves. */
  subject?: string | null;
  appointmentId?: string | null;
}

export interface IssuedTicket {
  /** What is printed, e.g. `A023`. */
  number: string;
  serviceCode: string;
  /** Known only when the hub issued the ticket. */
  waitingAhead: number | null;
  issuedAt: string;
  mode: 'online' | 'offline';
  /** The hub's idempotency key (online) or the outbox key of the ticket.issued entry (offline). */
  key: string;
}

export interface LeaseState {
  serviceCode: string;
  remaining: number;
  expiresAt: string;
}

/** No ticket can be issued: the hub does not answer and no leased number is left for the service. */
export class NoTicketNumberError extends Error {
  readonly code = 'NO_TICKET_NUMBER';
  constructor(readonly serviceCode: string, reason: string) {
    super(`no ticket number for service ${serviceCode}: the hub is unreachable (${reason}) and no leased number is left`);
    this.name = 'NoTicketNumberError';
  }
}

/** The hub answered and refused the ticket (unknown service, bad request): no offline fallback. */
export class TicketRefusedError extends Error {
  readonly code = 'TICKET_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'TicketRefusedError';
  }
}

export interface TicketPoster {
  post(relativePath: string, body: unknown): Promise<HubResponse>;
}

export interface TicketIssuerOptions {
  outbox: Outbox;
  client: TicketPoster;
  clock?: Clock;
  /** Numbers asked for per lease. */
  leaseSize?: number;
  logger?: Logger;
}

/** `A` + 23 → `A023`, as the hub formats its online numbers. */
export function formatTicketNumber(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(3, '0')}`;
}

/** A hub failure after which the terminal issues from its lease rather than telling the citizen no. */
function isUnavailable(r: HubResponse): boolean {
  if (r.kind === 'http-error') return r.status >= 500 || r.status === 429 || r.status === 408 || r.status === 404;
  return r.kind !== 'ok';
}

interface LeaseRow {
  id: number;
  prefix: string;
  next: number;
  last: number;
}

/**
 * Issues queue tickets (DESIGN.md): numbered by the hub when it answers, otherwise from a block
 * leased in advance, consumed in the same transaction as the `ticket.issued` outbox entry. The
 * hub never gives a leased number to anyone else, so two terminals never print the same number.
 */
export class TicketIssuer {
  private readonly outbox: Outbox;
  private readonly client: TicketPoster;
  private readonly clock: Clock;
  private readonly leaseSize: number;
  private readonly logger: Logger | undefined;
  private readonly renewing = new Map<string, Promise<void>>();

  constructor(options: TicketIssuerOptions) {
    this.outbox = options.outbox;
    this.client = options.client;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.leaseSize = options.leaseSize ?? 50;
    this.logger = options.logger;
    if (!Number.isInteger(this.leaseSize) || this.leaseSize < 1 || this.leaseSize > 1000) throw new Error('leaseSize must be an integer from 1 to 1000');
  }

  async issue(request: TicketRequest): Promise<IssuedTicket> {
    const key = randomUUID();
    const body = {
      key,
      serviceCode: request.serviceCode,
      priority: request.priority ?? false,
      subject: request.subject ?? null,
      appointmentId: request.appointmentId ?? null,
    };
    const r = await this.client.post('v1/tickets', body);
    if (r.kind === 'ok') {
      const t = r.body as { number?: unknown; waitingAhead?: unknown; issuedAt?: unknown };
      if (typeof t.number === 'string' && typeof t.issuedAt === 'string') {
        this.recordOnline(body, t.number, t.issuedAt);
        void this.renewIfLow(request.serviceCode);
        return {
          number: t.number,
          serviceCode: request.serviceCode,
          waitingAhead: typeof t.waitingAhead === 'number' ? t.waitingAhead : null,
          issuedAt: t.issuedAt,
          mode: 'online',
          key,
        };
      }
    } else if (!isUnavailable(r)) {
      throw new TicketRefusedError(`the hub refused the ticket: ${describeFailure(r)}`);
    }
    const ticket = this.issueOffline(request, r.kind === 'ok' ? 'unreadable answer' : describeFailure(r));
    void this.renewIfLow(request.serviceCode);
    return ticket;
  }

  /**
   * Every ticket is a submission (DESIGN.md): one numbered online is recorded as `ticket.issued`
   * too, naming the hub's ticket by its key, before it is printed. The hub already holds the ticket,
   * so a failure here is logged and the citizen still gets it.
   */
  private recordOnline(request: { key: string; serviceCode: string; priority: boolean; subject: string | null; appointmentId: string | null }, number: string, issuedAt: string): void {
    try {
      this.outbox.enqueue('ticket.issued', {
        source: 'online',
        ticketKey: request.key,
        serviceCode: request.serviceCode,
        number,
        priority: request.priority,
        subject: request.subject,
        appointmentId: request.appointmentId,
        issuedAt,
      });
    } catch (err) {
      this.logger?.error({ err, serviceCode: request.serviceCode, number }, 'online ticket not recorded in the outbox');
    }
  }

  /** Takes the next leased number and records `ticket.issued` in one transaction. */
  issueOffline(request: TicketRequest, reason = 'offline'): IssuedTicket {
    const now = this.clock.now();
    const issuedAt = new Date(now).toISOString();
    return this.outbox.transaction(() => {
      const lease = this.outbox.db
        .prepare('SELECT id, prefix, next, last FROM leases WHERE service_code = ? AND expires_at > ? AND next <= last ORDER BY id LIMIT 1')
        .get(request.serviceCode, now) as LeaseRow | undefined;
      if (!lease) throw new NoTicketNumberError(request.serviceCode, reason);
      this.outbox.db.prepare('UPDATE leases SET next = next + 1 WHERE id = ?').run(lease.id);
      const number = formatTicketNumber(lease.prefix, lease.next);
      const key = this.outbox.enqueue('ticket.issued', {
        source: 'offline',
        serviceCode: request.serviceCode,
        number,
        sequence: lease.next,
        priority: request.priority ?? false,
        subject: request.subject ?? null,
        appointmentId: request.appointmentId ?? null,
        issuedAt,
      });
      return { number, serviceCode: request.serviceCode, waitingAhead: null, issuedAt, mode: 'offline' as const, key };
    });
  }

  /** Numbers left per service in unexpired leases. */
  leases(): LeaseState[] {
    const rows = this.outbox.db
      .prepare('SELECT service_code, SUM(last - next + 1) AS remaining, MAX(expires_at) AS expires FROM leases WHERE expires_at > ? GROUP BY service_code ORDER BY service_code')
      .all(this.clock.now()) as { service_code: string; remaining: number; expires: number }[];
    return rows.map((r) => ({ serviceCode: r.service_code, remaining: r.remaining, expiresAt: new Date(r.expires).toISOString() }));
  }

  private remaining(serviceCode: string): number {
    const row = this.outbox.db
      .prepare('SELECT COALESCE(SUM(last - next + 1), 0) AS n FROM leases WHERE service_code = ? AND expires_at > ?')
      .get(serviceCode, this.clock.now()) as { n: number };
    return row.n;
  }

  /**
   * Makes sure each service has a lease with at least 20% of a block left, asking the hub for
   * new blocks where not. Returns the services still without numbers (hub unreachable).
   */
  async ensureLeases(serviceCodes: string[]): Promise<string[]> {
    const low = serviceCodes.filter((c) => this.remaining(c) < this.leaseSize * 0.2);
    if (low.length === 0) return [];
    const r = await this.client.post('v1/leases', { serviceCodes: low, size: this.leaseSize });
    if (r.kind !== 'ok') {
      this.logger?.warn({ services: low, error: describeFailure(r) }, 'could not lease ticket numbers');
      return low.filter((c) => this.remaining(c) === 0);
    }
    const leases = (r.body as { leases?: unknown }).leases;
    if (!Array.isArray(leases)) return low;
    const now = this.clock.now();
    const insert = this.outbox.db.prepare('INSERT INTO leases (service_code, prefix, first, last, next, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.outbox.transaction(() => {
      this.outbox.db.prepare('DELETE FROM leases WHERE expires_at <= ? OR next > last').run(now);
      for (const l of leases as { serviceCode?: unknown; from?: unknown; to?: unknown; prefix?: unknown; expiresAt?: unknown }[]) {
        const expires = typeof l.expiresAt === 'string' ? Date.parse(l.expiresAt) : NaN;
        if (typeof l.serviceCode !== 'string' || !Number.isInteger(l.from) || !Number.isInteger(l.to) || Number.isNaN(expires)) continue;
        insert.run(l.serviceCode, typeof l.prefix === 'string' ? l.prefix : l.serviceCode, l.from, l.to, l.from, expires);
      }
    });
    return low.filter((c) => this.remaining(c) === 0);
  }

  private renewIfLow(serviceCode: string): Promise<void> {
    if (this.remaining(serviceCode) >= this.leaseSize * 0.2) return Promise.resolve();
    const running = this.renewing.get(serviceCode);
    if (running) return running;
    const p = this.ensureLeases([serviceCode])
      .then(() => undefined)
      .catch((err: unknown) => this.logger?.warn({ err, serviceCode }, 'lease renewal failed'))
      .finally(() => this.renewing.delete(serviceCode));
    this.renewing.set(serviceCode, p);
    return p;
  }

  /** Waits for background lease renewals (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.renewing.values()]);
  }
}
