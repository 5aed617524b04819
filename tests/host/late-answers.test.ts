import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcResult } from '../../common/rpc/contract';
import { StaticKeyProvider } from '../../base/key-provider';
import { SESSION_ENDED } from '../../main/core/session/call-session';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { call, callResult } from '../helpers/core-call';
import { nextEvent } from '../helpers/next-event';
import { printerReady } from '../helpers/printer-ready';

/** How long the hub takes to answer in these tests: the session ends while the call waits. */
const HUB_LATENCY_MS = 400;
const signature = {
  width: 600,
  height: 240,
  strokes: [
    [
      [40, 180],
      [90, 60],
      [140, 170],
      [200, 80],
    ],
    [
      [260, 120],
      [380, 130],
    ],
  ],
};

/**
 * A call that waits (on the hub, the printer, the face engine) while its session ends: the
 * renderer went (`session.reset('renderer')`, as the shells do) or the idle limit passed. Its late
 * answer must not land in the next session: refused with `conflict`, and nothing of the first
 * citizen served to the next (issue 12 review, point 2).
 */
describe('answers that arrive after their session ended', () => {
  let kiosk: TestKiosk;
  const hub = () => kiosk.hub.embedded!.hub;
  const emulator = () => kiosk.embedded.idCardEmulator!.emulator;
  /** The call, with the session ended by the renderer going while it waits (its handler has started). */
  const endSessionDuring = (method: string, input: object): Promise<RpcResult> => {
    const pending = kiosk.core.invoke(method, input);
    kiosk.core.session.reset('renderer');
    return pending;
  };
  const refusedLate = { ok: false, error: { code: 'conflict', citizenMessage: SESSION_ENDED } };

  /** Lays a sample card on the reader and waits until it is the session's identity; the card is lifted again. */
  async function identify(card: string): Promise<void> {
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    emulator().place(card);
    await identified;
    emulator().remove();
  }
  const submissions = () => (kiosk.queue.outbox.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'submission.created'").get() as { n: number }).n;

  beforeAll(async () => {
    // A fixed data key fixes the citizens' pseudonymous ids, hence the demo results the hub seeds.
    kiosk = await bootTestKiosk('late-answers', { keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)) });
    await printerReady(kiosk.core);
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('does not keep the previous citizen’s results for the next one to print', async () => {
    await identify('resident');
    const first = await call(kiosk.core, 'results.list', {});
    const printable = first.results.find((r) => r.printable);
    expect(printable).toBeDefined();

    hub().setFaults({ latencyMs: HUB_LATENCY_MS });
    expect(await endSessionDuring('results.list', {})).toMatchObject(refusedLate);
    hub().setFaults({});

    // The next citizen: the first one's result is not theirs to print.
    await identify('hk-mo-tw-permit');
    const jobs = kiosk.embedded.virtualPrinter!.jobCount;
    expect(await callResult(kiosk.core, 'results.print', { id: printable!.id, lang: 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(kiosk.embedded.virtualPrinter!.jobCount).toBe(jobs);
    kiosk.core.session.reset('done');
  });

  it('does not let the next session check in an appointment the previous one looked up', async () => {
    const start = Date.now() + 10 * 60_000;
    const appointment = hub().store.appointments.add({
      code: `LATE-${randomUUID().slice(0, 8)}`,
      serviceCode: 'A',
      slotStart: new Date(start).toISOString(),
      slotEnd: new Date(start + 30 * 60_000).toISOString(),
    });
    hub().setFaults({ latencyMs: HUB_LATENCY_MS });
    expect(await endSessionDuring('appointment.find', { code: appointment.code })).toMatchObject(refusedLate);
    hub().setFaults({});

    expect(await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: appointment.id, lang: 'zh-CN' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'appointmentId' }] },
    });
    expect(hub().store.appointments.byId(appointment.id)).toMatchObject({ status: 'booked' });
    kiosk.core.session.reset('done');
  });

  it('does not check in an appointment for a citizen whose session ended while the printer was asked', async () => {
    const start = Date.now() + 10 * 60_000;
    const appointment = hub().store.appointments.add({
      code: `LATE-${randomUUID().slice(0, 8)}`,
      serviceCode: 'A',
      slotStart: new Date(start).toISOString(),
      slotEnd: new Date(start + 30 * 60_000).toISOString(),
    });
    expect((await call(kiosk.core, 'appointment.find', { code: appointment.code })).appointments).toHaveLength(1);
    expect(await endSessionDuring('appointment.checkIn', { appointmentId: appointment.id, lang: 'zh-CN' })).toMatchObject(refusedLate);
    expect(hub().store.appointments.byId(appointment.id)).toMatchObject({ status: 'booked' });
  });

  it('stores no form submission whose session ended while the printer was asked', async () => {
    await identify('resident');
    const before = submissions();
    const submit = {
      serviceCode: 'R1',
      values: { phone: '13912345678', district: 'haizhu', housing: 'rented' },
      signatures: { signature },
      lang: 'zh-CN',
      submissionId: randomUUID(),
    };
    expect(await endSessionDuring('form.submit', submit)).toMatchObject(refusedLate);
    expect(submissions()).toBe(before);
  });

  it('issues no ticket for a citizen whose session ended while the printer was asked', async () => {
    await identify('resident');
    const tickets = (hub().store.dump().tickets as unknown[]).length;
    const jobs = kiosk.embedded.virtualPrinter!.jobCount;
    expect(await endSessionDuring('ticket.take', { serviceCode: 'A', priority: false, lang: 'zh-CN' })).toMatchObject(refusedLate);
    expect((hub().store.dump().tickets as unknown[]).length).toBe(tickets);
    expect(kiosk.embedded.virtualPrinter!.jobCount).toBe(jobs);
  });

  it('refuses a face frame whose session ended while the engine looked at it (no face identified into the next session)', async () => {
    const jpeg = (await import('jpeg-js' as string)) as { encode(img: { width: number; height: number; data: Buffer }, q: number): { data: Buffer } };
    const encode = jpeg.encode ?? (jpeg as unknown as { default: typeof jpeg }).default.encode;
    const frame = Buffer.from(encode({ width: 64, height: 48, data: Buffer.alloc(64 * 48 * 4, 128) }, 80).data).toString('base64');
    const { sessionId } = await call(kiosk.core, 'face.start', { mode: 'identify' });
    expect(await endSessionDuring('face.frame', { sessionId, jpegBase64: frame })).toMatchObject(refusedLate);
    expect((await call(kiosk.core, 'face.status', {})).identity).toBe('none');
  }, 120_000);
});
