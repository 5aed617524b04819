import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withGuideUrls } from '../../common/catalog/guide-urls';
import { catalogSchema, type Catalog } from '../../common/catalog/schema';
import { RpcError } from '../../common/rpc/errors';
import { printerProfile } from '../../devices/printer/profiles';
import { AppointmentService } from '../../main/core/appointments/appointment-service';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { FormService } from '../../main/core/forms/form-service';
import { RatingService } from '../../main/core/rating/rating-service';
import { ResultsService } from '../../main/core/results/results-service';
import { EventBus } from '../../main/core/rpc/event-bus';
import { SessionService } from '../../main/core/session/session-service';
import { TicketService } from '../../main/core/tickets/ticket-service';
import { HubClient } from '../../offline-queue/hub-client';
import type { Outbox } from '../../offline-queue/outbox';
import { TicketIssuer } from '../../offline-queue/ticket-issuer';
import { capturingLogger, startCannedHub, type CannedHub } from '../offline-queue/canned-hub';
import { openTestOutbox, tempDir } from '../offline-queue/helpers';

/**
 * The citizen-facing services called directly, without the RPC router: each is built from its
 * narrow dependencies (a real outbox on a temp SQLite file, a real HubClient on a loopback hub, a
 * real session) and what a citizen would notice is checked — what is queued for the hub, what is
 * printed, and the error and sentence of a refusal. The printer is a paper tray that keeps its jobs.
 */

const NOW = Date.parse('2026-12-05T10:00:00+08:00');
const CITIZEN = 'S-citizen-0001';
const HALL = { 'zh-CN': '政务大厅', 'zh-HK': '政務大廳', en: 'Service Hall' };
const label = (text: string) => ({ 'zh-CN': text, 'zh-HK': text, en: text });
/** The default catalog, plus a form a citizen fills without a card. */
const DEFAULT_CATALOG = loadCatalogFile(path.resolve('assets/catalog/default-catalog.json'));
const CATALOG: Catalog = catalogSchema.parse({
  ...DEFAULT_CATALOG,
  services: [
    ...DEFAULT_CATALOG.services,
    {
      code: 'P9',
      name: label('联系方式登记'),
      category: 'residence',
      requiresIdentity: false,
      kind: 'form',
      form: [{ id: 'phone', label: label('手机'), type: 'phone' }],
    },
  ],
});

let dir: string;
let cleanup: () => void;
let outbox: Outbox;
let hub: CannedHub;
let client: HubClient;
let log: ReturnType<typeof capturingLogger>;
let session: SessionService;
let citizen: string | null;
let printed: string[];

/** A printer that is ready and keeps what it printed (as latin1 text, enough to find ASCII in it). */
const printer = {
  profile: printerProfile('generic-80mm-gb18030'),
  timeZone: 'Asia/Shanghai',
  problemNow: () => null,
  ensureReady: async () => undefined,
  print: async (job: Uint8Array) => {
    printed.push(Buffer.from(job).toString('latin1'));
    return {
      bytes: job.length,
      status: {
        online: true,
        coverOpen: false,
        paperEnd: false,
        paperNearEnd: false,
        cutterError: false,
        unrecoverableError: false,
        autoRecoverableError: false,
      },
      paperNearEnd: false,
    };
  },
};
const common = () => ({
  logger: log.logger,
  clock: { now: () => NOW },
  session,
  terminalId: () => 'T-0042',
  hallName: () => HALL,
  subject: { current: () => citizen },
});
const queued = (kind: string) =>
  (outbox.db.prepare('SELECT key FROM outbox WHERE kind = ? ORDER BY seq').all(kind) as { key: string }[]).map((r) => outbox.get(r.key)!.payload);

/** The refusal a call ends in, as the screen receives it. */
async function refusal(call: () => unknown): Promise<ReturnType<RpcError['toPayload']>> {
  try {
    await call();
  } catch (err) {
    if (err instanceof RpcError) return err.toPayload();
    throw err;
  }
  throw new Error('the call was not refused');
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('services-direct-'));
  outbox = openTestOutbox(dir);
  hub = await startCannedHub();
  client = new HubClient({ url: hub.url, terminalId: 'T-0042', secret: 'services-direct-secret-0123456789', timeoutMs: 5000 });
  log = capturingLogger();
  session = new SessionService({ events: new EventBus(log.logger), logger: log.logger });
  citizen = CITIZEN;
  printed = [];
});
afterEach(async () => {
  client.close();
  await hub.close();
  outbox.close();
  cleanup();
});

describe('RatingService', () => {
  it('queues the rating for the hub as evaluation.created, with the citizen, the terminal and the time', () => {
    const ratings = new RatingService({ ...common(), outbox });

    const { key } = ratings.submit({ serviceCode: 'A', rating: 2, reasons: ['waiting-time'] });

    expect(outbox.get(key)).toMatchObject({
      kind: 'evaluation.created',
      payload: { rating: 2, serviceCode: 'A', reasons: ['waiting-time'], subject: CITIZEN, terminalId: 'T-0042', ratedAt: new Date(NOW).toISOString() },
    });
  });

  it('thanks the citizen all the same when the outbox cannot take the rating', async () => {
    const ratings = new RatingService({ ...common(), outbox });
    outbox.close();

    expect(await refusal(() => ratings.submit({ serviceCode: null, rating: 5, reasons: [] }))).toMatchObject({
      code: 'unavailable',
      citizenMessage: { en: 'Your rating could not be recorded right now. Thank you all the same.' },
    });
  });
});

describe('TicketService', () => {
  const tickets = () =>
    new TicketService({ ...common(), issuer: new TicketIssuer({ outbox, client, logger: log.logger, retryDelaysMs: [] }), printer, catalog: () => CATALOG });

  it('gives the hub’s number, prints it, and records the ticket for the hub', async () => {
    hub.answer('v1/tickets', 200, JSON.stringify({ number: 'A007', waitingAhead: 3, issuedAt: new Date(NOW).toISOString() }));

    expect(await tickets().take({ serviceCode: 'A', priority: false, lang: 'en' })).toEqual({
      number: 'A007',
      serviceCode: 'A',
      waitingAhead: 3,
      issuedAt: new Date(NOW).toISOString(),
      mode: 'online',
      printed: true,
    });
    expect(printed).toEqual([expect.stringContaining('A007')]);
    expect(queued('ticket.issued')).toEqual([expect.objectContaining({ serviceCode: 'A', number: 'A007' })]);
  });

  it('prints the service’s guide address (办事指南) as a QR code on the ticket', async () => {
    hub.answer('v1/tickets', 200, JSON.stringify({ number: 'C001', waitingAhead: 0, issuedAt: new Date(NOW).toISOString() }));
    const service = new TicketService({
      ...common(),
      issuer: new TicketIssuer({ outbox, client, logger: log.logger, retryDelaysMs: [] }),
      printer,
      catalog: () => withGuideUrls(CATALOG),
    });
    await service.take({ serviceCode: 'C', priority: false, lang: 'zh-CN' });
    expect(printed).toEqual([expect.stringContaining('https://zwfw.example.gov.cn/guide/C')]);
  });

  it('refuses what the hall does not offer and asks for the card where the service needs it, before any number', async () => {
    const service = tickets();
    expect(await refusal(() => service.take({ serviceCode: 'R1', priority: false, lang: 'en' }))).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'serviceCode' }],
    });
    expect(await refusal(() => service.take({ serviceCode: 'D', priority: true, lang: 'en' }))).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'priority' }],
    });
    citizen = null;
    expect(await refusal(() => service.take({ serviceCode: 'C', priority: false, lang: 'en' }))).toMatchObject({
      code: 'forbidden',
      citizenMessage: { en: 'Please place your ID card on the reader first' },
    });
    expect(hub.requests).toEqual([]);
    expect(printed).toEqual([]);
  });
});

describe('ResultsService', () => {
  const title = { 'zh-CN': '社保卡补办', 'zh-HK': '社保卡補辦', en: 'Card replacement' };

  it('lists the citizen’s results in words, prints a ready one, and forgets the list when the session ends', async () => {
    const results = new ResultsService({ ...common(), client, printer, timeZone: () => 'Asia/Shanghai' });
    hub.answer('v1/results', 200, JSON.stringify({ results: [{ id: 'R-1', title, status: 'ready', printable: true }] }));

    expect(await results.list()).toEqual({
      results: [
        {
          id: 'R-1',
          title,
          status: 'ready',
          statusText: { 'zh-CN': '已办结', 'zh-HK': '已辦結', en: 'Ready' },
          printable: true,
          acceptedOn: null,
          decidedOn: null,
          department: null,
          reason: null,
          nextStep: null,
        },
      ],
    });
    expect(await results.print({ id: 'R-1', lang: 'en' })).toEqual({ printed: true });
    expect(printed).toEqual([expect.stringContaining('Card replacement')]);

    session.reset('done');
    expect(await refusal(() => results.print({ id: 'R-1', lang: 'en' }))).toMatchObject({ code: 'invalid-input', issues: [{ path: 'id' }] });
    expect(printed).toHaveLength(1);
  });

  it('asks for the card before asking the hub', async () => {
    citizen = null;
    const results = new ResultsService({ ...common(), client, printer, timeZone: () => 'Asia/Shanghai' });

    expect(await refusal(() => results.list())).toMatchObject({ code: 'forbidden', citizenMessage: { en: 'Please place your ID card on the reader first' } });
    expect(hub.requests).toEqual([]);
  });
});

describe('AppointmentService', () => {
  const appointments = () =>
    new AppointmentService({
      ...common(),
      client,
      outbox,
      printer,
      catalog: () => CATALOG,
      checkInWindow: () => ({ earlyMinutes: 30, lateMinutes: 15 }),
      codePattern: () => '^[A-Z0-9-]{1,64}$',
    });

  it('answers a scanned code that is no appointment code as unknown, without asking the hub', async () => {
    const found = await appointments().find({ code: 'https://pay.example/qr?id=42' });

    expect(found).toMatchObject({ appointments: [], message: { en: expect.any(String) } });
    expect(hub.requests).toEqual([]);
  });

  it('refuses to check in an appointment this citizen was not shown', async () => {
    expect(await refusal(() => appointments().checkIn({ appointmentId: 'AP-9', lang: 'en' }))).toMatchObject({
      code: 'invalid-input',
      issues: [{ path: 'appointmentId' }],
    });
    expect(queued('appointment.checked-in')).toEqual([]);
  });
});

describe('FormService', () => {
  let forms: FormService;
  beforeEach(() => {
    forms = new FormService({ ...common(), dataDir: dir, idCard: { currentIdentity: null }, printer, outbox, catalog: () => CATALOG });
  });
  afterEach(() => forms.stop());
  const submit = (values: Record<string, string>) => forms.submit({ serviceCode: 'P9', values, signatures: {}, lang: 'en', submissionId: randomUUID() });

  it('opens the form, says what is wrong with a field, and queues and prints a valid submission', async () => {
    expect(forms.open({ serviceCode: 'P9' })).toMatchObject({ serviceCode: 'P9', fields: [{ id: 'phone', type: 'phone', fromCard: null }] });
    expect(forms.validate({ serviceCode: 'P9', fieldId: 'phone', value: '12' })).toMatchObject({ ok: false, reason: { en: expect.any(String) } });

    const answer = await submit({ phone: '13912345678' });

    expect(answer).toMatchObject({ outcome: 'submitted', printed: true, submissionNumber: expect.stringMatching(/^P9-T-0042-\d{8}-0001$/) });
    const { submissionNumber } = answer as { submissionNumber: string };
    expect(queued('submission.created')).toEqual([
      expect.objectContaining({ submissionNumber, serviceCode: 'P9', terminalId: 'T-0042', subject: CITIZEN, fields: { phone: '13912345678' } }),
    ]);
    expect(printed).toEqual([expect.stringContaining(submissionNumber)]);
  });

  it('refuses a field the form does not have, and stores nothing', async () => {
    expect(await refusal(() => submit({ phone: '13912345678', income: '9000' }))).toMatchObject({ code: 'invalid-input', issues: [{ path: 'values.income' }] });
    expect(queued('submission.created')).toEqual([]);
  });
});
