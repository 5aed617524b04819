import { randomUUID } from 'node:crypto';
import type { Catalog } from '../../../common/catalog/schema';
import type { AppointmentView, RpcOutput } from '../../../common/rpc/contract';
import type { LocalizedText } from '../../../common/i18n/languages';
import { RpcError } from '../../../common/rpc/errors';
import { compileSafePattern, type SafePatternCompilation } from '../../../common/patterns/safe-pattern';
import { appointmentsAnswerSchema, ticketAnswerSchema, type HubAppointment } from '../../../common/hub-protocol/answers';
import type { TicketRequestBody } from '../../../common/hub-protocol/requests';
import type { HubClient, HubResponse } from '../../../offline-queue/hub-client';
import { readHubAnswer, type NoAnswer } from '../../../offline-queue/hub-answers';
import type { Outbox } from '../../../offline-queue/outbox';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import type { PrinterService } from '../devices/printer-service';
import { printIssuedTicket } from '../tickets/issued-ticket-printing';
import { identityRequired, type SessionSubject } from '../identity/session-subject';
import { judgeAppointment, type CheckInWindow } from './check-in-window';
import * as say from './appointment-sentences';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import type { Logger } from '../../logging/logger';
import type { ParsedInput } from '../rpc/parsed-input';

/** docs/appointments.md: an appointment code is at most 256 characters. */
const MAX_APPOINTMENT_CODE_LENGTH = 256;

export interface AppointmentServiceDeps {
  logger: Logger;
  clock: Clock;
  /** Read at each check-in: the terminal id and the hall's name in force. */
  terminalId: () => string;
  hallName: () => LocalizedText;
  /** What a citizen was shown is forgotten when their session ends; a late answer is not theirs to keep. */
  session: Pick<SessionService, 'sessionId' | 'onReset'>;
  client: Pick<HubClient, 'appointmentByCode' | 'appointmentsOf' | 'post'>;
  outbox: Pick<Outbox, 'enqueue'>;
  printer: Pick<PrinterService, 'problemNow' | 'ensureReady' | 'print' | 'profile' | 'timeZone'>;
  subject: Pick<SessionSubject, 'current'>;
  catalog: () => Catalog;
  /** Read at each call, so a changed setting applies to the next citizen. */
  checkInWindow: () => CheckInWindow;
  /** services.appointmentCodePattern: what the hall's appointment codes look like. */
  codePattern: () => string;
}

/**
 * 预约签到: an appointment found on the hub (by the code of its QR, or by the card's citizen),
 * judged against the check-in window, then checked in online — POST v1/tickets with its id issues
 * the ticket and marks it used in one step on the hub — recorded as `appointment.checked-in`
 * through the outbox, and the ticket printed like a queue ticket. Never offline: only the hub
 * knows whether an appointment is still unused.
 */
export class AppointmentService implements CoreService {
  readonly name = 'appointments';
  /** The appointments shown to this session's citizen (only those may be checked in); forgotten at reset. */
  private shown = new Map<string, HubAppointment>();
  /** The ticket key per appointment: a retry after a lost answer gets the same ticket, not a refusal. */
  private keys = new Map<string, string>();
  /** services.appointmentCodePattern compiled, with the source it was compiled from. */
  private codePattern: { source: string; compiled: SafePatternCompilation } | null = null;

  constructor(private readonly deps: AppointmentServiceDeps) {
    deps.session.onReset(() => {
      this.shown.clear();
      this.keys.clear();
    });
  }

  async find({ code }: ParsedInput<'appointment.find'>): Promise<RpcOutput<'appointment.find'>> {
    const { deps } = this;
    const call = new CallSession(deps.session, 'appointment.find');
    let r: HubResponse;
    if (code !== undefined) {
      // Citizens scan whatever QR they hold (payment codes, web addresses): too long to be an
      // appointment code, or refused by the hub as one, it is simply not an appointment here.
      if (!this.looksLikeAppointmentCode(code)) {
        deps.logger.info({ length: code.length }, 'scanned code is not an appointment code; not sent to the hub');
        return { appointments: [], message: say.UNKNOWN };
      }
      r = await deps.client.appointmentByCode(code);
      if (r.kind === 'http-error' && (r.status === 404 || r.status === 400)) return { appointments: [], message: say.UNKNOWN };
    } else {
      const subject = deps.subject.current();
      if (!subject) throw identityRequired('appointment check-in');
      r = await deps.client.appointmentsOf(subject);
    }
    // A late answer is the previous citizen's: its appointments must not be checkable in the next session.
    call.stillCurrent();
    const parsed = readHubAnswer(r, appointmentsAnswerSchema, 'GET v1/appointments', deps.logger);
    if (parsed.kind !== 'answer') {
      deps.logger.warn({ kind: parsed.kind, by: code !== undefined ? 'code' : 'subject' }, 'appointments not available from the hub');
      throw new RpcError('unavailable', 'the hub did not answer the appointment lookup', { citizenMessage: say.HUB_UNREACHABLE });
    }
    const now = deps.clock.now();
    // By card: today's and later appointments (earlier days' are of no use at the terminal).
    const list =
      code !== undefined
        ? parsed.value.appointments
        : parsed.value.appointments.filter((a) => Date.parse(a.slotStart) >= say.startOfHallDay(now, deps.printer.timeZone));
    for (const a of list) this.shown.set(a.id, a);
    deps.logger.info({ found: list.length, by: code !== undefined ? 'code' : 'subject' }, 'appointment lookup');
    return { appointments: list.map((a) => this.view(a, now)), message: list.length === 0 ? (code !== undefined ? say.UNKNOWN : say.NONE_FOR_CITIZEN) : null };
  }

  async checkIn({ appointmentId, lang }: ParsedInput<'appointment.checkIn'>): Promise<RpcOutput<'appointment.checkIn'>> {
    const { deps } = this;
    const appointment = this.shown.get(appointmentId);
    if (!appointment) {
      throw new RpcError('invalid-input', 'no appointment with that id was found in this session', {
        issues: [{ path: 'appointmentId', message: 'not an appointment shown to this citizen' }],
      });
    }
    const view = this.view(appointment, deps.clock.now());
    if (view.sentence) throw new RpcError('conflict', `appointment cannot be checked in: ${view.state}`, { citizenMessage: view.sentence });

    const call = new CallSession(deps.session, 'appointment.checkIn');
    await deps.printer.ensureReady('ticket');
    call.stillCurrent();

    const key = this.keys.get(appointmentId) ?? randomUUID();
    this.keys.set(appointmentId, key);
    const subject = deps.subject.current();
    const posted = await deps.client.post('v1/tickets', {
      key,
      serviceCode: appointment.serviceCode,
      priority: false,
      subject,
      appointmentId,
    } satisfies TicketRequestBody);
    const r = readHubAnswer(posted, ticketAnswerSchema, 'POST v1/tickets', deps.logger);
    if (call.ended) {
      // The citizen's session ended while the hub answered: nothing of it goes into the next
      // one, and no ticket is printed for whoever stands there now. The hub's check-in stands.
      if (r.kind === 'answer') this.recordCheckIn(appointment, r.value.number, subject);
      deps.logger.warn({ serviceCode: appointment.serviceCode, issued: r.kind === 'answer' }, 'check-in answered after its session ended: nothing printed');
      call.stillCurrent();
    }
    if (r.kind !== 'answer') throw this.refusal(appointment, r);
    const ticket = r.value;
    this.shown.set(appointmentId, { ...appointment, status: 'checked-in' });
    this.recordCheckIn(appointment, ticket.number, subject);
    deps.logger.info({ serviceCode: appointment.serviceCode, number: ticket.number }, 'appointment checked in');

    const printed = await printIssuedTicket(deps.printer, deps.logger, {
      hall: deps.hallName()[lang],
      number: ticket.number,
      service: this.serviceName(appointment.serviceCode)[lang],
      waitingAhead: ticket.waitingAhead ?? null,
      issuedAt: new Date(ticket.issuedAt),
      note: say.TICKET_NOTE[lang],
      ...this.guideUrlOf(appointment.serviceCode),
      lang,
    });
    return {
      number: ticket.number,
      serviceCode: appointment.serviceCode,
      waitingAhead: ticket.waitingAhead ?? null,
      issuedAt: ticket.issuedAt,
      ...printed,
    };
  }

  /** `appointment.checked-in` through the outbox: a copy of what the hub holds once it issued the ticket. */
  private recordCheckIn(appointment: HubAppointment, ticketNumber: string, subject: string | null): void {
    try {
      this.deps.outbox.enqueue('appointment.checked-in', {
        appointmentId: appointment.id,
        serviceCode: appointment.serviceCode,
        ticketNumber,
        subject,
        terminalId: this.deps.terminalId(),
        checkedInAt: new Date(this.deps.clock.now()).toISOString(),
      });
    } catch (err) {
      // The hub already holds the check-in (it issued the ticket); the record is a copy.
      this.deps.logger.error({ err }, 'appointment.checked-in not queued');
    }
  }

  private looksLikeAppointmentCode(code: string): boolean {
    if (code.length > MAX_APPOINTMENT_CODE_LENGTH || code === '.' || code === '..') return false;
    // The pattern comes from settings the hub may push: it runs on the linear-time engine,
    // compiled once per source (compiling a large one takes tens of ms; a scan must not).
    const source = this.deps.codePattern();
    if (this.codePattern?.source !== source) this.codePattern = { source, compiled: compileSafePattern(source) };
    const pattern = this.codePattern.compiled;
    return pattern.ok && pattern.pattern.test(code);
  }

  private guideUrlOf(code: string): { guideUrl?: string } {
    const url = this.deps.catalog().services.find((s) => s.code === code)?.guide?.url;
    return url ? { guideUrl: url } : {};
  }

  private serviceName(code: string): say.Localized {
    return this.deps.catalog().services.find((s) => s.code === code)?.name ?? { 'zh-CN': code, 'zh-HK': code, en: code };
  }

  private view(a: HubAppointment, now: number): AppointmentView {
    const judged = judgeAppointment(a, now, this.deps.checkInWindow());
    const start = Date.parse(a.slotStart);
    // The hall clock, as the printed ticket shows it.
    const timeZone = this.deps.printer.timeZone;
    const slot = say.slotText(start, Date.parse(a.slotEnd), now, timeZone);
    const sentences: Record<typeof judged.state, say.Localized | null> = {
      ready: null,
      early: say.early(slot, say.citizenTime(judged.opensAt, now, timeZone)),
      late: say.late(slot),
      used: say.USED,
      cancelled: say.CANCELLED,
    };
    return {
      id: a.id,
      serviceCode: a.serviceCode,
      service: this.serviceName(a.serviceCode),
      slotStart: a.slotStart,
      slotEnd: a.slotEnd,
      slotText: slot,
      state: judged.state,
      sentence: sentences[judged.state],
    };
  }

  /** The hub's refusal of a check-in, as the sentence the citizen needs. */
  private refusal(appointment: HubAppointment, r: NoAnswer): RpcError {
    const code = r.kind === 'http-error' ? r.code : null;
    if (code === 'appointment-used') {
      this.shown.set(appointment.id, { ...appointment, status: 'checked-in' });
      return new RpcError('conflict', 'the hub says the appointment was already checked in', { citizenMessage: say.USED });
    }
    if (code === 'appointment-cancelled') {
      this.shown.set(appointment.id, { ...appointment, status: 'cancelled' });
      return new RpcError('conflict', 'the hub says the appointment was cancelled', { citizenMessage: say.CANCELLED });
    }
    if (code === 'unknown-appointment') return new RpcError('conflict', 'the hub no longer knows the appointment', { citizenMessage: say.UNKNOWN });
    this.deps.logger.warn({ kind: r.kind, status: 'status' in r ? r.status : null, code }, 'check-in not possible: hub did not issue the ticket');
    return new RpcError('unavailable', 'the hub did not issue the check-in ticket', { citizenMessage: say.CHECK_IN_UNAVAILABLE });
  }
}
