import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { call, callResult } from '../helpers/core-call';
import { nextEvent } from '../helpers/next-event';
import { printerReady } from '../helpers/printer-ready';
import { StaticKeyProvider } from '../../base/key-provider';
import { citizenTime, slotText } from '../../main/core/appointments/appointment-sentences';

const at = (ms: number) => citizenTime(ms, Date.now())['zh-CN'];

/** 预约签到 in a headless kiosk on the embedded defaults: the local reference hub on loopback, the virtual printer on its pty. */
describe('appointment check-in (core)', () => {
  let kiosk: TestKiosk;
  const store = () => kiosk.hub.embedded!.hub.store;
  const add = (code: string, startInMin: number, extra: { status?: 'booked' | 'checked-in' | 'cancelled'; serviceCode?: string } = {}) => {
    const start = Date.now() + startInMin * 60_000;
    return store().appointments.add({
      code,
      serviceCode: extra.serviceCode ?? 'A',
      slotStart: new Date(start).toISOString(),
      slotEnd: new Date(start + 30 * 60_000).toISOString(),
      ...(extra.status ? { status: extra.status } : {}),
    });
  };
  const find = (code: string) => call(kiosk.core, 'appointment.find', { code });
  const hubTickets = () => store().dump().tickets as { display: string; key: string }[];

  beforeAll(async () => {
    kiosk = await bootTestKiosk('appointments', { keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
    await printerReady(kiosk.core);
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('finds an appointment by its QR code, checks it in, prints the hub’s number and records the check-in', async () => {
    const a = add('CORE-VALID', 10);
    const found = await find('CORE-VALID');
    expect(found.message).toBeNull();
    expect(found.appointments).toEqual([
      expect.objectContaining({ id: a.id, serviceCode: 'A', state: 'ready', sentence: null, service: expect.objectContaining({ 'zh-CN': '社保业务' }) }),
    ]);
    expect(found.appointments[0]!.slotText).toEqual(slotText(Date.parse(a.slotStart), Date.parse(a.slotEnd), Date.now()));

    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    const ticket = await call(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'zh-CN' });
    expect(ticket).toMatchObject({ number: expect.stringMatching(/^A\d{3}$/), serviceCode: 'A', printed: true });
    const printed = await job;
    expect(printed.transcript).toContain(ticket.number);
    expect(printed.transcript).toContain('预约已签到，请留意叫号');
    expect(hubTickets().map((t) => t.display)).toContain(ticket.number);
    expect(store().appointments.byId(a.id)).toMatchObject({ status: 'checked-in' });

    await kiosk.queue.engine.syncNow();
    const items = store().dump(true).items as { kind: string; payload: Record<string, unknown> }[];
    expect(items.find((i) => i.kind === 'appointment.checked-in')?.payload).toMatchObject({
      appointmentId: a.id,
      ticketNumber: ticket.number,
      serviceCode: 'A',
    });
  });

  it('will not check in the same appointment twice: the next citizen scanning it is told it was used', async () => {
    const again = await find('CORE-VALID');
    expect(again.appointments[0]).toMatchObject({ state: 'used', sentence: { 'zh-CN': '此预约已签到，不能重复使用。如未取到号码，请到服务台咨询' } });
    const r = await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: again.appointments[0]!.id, lang: 'zh-CN' });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', citizenMessage: { en: expect.stringContaining('already been checked in') } } });
  });

  it('turns the hub’s 409 into the "already used" sentence when another terminal checked in first', async () => {
    const a = add('CORE-RACE', 5);
    expect((await find('CORE-RACE')).appointments[0]!.state).toBe('ready');
    store().issueTicket('T-other', { key: randomUUID(), serviceCode: 'A', priority: false, subject: null, appointmentId: a.id }, Date.now());
    const before = hubTickets().length;
    const r = await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'en' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', citizenMessage: { 'zh-CN': '此预约已签到，不能重复使用。如未取到号码，请到服务台咨询' } },
    });
    expect(hubTickets().length).toBe(before);
  });

  it('gives early, late, cancelled and unknown appointments each their own sentence, and checks none of them in', async () => {
    const early = add('CORE-EARLY', 120);
    add('CORE-LATE', -60);
    add('CORE-CANCELLED', 5, { status: 'cancelled' });
    const opens = at(Date.parse(early.slotStart) - 30 * 60_000);

    const e = (await find('CORE-EARLY')).appointments[0]!;
    expect(e.state).toBe('early');
    expect(e.sentence!['zh-CN']).toBe(`您的预约时间为 ${e.slotText['zh-CN']}，还未到签到时间，请于 ${opens} 后再来签到`);
    expect(e.sentence!.en).toContain(`please come back after ${citizenTime(Date.parse(early.slotStart) - 30 * 60_000, Date.now()).en}`);
    const l = (await find('CORE-LATE')).appointments[0]!;
    expect(l.state).toBe('late');
    expect(l.sentence!['zh-CN']).toBe(`您的预约时间 ${l.slotText['zh-CN']} 已过，无法签到。请取普通号排队，或到服务台咨询`);
    const c = (await find('CORE-CANCELLED')).appointments[0]!;
    expect(c).toMatchObject({ state: 'cancelled', sentence: { 'zh-HK': '此預約已取消。請重新預約，或到服務台諮詢' } });
    expect(await find('NOBODY-BOOKED-THIS')).toEqual({
      appointments: [],
      message: expect.objectContaining({ 'zh-CN': '未找到此预约，请核对预约二维码，或到服务台咨询' }),
    });
    // Whatever else a citizen scans (a web address, a payment code) is an unknown appointment too.
    for (const other of ['https://example.com/pay?order=1&x=%2F', 'X'.repeat(300)]) {
      expect(await find(other)).toEqual({ appointments: [], message: expect.objectContaining({ en: expect.stringContaining('No appointment was found') }) });
    }
    // …and is never sent to the hub: with the hub failing every lookup, only a code shaped like an
    // appointment code (services.appointmentCodePattern) gets the hub's failure.
    kiosk.hub.embedded!.hub.setFaults({ forced: [{ status: 503, path: 'v1/appointments', count: 100 }] });
    try {
      for (const other of ['https://example.com/pay?order=1', '..', '281234567890123456 x', '支付码']) {
        expect((await find(other)).message?.en, other).toContain('No appointment was found');
      }
      expect(await callResult(kiosk.core, 'appointment.find', { code: 'CORE-SHAPED-LIKE-ONE' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    } finally {
      kiosk.hub.embedded!.hub.setFaults({});
    }

    const before = hubTickets().length;
    for (const a of [e, l, c]) {
      const r = await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'zh-CN' });
      expect(r).toMatchObject({ ok: false, error: { code: 'conflict', citizenMessage: a.sentence } });
    }
    expect(hubTickets().length).toBe(before);
  });

  it('checks in only an appointment shown to this session’s citizen', async () => {
    const a = add('CORE-NOT-SHOWN', 5);
    expect(await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'zh-CN' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'appointmentId' }] },
    });
    await find('CORE-NOT-SHOWN');
    await callResult(kiosk.core, 'session.reset', { reason: 'done' });
    expect(await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'zh-CN' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(store().appointments.byId(a.id)).toMatchObject({ status: 'booked' });
  });

  it('asks for the ID card without a code, and finds the card’s appointment by the citizen’s subject', async () => {
    expect(await callResult(kiosk.core, 'appointment.find', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', citizenMessage: { 'zh-CN': '办理此业务请先放置身份证' } },
    });
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await identified;
    const list = await call(kiosk.core, 'appointment.find', {});
    kiosk.embedded.idCardEmulator!.emulator.remove();
    expect(list.appointments).toHaveLength(1);
    expect(list.appointments[0]).toMatchObject({ state: 'ready', serviceCode: 'A' });
    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    const ticket = await call(kiosk.core, 'appointment.checkIn', { appointmentId: list.appointments[0]!.id, lang: 'en' });
    expect((await job).transcript).toContain(ticket.number);
    // The hub holds the citizen's pseudonymous subject on the ticket, never the ID number.
    expect(JSON.stringify(store().dump(true))).not.toMatch(/\d{17}[\dX]/);
  });

  it('checks the printer before the check-in and leaves the appointment unused when it is out of paper', async () => {
    const a = add('CORE-PAPER', 5);
    await find('CORE-PAPER');
    kiosk.embedded.virtualPrinter!.setStatus('paper-end');
    try {
      const r = await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'zh-CN' });
      expect(r).toMatchObject({ ok: false, error: { code: 'not-ready', citizenMessage: { 'zh-CN': '取号凭条打印机缺纸，请联系工作人员' } } });
      expect(store().appointments.byId(a.id)).toMatchObject({ status: 'booked' });
    } finally {
      kiosk.embedded.virtualPrinter!.setStatus('ok');
    }
  });

  it('says plainly to try later or go to the desk when the hub cannot be reached (no offline check-in)', async () => {
    const a = add('CORE-OFFLINE', 5);
    await find('CORE-OFFLINE');
    await kiosk.hub.embedded!.hub.stop();
    expect(await callResult(kiosk.core, 'appointment.find', { code: 'CORE-OFFLINE' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', citizenMessage: { 'zh-CN': '暂时无法查询预约，请稍后再试，或到服务台签到' } },
    });
    const r = await callResult(kiosk.core, 'appointment.checkIn', { appointmentId: a.id, lang: 'zh-CN' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', citizenMessage: { 'zh-CN': '暂时无法签到，请稍后再试，或到服务台签到' } } });
  });
});
