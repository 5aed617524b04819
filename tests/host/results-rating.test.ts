import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { StaticKeyProvider } from '../../base/key-provider';
import { call, callResult } from '../helpers/core-call';

/** 获取办事结果 and 好差评 on the embedded defaults (the local hub seeds demo results). */
describe('results and ratings', () => {
  let kiosk: TestKiosk;
  /** Lays a sample card on the emulated reader; resolves once the core has read it. */
  const layCard = (card: string) => {
    const read = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place(card);
    return read;
  };

  beforeAll(async () => {
    // A fixed data key fixes the citizen's pseudonymous id, hence the demo results the hub seeds.
    kiosk = await bootTestKiosk('results', { keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)) });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('asks for the ID card before showing results', async () => {
    expect(await callResult(kiosk.core, 'results.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', citizenMessage: { 'zh-CN': '办理此业务请先放置身份证' } },
    });
  });

  it('lists the citizen’s results from the hub and prints a ready one on the printer', async () => {
    await layCard('resident');
    // Throws unless the list came (the assertion that it did).
    const list = await call(kiosk.core, 'results.list', {});
    kiosk.embedded.idCardEmulator!.emulator.remove();
    expect(list.results.length).toBeGreaterThan(0);
    // The fixed data key makes the seeded demo results hold a printable one.
    const printable = list.results.find((r) => r.printable);
    expect(printable).toBeDefined();
    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    expect(await callResult(kiosk.core, 'results.print', { id: printable!.id, lang: 'zh-CN' })).toMatchObject({ ok: true, output: { printed: true } });
    const printed = await job;
    expect(printed.transcript).toContain(printable!.title['zh-CN']);
    expect(await callResult(kiosk.core, 'results.print', { id: 'someone-else', lang: 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('says plainly to try later when the hub cannot answer', async () => {
    const hub = kiosk.hub.embedded!.hub;
    await layCard('hk-mo-tw-permit');
    await hub.stop();
    const r = await callResult(kiosk.core, 'results.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'unavailable', citizenMessage: { 'zh-CN': '暂时无法查询办事结果，请稍后再试，或到窗口咨询' } } });
  });

  it('records a rating with its reasons through the outbox, and refuses a rating outside 1-5', async () => {
    expect(await callResult(kiosk.core, 'rating.submit', { serviceCode: 'A', rating: 6 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'rating' }] },
    });
    const r = await callResult(kiosk.core, 'rating.submit', { serviceCode: 'A', rating: 2, reasons: ['waiting-time'] });
    expect(r).toMatchObject({ ok: true });
    expect(kiosk.queue.outbox.stats().pending + kiosk.queue.outbox.stats().inFlight).toBeGreaterThan(0);
  });
});
