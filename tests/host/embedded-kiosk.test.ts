import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import type { RpcEvent } from '../../common/rpc/contract';
import { call } from '../helpers/core-call';

/** The kiosk on its embedded defaults: real drivers talking to emulators over real ptys. */
describe('kiosk core on the embedded defaults', () => {
  let kiosk: TestKiosk;
  const events: { event: RpcEvent; payload: unknown }[] = [];
  const state = async (device: string) => (await call(kiosk.core, 'devices.states', {})).devices.find((d) => d.device === device)?.state;

  /** Milliseconds from `act` until the core published `device` in `state` (waits up to 20 s, timed by the event itself). */
  const stateChangeAfter = async (device: string, state: string, act: () => unknown): Promise<number> => {
    const published = nextEvent(kiosk.core, 'device.state', (d) => d.device === device && d.state === state, 20_000).then(() => performance.now());
    const started = performance.now();
    await act();
    return (await published) - started;
  };

  beforeAll(async () => {
    kiosk = await bootTestKiosk('host');
    kiosk.core.subscribe((event, payload) => events.push({ event, payload }));
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('brings every emulated device to ready', async () => {
    for (const device of ['idCard', 'printer', 'scanner']) {
      await expect.poll(() => state(device), { timeout: 15_000 }).toBe('ready');
    }
  });

  it('turns a card laid on the reader into a masked identity, and forgets it on session reset', async () => {
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await expect.poll(() => events.find((e) => e.event === 'identity.changed'), { timeout: 10_000 }).toBeTruthy();
    const identified = events.find((e) => e.event === 'identity.changed')!.payload as { kind: string; identity: Record<string, unknown> };
    expect(identified.kind).toBe('identified');
    expect(identified.identity.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(Object.keys(identified.identity).sort()).toEqual(['cardType', 'expired', 'genderLabel', 'idNumberMasked', 'idNumberValid', 'nameMasked']);
    // No digit run long enough to be an ID number ever leaves the core.
    expect(JSON.stringify(events)).not.toMatch(/\d{15}/);
    await kiosk.core.invoke('session.reset', { reason: 'done' });
    await expect.poll(() => events.some((e) => e.event === 'identity.changed' && (e.payload as { kind: string }).kind === 'cleared')).toBe(true);
    kiosk.embedded.idCardEmulator!.emulator.remove();
  });

  it('publishes each scanned code', async () => {
    await kiosk.embedded.scannerEmulator!.scan('APPT-7781');
    await expect.poll(() => events.find((e) => e.event === 'scanner.scanned')?.payload, { timeout: 10_000 }).toEqual({ code: 'APPT-7781' });
  });

  it('shows the printer out of paper promptly after the printer saying so, and ready again after', async () => {
    expect(await stateChangeAfter('printer', 'paper-end', () => kiosk.embedded.virtualPrinter!.setStatus('paper-end'))).toBeLessThanOrEqual(10_000);
    expect(await state('printer')).toBe('paper-end');
    kiosk.embedded.virtualPrinter!.setStatus('ok');
    await expect.poll(() => state('printer'), { timeout: 5000 }).toBe('ready');
  });

  it('shows an unplugged reader as disconnected promptly, and ready when it comes back', async () => {
    expect(await stateChangeAfter('idCard', 'disconnected', () => kiosk.embedded.idCardEmulator!.unplug())).toBeLessThanOrEqual(10_000);
    expect(await state('idCard')).toBe('disconnected');
    await kiosk.embedded.idCardEmulator!.replug();
    await expect.poll(() => state('idCard'), { timeout: 10_000 }).toBe('ready');
  });

  it('applies a device setting without a restart', async () => {
    kiosk.core.config.replace({
      ...kiosk.core.config.config,
      devices: { ...kiosk.core.config.config.devices, scanner: { ...kiosk.core.config.config.devices.scanner, enabled: false } },
    });
    await expect.poll(() => state('scanner'), { timeout: 5000 }).toBe('disabled');
  });
});

describe('technician actions on the embedded defaults', () => {
  let kiosk: TestKiosk;
  let token: string;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('tech');
    token = (await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' })).token;
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('is refused without staff mode', async () => {
    expect(await kiosk.core.invoke('tech.summary', { token: 'nope' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('summarises devices with their ports, versions, disk space and redacted recent logs', async () => {
    await expect
      .poll(async () => (await call(kiosk.core, 'tech.summary', { token })).devices.find((d) => d.device === 'printer')?.state, { timeout: 15_000 })
      .toBe('ready');
    const s = await call(kiosk.core, 'tech.summary', { token });
    expect(s.devices.find((d) => d.device === 'idCard')).toMatchObject({ port: path.join(kiosk.dir, 'run', 'ttyIdCard'), emulated: true });
    expect(s.disk.freeBytes).toBeGreaterThan(0);
    expect(s.versions.app).toMatch(/\d+\.\d+\.\d+/);
    expect(s.logs.some((l) => l.includes('kiosk core started'))).toBe(true);
  });

  it('reads a card and shows it masked, with the time taken', async () => {
    const pending = call(kiosk.core, 'tech.idcard.read', { token, timeoutMs: 15_000 });
    // In process, nothing on the call's way to its handler waits on I/O: one turn of the event loop
    // and the core is listening for the next read.
    await new Promise((r) => setImmediate(r));
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    const r = await pending;
    expect(r.read).toBe(true);
    expect(r.card?.idNumberMasked).toMatch(/\*{10}/);
    expect(r.elapsedMs).toBeGreaterThan(0);
    kiosk.embedded.idCardEmulator!.emulator.remove();
  });

  it('prints the test page on the virtual printer, and reports its status bits', async () => {
    const status = await call(kiosk.core, 'tech.printer.status', { token });
    expect(status).toMatchObject({ status: 'ready', printer: { paperEnd: false } });
    const job = kiosk.embedded.virtualPrinter!.waitForJob(15_000);
    const printed = await call(kiosk.core, 'tech.printer.testPage', { token });
    expect(printed.bytes).toBeGreaterThan(200);
    expect((await job).transcript).toContain('ESC/POS TEST PAGE');
    kiosk.embedded.virtualPrinter!.setStatus('cover-open');
    const refused = await kiosk.core.invoke('tech.printer.testPage', { token });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-ready', message: expect.stringContaining('cover-open') } });
    kiosk.embedded.virtualPrinter!.setStatus('ok');
  });

  it('waits for a scanned code', async () => {
    const pending = call(kiosk.core, 'tech.scanner.wait', { token, timeoutMs: 15_000 });
    await new Promise((r) => setImmediate(r)); // as for the card read above
    await kiosk.embedded.scannerEmulator!.scan('TECH-SCAN-1');
    expect((await pending).code).toBe('TECH-SCAN-1');
    expect((await call(kiosk.core, 'tech.scanner.wait', { token, timeoutMs: 500 })).code).toBeNull();
  });
});

describe('heartbeat to the local reference hub', () => {
  let kiosk: TestKiosk;
  beforeAll(async () => {
    kiosk = await bootTestKiosk('heartbeat');
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('reaches the hub with the terminal health, and carries out reload-catalog', async () => {
    const hub = kiosk.hub.embedded!.hub;
    await expect.poll(() => (hub.store.dump().heartbeats as unknown[]).length, { timeout: 15_000 }).toBeGreaterThan(0);
    // Wait until the devices are up, then beat again so the hub sees their states.
    await expect
      .poll(async () => (await kiosk.queue.heartbeat.beat()) && JSON.stringify(hub.store.dump().heartbeats), { timeout: 15_000 })
      .toMatch(/"printer":\{"state":"ready"\}/);
    const beat = (hub.store.dump().heartbeats as { body: Record<string, unknown> }[])[0]!.body;
    expect(beat).toMatchObject({ terminalId: 'T-0001', outbox: { dead: 0 }, devices: { idCard: { state: 'ready' }, scanner: { state: 'ready' } } });

    const catalog = await call(kiosk.core, 'catalog.get', {});
    const renamed = {
      ...catalog,
      version: catalog.version + 1,
      services: catalog.services.map((s) => (s.code === 'A' ? { ...s, name: { ...s.name, en: 'Pensions and social insurance' } } : s)),
    };
    hub.store.publishCatalog(renamed, Date.now());
    hub.store.enqueueCommand('T-0001', 'reload-catalog', {}, Date.now());
    expect(await kiosk.queue.heartbeat.beat()).toBe(true);
    const after = await call(kiosk.core, 'catalog.get', {});
    expect(after.services.find((s) => s.code === 'A')?.name.en).toBe('Pensions and social insurance');
  });
});

describe('staff changes are audited through the outbox', () => {
  let kiosk: TestKiosk;
  beforeAll(async () => {
    kiosk = await bootTestKiosk('audit');
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('delivers an audit.event per changed field to the hub, with the secret masked', async () => {
    const { token } = await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' });
    const r = await kiosk.core.invoke('staff.config.update', {
      token,
      changes: [
        { path: 'ui.countdownS', value: 20 },
        { path: 'hub.terminalSecret', value: 'a-brand-new-secret-0001' },
      ],
    });
    expect(r.ok).toBe(true);
    await kiosk.queue.engine.syncNow();
    const items = (kiosk.hub.embedded!.hub.store.dump(true).items as { kind: string; payload: Record<string, unknown> }[]).filter(
      (i) => i.kind === 'audit.event',
    );
    expect(items.map((i) => i.payload.field).sort()).toEqual(['hub.terminalSecret', 'ui.countdownS']);
    expect(items.find((i) => i.payload.field === 'ui.countdownS')!.payload).toMatchObject({
      actor: 'staff',
      action: 'config.change',
      oldValue: 15,
      newValue: 20,
    });
    expect(JSON.stringify(items)).not.toContain('a-brand-new-secret-0001');
  });
});

describe('dead letters on the technician side', () => {
  let kiosk: TestKiosk;
  let token: string;
  beforeAll(async () => {
    kiosk = await bootTestKiosk('dead');
    token = (await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' })).token;
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('lists an entry the hub refused with its reason, and puts it back in the queue on retry', async () => {
    kiosk.queue.outbox.enqueue('evaluation.created', { rating: 9 });
    await kiosk.queue.engine.syncNow();
    const q = await call(kiosk.core, 'tech.queue', { token });
    expect(q.stats.dead).toBe(1);
    expect(q.dead[0]).toMatchObject({ kind: 'evaluation.created', reason: expect.stringContaining('rating') });
    const retried = await kiosk.core.invoke('tech.queue.retryDead', { token });
    expect(retried).toMatchObject({ ok: true, output: { retried: 1 } });
  });

  it('exports a bundle file without the terminal secret', async () => {
    const r = await call(kiosk.core, 'tech.bundle', { token });
    const text = readFileSync(r.file, 'utf8');
    expect(JSON.parse(text).kind).toBe('hall-kiosk-diagnostics');
    expect(statSync(r.file).mode & 0o777).toBe(0o600);
  });
});

describe('embedded defaults on a machine without socat', () => {
  it('starts anyway, with the emulated devices off and the reason in the log', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-nosocat-'));
    const savedPath = process.env.PATH;
    process.env.PATH = path.join(dir, 'empty-bin');
    let kiosk: BootedKiosk | undefined;
    try {
      kiosk = await bootKiosk({ dataDir: dir, shell: 'headless' });
      expect(await kiosk.core.invoke('system.ping', { nonce: 'x' })).toMatchObject({ ok: true });
      const states = await call(kiosk.core, 'devices.states', {});
      expect(states.devices.filter((d) => d.device !== 'camera').map((d) => d.state)).toEqual(['not-configured', 'not-configured', 'not-configured']);
      kiosk.core.logger.flush();
      const log = path.join(dir, 'logs', 'kiosk.log');
      await expect.poll(() => (existsSync(log) ? readFileSync(log, 'utf8') : '')).toContain('socat is not installed');
    } finally {
      process.env.PATH = savedPath;
      await kiosk?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
