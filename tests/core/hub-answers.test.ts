import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../common/catalog/schema';
import { AppointmentService } from '../../main/core/appointments/appointment-service';
import type { PrinterService } from '../../main/core/devices/printer-service';
import type { SessionSubject } from '../../main/core/identity/session-subject';
import { appointmentRoutes } from '../../main/core/appointments/appointment-rpc';
import { ResultsService } from '../../main/core/results/results-service';
import { resultsRoutes } from '../../main/core/results/results-rpc';
import { RpcRouter } from '../../main/core/rpc/router';
import { registerRoutes } from '../../main/core/rpc/route-table';
import { HubClient } from '../../offline-queue/hub-client';
import { capturingLogger, MALFORMED_BODIES, startCannedHub, type CannedHub } from '../offline-queue/canned-hub';

/**
 * Issue 12 for the core services that read the hub: results (GET v1/results) and appointments
 * (GET v1/appointments, POST v1/tickets for the check-in). A 200 whose body does not fit the
 * protocol is the hub being unavailable — the citizen is told to try later — and the technician's
 * log names where the answer is wrong, never what it held. Real HubClient on a loopback hub.
 */

const json = (v: unknown) => JSON.stringify(v);
let hub: CannedHub;
let client: HubClient;
let log: ReturnType<typeof capturingLogger>;
let router: RpcRouter;

/** What these two services take besides the hub: the logger, the clock, the terminal, a session that never resets. */
function context() {
  return {
    logger: log.logger,
    clock: { now: () => Date.now() },
    session: { sessionId: 'S-1', onReset: () => undefined },
    terminalId: () => 'T-0001',
    hallName: () => ({ 'zh-CN': '大厅', 'zh-HK': '大廳', en: 'Hall' }),
  };
}
const subject = { current: () => 'S-0001' } as unknown as SessionSubject;
const printer = { ensureReady: async () => undefined, problemNow: () => null } as unknown as PrinterService;
const call = (method: string, input: object) => router.dispatch(method, input, { origin: 'test' });
const warnings = (call: string) => log.records.filter((r) => r.call === call && r.level === 40);

beforeEach(async () => {
  hub = await startCannedHub();
  client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: 'core-answers-secret-0123456789', timeoutMs: 5000 });
  log = capturingLogger();
  router = new RpcRouter(log.logger);
});
afterEach(async () => {
  client.close();
  await hub.close();
});

describe('results.list with a malformed GET v1/results answer', () => {
  const title = { 'zh-CN': '社保卡补办', 'zh-HK': '社保卡補辦', en: 'Card replacement' };
  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['a status outside the protocol', json({ results: [{ id: 'R-1', title, status: 'SECRET-STATUS', printable: true }] })],
    ['printable as text', json({ results: [{ id: 'R-1', title, status: 'ready', printable: 'yes' }] })],
    ['a title without English', json({ results: [{ id: 'R-1', title: { 'zh-CN': '张三丰的结果', 'zh-HK': 'x' }, status: 'ready', printable: true }] })],
    ['extra nesting', json({ data: { results: [] } })],
  ])('%s: unavailable, with the try-later sentence, and the paths at fault logged', async (_name, body) => {
    registerRoutes(router, resultsRoutes(new ResultsService({ ...context(), client, printer, subject, timeZone: () => 'Asia/Shanghai' })));
    hub.answer('v1/results', 200, body);

    const r = await call('results.list', {});

    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', citizenMessage: { en: expect.stringMatching(/try again later/) } } });
    expect(warnings('GET v1/results')).toEqual([
      expect.objectContaining({ issues: expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]) }),
    ]);
    expect(log.text()).not.toMatch(/SECRET-STATUS|张三丰/);

    hub.answer('v1/results', 200, json({ results: [{ id: 'R-1', title, status: 'ready', printable: true, body: {} }] }));
    expect(await call('results.list', {})).toMatchObject({ ok: true, output: { results: [{ id: 'R-1', status: 'ready', printable: true }] } });
  });
});

describe('appointments with malformed hub answers', () => {
  const inTenMinutes = () => {
    const start = Date.now() + 10 * 60_000;
    return { slotStart: new Date(start).toISOString(), slotEnd: new Date(start + 30 * 60_000).toISOString() };
  };
  const appointment = () => ({ id: 'AP-1', code: 'QR-0001', serviceCode: 'A', status: 'booked', ...inTenMinutes() });
  const catalog = { version: 1, services: [{ code: 'A', name: { 'zh-CN': '社保', 'zh-HK': '社保', en: 'Social security' } }] } as unknown as Catalog;
  const service = () =>
    registerRoutes(
      router,
      appointmentRoutes(
        new AppointmentService({
          ...context(),
          client,
          outbox: { enqueue: () => 'k' },
          printer,
          subject,
          catalog: () => catalog,
          checkInWindow: () => ({ earlyMinutes: 30, lateMinutes: 15 }),
          codePattern: () => '^[A-Z0-9-]{1,64}$',
        }),
      ),
    );

  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['a slot that is not a date-time', json({ appointments: [{ ...appointment(), slotStart: 'tomorrow' }] })],
    ['an unknown status', json({ appointments: [{ ...appointment(), status: 'maybe' }] })],
    ['extra nesting', json({ appointments: { list: [appointment()] } })],
  ])('lookup, %s: unavailable with the hub-unreachable sentence, paths logged', async (_name, body) => {
    service();
    hub.answer('v1/appointments/QR-0001', 200, body);

    expect(await call('appointment.find', { code: 'QR-0001' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(warnings('GET v1/appointments')).toHaveLength(1);
  });

  it.each<[string, string | undefined]>([
    ...MALFORMED_BODIES,
    ['number of the wrong type', json({ number: 7, waitingAhead: 0, issuedAt: new Date().toISOString() })],
    ['extra nesting', json({ ticket: { number: 'A007', waitingAhead: 0, issuedAt: new Date().toISOString() } })],
  ])('check-in, %s: not checked in, unavailable, and nothing printed from the answer', async (_name, body) => {
    service();
    hub.answer('v1/appointments/QR-0001', 200, json({ appointments: [appointment()] }));
    expect(await call('appointment.find', { code: 'QR-0001' })).toMatchObject({ ok: true, output: { appointments: [{ id: 'AP-1', state: 'ready' }] } });
    hub.answer('v1/tickets', 200, body);

    expect(await call('appointment.checkIn', { appointmentId: 'AP-1', lang: 'en' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(warnings('POST v1/tickets')).toHaveLength(1);
  });
});
