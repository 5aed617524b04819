import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { call, callResult } from '../helpers/core-call';
import { printerReady } from '../helpers/printer-ready';

/** 取号 on the embedded defaults: the local hub numbers it, the virtual printer prints it. */
describe('queue tickets', () => {
  let kiosk: TestKiosk;
  const hubTickets = () => (kiosk.hub.embedded!.hub.store.dump().tickets as { display: string }[]).map((t) => t.display);
  const take = (serviceCode: string, lang: 'zh-CN' | 'zh-HK' | 'en' = 'zh-CN') => callResult(kiosk.core, 'ticket.take', { serviceCode, lang });
  const ticket = (serviceCode: string, lang: 'zh-CN' | 'zh-HK' | 'en' = 'zh-CN') => call(kiosk.core, 'ticket.take', { serviceCode, lang });

  beforeAll(async () => {
    kiosk = await bootTestKiosk('tickets');
    await printerReady(kiosk.core);
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('prints the number the hub issued on the ticket', async () => {
    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    const taken = await ticket('A');
    expect(taken).toMatchObject({ number: expect.stringMatching(/^A\d{3}$/), printed: true, mode: 'online', waitingAhead: expect.any(Number) });
    const printed = await job;
    expect(printed.transcript).toContain(taken.number);
    expect(printed.transcript).toContain('社保业务');
    expect(hubTickets()).toContain(taken.number);
  });

  it('prints in the citizen’s language', async () => {
    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    const taken = await ticket('B', 'en');
    const printed = await job;
    expect(printed.transcript).toContain('Medical insurance');
    expect(printed.transcript).toContain(taken.number);
  });

  it('says the ticket printer is out of paper before the citizen chooses, and consumes no number', async () => {
    kiosk.embedded.virtualPrinter!.setStatus('paper-end');
    await expect
      .poll(() => call(kiosk.core, 'ticket.availability', {}), { timeout: 5000 })
      .toMatchObject({ available: false, citizenMessage: { 'zh-CN': '取号凭条打印机缺纸，请联系工作人员' } });
    const before = hubTickets().length;
    const r = await take('A');
    expect(r).toMatchObject({ ok: false, error: { code: 'not-ready', citizenMessage: { 'zh-CN': '取号凭条打印机缺纸，请联系工作人员' } } });
    expect(hubTickets().length).toBe(before);
    kiosk.embedded.virtualPrinter!.setStatus('ok');
    await expect.poll(async () => (await call(kiosk.core, 'ticket.availability', {})).available, { timeout: 5000 }).toBe(true);
  });

  it('asks for the ID card for a service that needs it, and serves the citizen once it is read', async () => {
    const refused = await take('C');
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', citizenMessage: { 'zh-CN': '办理此业务请先放置身份证' } } });
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await expect.poll(async () => (await take('C')).ok, { timeout: 15_000 }).toBe(true);
    kiosk.embedded.idCardEmulator!.emulator.remove();
  });

  it('refuses what is not a ticket service of the hall', async () => {
    expect(await take('R1')).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'serviceCode' }] } });
    expect(await take('ZZ')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
