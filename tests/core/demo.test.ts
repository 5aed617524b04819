import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { emulatorSampleCards, SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { nextEvent } from '../helpers/next-event';
import { call, callResult } from '../helpers/core-call';

/** The demo panel's core service, driving the embedded defaults' real emulators through their control sockets. */
describe('demo panel service (embedded defaults)', () => {
  let kiosk: TestKiosk;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('demo');
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('lists the emulator’s sample cards', async () => {
    const r = await call(kiosk.core, 'demo.samples', {});
    expect(r.cards).toEqual(emulatorSampleCards().map((c) => ({ id: c.id, type: c.type })));
    expect(r.cards.map((c) => c.id)).toEqual(expect.arrayContaining(['resident-child', 'unreadable']));
    expect(Array.isArray(r.qrCodes)).toBe(true);
  });

  it('places a sample card on the emulated reader: the core reads it as a citizen; it can be taken off again', async () => {
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    expect(await callResult(kiosk.core, 'demo.card.place', { card: 'resident' })).toEqual({ ok: true, output: { placed: 'resident' } });
    const event = await identified;
    expect(event.identity.cardType).toBe('resident');
    expect(event.identity.nameMasked).toMatch(/^测\*/);
    expect(event.identity.nameMasked).not.toBe(SAMPLE_CARDS[0]!.name);
    expect(await callResult(kiosk.core, 'demo.card.remove', {})).toEqual({ ok: true, output: { removed: true } });
  });

  it('refuses a card that is not one of the samples, naming the field', async () => {
    const r = await callResult(kiosk.core, 'demo.card.place', { card: 'someone-real' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'card' }], message: expect.stringContaining('someone-real') } });
  });

  it('scans a QR code on the emulated scanner: the core hears the code', async () => {
    const scanned = nextEvent(kiosk.core, 'scanner.scanned');
    expect(await callResult(kiosk.core, 'demo.qr.scan', { code: 'APPT-DEMO-0001' })).toEqual({ ok: true, output: { scanned: true } });
    expect(await scanned).toEqual({ code: 'APPT-DEMO-0001' });
  });

  it('lists what the virtual printer printed, newest first', async () => {
    expect(await callResult(kiosk.core, 'demo.printed', {})).toMatchObject({ ok: true });
    const before = (await call(kiosk.core, 'demo.printed', {})).slips.length;
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    await callResult(kiosk.core, 'demo.card.place', { card: 'resident' });
    await identified;
    const numbers: string[] = [];
    for (let i = 0; i < 2; i++) {
      const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
      const taken = await call(kiosk.core, 'ticket.take', { serviceCode: 'C', priority: false, lang: 'zh-CN' });
      expect(taken).toMatchObject({ printed: true });
      numbers.push(taken.number);
      await job;
    }
    await callResult(kiosk.core, 'demo.card.remove', {});
    const slips = (await call(kiosk.core, 'demo.printed', { limit: 20 })).slips;
    expect(slips.length).toBe(before + 2);
    expect(slips[0]!.text).toContain(numbers[1]);
    expect(slips[1]!.text).toContain(numbers[0]);
    expect(slips[0]!.job > slips[1]!.job).toBe(true);
    expect(Number.isNaN(Date.parse(slips[0]!.printedAt))).toBe(false);
    expect((await call(kiosk.core, 'demo.printed', { limit: 1 })).slips).toHaveLength(1);
    expect(await callResult(kiosk.core, 'demo.printed', { limit: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: 'limit' }] },
    });
  });
});

describe('demo panel service in production configuration', () => {
  let kiosk: BootedKiosk;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-demo-prod-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ production: true }));
    kiosk = await bootKiosk({ dataDir: dir, shell: 'headless' });
  }, 60_000);
  // The data directory stays in the temp dir: the logger may still write a last line after stop().
  afterAll(async () => kiosk?.stop());

  it('refuses every call with a clear error', async () => {
    const calls: [string, object][] = [
      ['demo.samples', {}],
      ['demo.card.place', { card: 'resident' }],
      ['demo.card.remove', {}],
      ['demo.qr.scan', { code: 'APPT-DEMO-0001' }],
      ['demo.printed', {}],
    ];
    for (const [method, input] of calls) {
      expect(await kiosk.core.invoke(method, input), method).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/production configuration/) },
      });
    }
    expect(kiosk.embedded.isEmulating('idCard')).toBe(false);
  });
});

describe('demo panel service with a configured (real) ID card reader', () => {
  let kiosk: BootedKiosk;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-demo-real-reader-'));
    // A port that is not there: the reader stays unavailable, and it is not the emulator.
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ devices: { idCard: { port: path.join(dir, 'no-such-tty') } } }));
    kiosk = await bootKiosk({ dataDir: dir, shell: 'headless' });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('refuses to place or remove cards, and still drives the emulated scanner', async () => {
    expect(kiosk.embedded.isEmulating('idCard')).toBe(false);
    for (const [method, input] of [
      ['demo.card.place', { card: 'resident' }],
      ['demo.card.remove', {}],
    ] as const) {
      expect(await callResult(kiosk.core, method, input), method).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(/idCard here is a configured device/) },
      });
    }
    const samples = await callResult(kiosk.core, 'demo.samples', {});
    expect(samples).toMatchObject({ ok: true, output: { cards: [] } });
    expect(await kiosk.core.invoke('demo.qr.scan', { code: 'APPT-DEMO-0001' })).toEqual({ ok: true, output: { scanned: true } });
  });
});
