// Over 300 lines: one ticket request's path (online with same-key retries, the lease fallback, abandonment) and the leases it falls back on.
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { leasesAnswerSchema, ticketAnswerSchema, type TicketAnswer } from '../common/hub-protocol/answers';
import type { Clock } from '../base/clock';
import { formatTicketNumber } from '../common/hub-protocol/ticket-number';
import type { LeaseRequestBody, TicketRequestBody } from '../common/hub-protocol/requests';
import type { HubResponse } from './hub-client';
import { readHubAnswer, type NoAnswer } from './hub-answers';
import type { Outbox } from './outbox';
import { describeFailure } from './retry-policy';
import { systemTimers, type Timers } from '../base/timers';

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
  constructor(
    readonly serviceCode: string,
    reason: string,
  ) {
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
  /** How long one online try waits for the hub's answer before the same request (same key) goes again. */
  attemptTimeoutMs?: number;
  /** The pause before each retry of an unanswered ticket request; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  timers?: Timers;
}

/**
 * Defaults: 3 tries of 3 s with 0.2 s and 0.5 s between them, so a citizen waits at most about
 * 10 s (the hub timeout they waited before) for a number when the hub does not answer.
 */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 3000;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [200, 500];

/**
 * Network errors of a connection that was open, so the request may have reached the hub (a reset
 * or hang-up before the answer, an aborted answer). Others (refused, no route, unknown host, a
 * certificate not trusted, no hub configured) happen before anything is sent.
 */
const MAYBE_SENT = /ECONNRESET|EPIPE|ECONNABORTED|ETIMEDOUT|socket hang up|aborted/i;

/**
 * What a failed ticket request says about the hub's side:
 * - `refused`: the hub answered no (unknown service, bad request): no ticket, no offline fallback;
 * - `nothing-done`: the hub is unavailable and surely issued nothing (refused connection, 503,
 *   429, 408, 404, 401): the lease serves at once;
 * - `unknown`: the request may have been carried out without its answer reaching the terminal
 *   (timeout, a lost or unreadable answer, another 5xx): ask again with the same key.
 */
export type TicketFailure = 'refused' | 'nothing-done' | 'unknown';

export function judgeTicketFailure(r: NoAnswer): TicketFailure {
  switch (r.kind) {
    case 'http-error':
      if (r.status === 503 || r.status === 429 || r.status === 408 || r.status === 404) return 'nothing-done';
      return r.status >= 500 ? 'unknown' : 'refused';
    case 'unauthorized':
      return 'nothing-done';
    case 'network-error':
      return MAYBE_SENT.test(r.message) ? 'unknown' : 'nothing-done';
    default:
      // timeout, a lost or unreadable answer, a 304 to a POST
      return 'unknown';
  }
}

/** POST v1/tickets as the terminal sends it: every field, none left to the hub's defaults. */
type TicketBody = Required<TicketRequestBody>;

interface Reply {
  attempt: number;
  r: HubResponse;
}

/** One online ticket request and its tries, all under the same key. */
interface OnlineAsk {
  readonly body: TicketBody;
  /** Tries sent and not answered yet: any of them may still bring the ticket. */
  readonly inFlight: Map<number, Promise<Reply>>;
  /** The hub may hold a ticket under the key: a try went out and no answer ruled it out. */
  mayExist: boolean;
  /** The last try's outcome leaves the hub's side unknown: worth asking again. */
  unknown: boolean;
  lastFailure: string;
}

type Heard = { kind: 'issued'; answer: TicketAnswer } | { kind: 'refused'; failure: NoAnswer } | { kind: 'silent'; timedOut: boolean };

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
  private readonly attemptTimeoutMs: number;
  private readonly retryDelaysMs: readonly number[];
  private readonly timers: Timers;
  private readonly renewing = new Map<string, Promise<void>>();

  constructor(options: TicketIssuerOptions) {
    this.outbox = options.outbox;
    this.client = options.client;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.leaseSize = options.leaseSize ?? 50;
    this.logger = options.logger;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.retryDelaysMs = [...(options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS)];
    this.timers = options.timers ?? systemTimers;
    if (!Number.isInteger(this.leaseSize) || this.leaseSize < 1 || this.leaseSize > 1000) throw new Error('leaseSize must be an integer from 1 to 1000');
    if (!Number.isInteger(this.attemptTimeoutMs) || this.attemptTimeoutMs < 1 || this.attemptTimeoutMs > 60_000) {
      throw new Error('attemptTimeoutMs must be an integer from 1 to 60000');
    }
    if (this.retryDelaysMs.length > 5 || !this.retryDelaysMs.every((d) => Number.isInteger(d) && d >= 0 && d <= 10_000)) {
      throw new Error('retryDelaysMs must hold at most 5 integers from 0 to 10000');
    }
  }

  /**
   * A number for the citizen: the hub's when it answers, else the lease's. A request left without
   * an answer is sent again under the same key (the hub gives the same ticket for it), and an
   * earlier try's late answer is taken as well; when the lease serves after the hub may have
   * numbered the ticket, `ticket.abandoned` tells the hub to cancel it (docs/offline-queue.md).
   */
  async issue(request: TicketRequest): Promise<IssuedTicket> {
    const key = randomUUID();
    const body: TicketBody = {
      key,
      serviceCode: request.serviceCode,
      priority: request.priority ?? false,
      subject: request.subject ?? null,
      appointmentId: request.appointmentId ?? null,
    };
    const ask: OnlineAsk = { body, inFlight: new Map(), mayExist: false, unknown: false, lastFailure: 'no answer' };
    const heard = await this.askHub(ask);
    if (heard.kind === 'issued') {
      const t = heard.answer;
      this.recordOnline(body, t.number, t.issuedAt);
      void this.renewIfLow(request.serviceCode);
      return { number: t.number, serviceCode: request.serviceCode, waitingAhead: t.waitingAhead ?? null, issuedAt: t.issuedAt, mode: 'online', key };
    }
    if (heard.kind === 'refused') throw new TicketRefusedError(`the hub refused the ticket: ${describeFailure(heard.failure)}`);
    const ticket = this.fallBack(request, ask);
    void this.renewIfLow(request.serviceCode);
    return ticket;
  }

  /** Up to 1 + retries tries of the same request; returns at the first ticket or refusal. */
  private async askHub(ask: OnlineAsk): Promise<Heard> {
    const tries = 1 + this.retryDelaysMs.length;
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) {
        if (!ask.unknown) break;
        const during = await this.listen(ask, this.retryDelaysMs[attempt - 1]!, true);
        if (during.kind !== 'silent') return during;
        this.logger?.warn(
          { serviceCode: ask.body.serviceCode, attempt, error: ask.lastFailure },
          'ticket request unanswered; asking the hub again with the same key',
        );
      }
      ask.inFlight.set(attempt, this.send(attempt, ask.body));
      const heard = await this.listen(ask, this.attemptTimeoutMs, false);
      if (heard.kind !== 'silent') return heard;
      if (heard.timedOut) {
        ask.mayExist = true;
        ask.unknown = true;
        ask.lastFailure = `no answer within ${this.attemptTimeoutMs} ms`;
      }
    }
    return { kind: 'silent', timedOut: false };
  }

  private send(attempt: number, body: TicketBody): Promise<Reply> {
    return this.client.post('v1/tickets', body).then(
      (r) => ({ attempt, r }),
      (err: unknown) => ({ attempt, r: { kind: 'network-error', message: (err as Error).message } }),
    );
  }

  /**
   * Waits up to `ms` for any try in flight to answer. Returns the first ticket or refusal; else
   * silent once nothing is in flight (at once, or after the whole `ms` when `pause`) or on time-out.
   */
  private async listen(ask: OnlineAsk, ms: number, pause: boolean): Promise<Heard> {
    let timer: unknown = null;
    const elapsed = new Promise<null>((resolve) => (timer = this.timers.setTimeout(() => resolve(null), ms)));
    try {
      while (ask.inFlight.size > 0) {
        const reply = await Promise.race([...ask.inFlight.values(), elapsed]);
        if (reply === null) return { kind: 'silent', timedOut: true };
        ask.inFlight.delete(reply.attempt);
        const heard = this.judge(ask, reply.r);
        if (heard.kind !== 'silent') return heard;
      }
      if (pause) await elapsed;
      return { kind: 'silent', timedOut: false };
    } finally {
      this.timers.clearTimeout(timer);
    }
  }

  private judge(ask: OnlineAsk, r: HubResponse): Heard {
    const read = readHubAnswer(r, ticketAnswerSchema, 'POST v1/tickets', this.logger);
    if (read.kind === 'answer') return { kind: 'issued', answer: read.value };
    const failure = judgeTicketFailure(read);
    if (failure === 'refused') return { kind: 'refused', failure: read };
    ask.lastFailure = describeFailure(read);
    ask.unknown = failure === 'unknown';
    if (ask.unknown) ask.mayExist = true;
    return { kind: 'silent', timedOut: false };
  }

  /** The lease's number; with `ticket.abandoned` for the key when the hub may hold a phantom ticket. */
  private fallBack(request: TicketRequest, ask: OnlineAsk): IssuedTicket {
    const abandon = ask.mayExist ? ask.body.key : null;
    try {
      return this.issueOffline(request, ask.lastFailure, abandon);
    } catch (err) {
      if (abandon !== null && err instanceof NoTicketNumberError) this.recordAbandoned(abandon, request.serviceCode, ask.lastFailure, null);
      throw err;
    }
  }

  /**
   * `ticket.abandoned`: the hub may have numbered a ticket under `ticketKey` whose answer never
   * came; it must cancel it so that it is never called. Essential: never refused by the quota.
   */
  private recordAbandoned(ticketKey: string, serviceCode: string, reason: string, replacedBy: string | null): void {
    const payload = { ticketKey, serviceCode, replacedBy, reason: reason.slice(0, 200), abandonedAt: new Date(this.clock.now()).toISOString() };
    this.logger?.warn(
      { serviceCode, replacedBy, error: reason },
      'the hub may hold a ticket whose answer was lost; asking it through the outbox to cancel that ticket',
    );
    // With a leased number this runs inside its transaction: a failure takes the number back too.
    if (replacedBy !== null) {
      this.outbox.enqueue('ticket.abandoned', payload);
      return;
    }
    try {
      this.outbox.enqueue('ticket.abandoned', payload);
    } catch (err) {
      this.logger?.error({ err, serviceCode }, 'abandoned online ticket not recorded in the outbox');
    }
  }

  /**
   * Every ticket is a submission (DESIGN.md): one numbered online is recorded as `ticket.issued`
   * too, naming the hub's ticket by its key, before it is printed. The hub already holds the ticket,
   * so a failure here is logged and the citizen still gets it.
   */
  private recordOnline(
    request: { key: string; serviceCode: string; priority: boolean; subject: string | null; appointmentId: string | null },
    number: string,
    issuedAt: string,
  ): void {
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

  /**
   * Takes the next leased number and records `ticket.issued` in one transaction, with the
   * `ticket.abandoned` of the online request it replaces when `abandonedKey` is given.
   */
  issueOffline(request: TicketRequest, reason = 'offline', abandonedKey: string | null = null): IssuedTicket {
    const now = this.clock.now();
    const issuedAt = new Date(now).toISOString();
    return this.outbox.transaction(() => {
      const lease = this.outbox.db
        .prepare('SELECT id, prefix, next, last FROM leases WHERE service_code = ? AND expires_at > ? AND next <= last ORDER BY id LIMIT 1')
        .get(request.serviceCode, now) as LeaseRow | undefined;
      if (!lease) throw new NoTicketNumberError(request.serviceCode, reason);
      this.outbox.db.prepare('UPDATE leases SET next = next + 1 WHERE id = ?').run(lease.id);
      const number = formatTicketNumber(lease.prefix, lease.next);
      if (abandonedKey !== null) this.recordAbandoned(abandonedKey, request.serviceCode, reason, number);
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
      .prepare(
        'SELECT service_code, SUM(last - next + 1) AS remaining, MAX(expires_at) AS expires FROM leases WHERE expires_at > ? GROUP BY service_code ORDER BY service_code',
      )
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
    const r = readHubAnswer(
      await this.client.post('v1/leases', { serviceCodes: low, size: this.leaseSize } satisfies LeaseRequestBody),
      leasesAnswerSchema,
      'POST v1/leases',
      this.logger,
    );
    if (r.kind !== 'answer') {
      this.logger?.warn({ services: low, error: describeFailure(r) }, 'could not lease ticket numbers');
      return low.filter((c) => this.remaining(c) === 0);
    }
    const now = this.clock.now();
    const insert = this.outbox.db.prepare('INSERT INTO leases (service_code, prefix, first, last, next, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.outbox.transaction(() => {
      this.outbox.db.prepare('DELETE FROM leases WHERE expires_at <= ? OR next > last').run(now);
      for (const l of r.value.leases) insert.run(l.serviceCode, l.prefix, l.from, l.to, l.from, Date.parse(l.expiresAt));
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
