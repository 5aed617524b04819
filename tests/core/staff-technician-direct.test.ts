import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigStore } from '../../main/config/config-store';
import { createLogger, RecentLogLines, type KioskLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { StaffAuth } from '../../main/core/staff/staff-auth';
import { PinStore } from '../../main/core/staff/pin-store';
import { StaffService } from '../../main/core/staff/staff-service';
import { SettingsService, type AuditEvent } from '../../main/core/staff/settings-service';
import { TechnicianService } from '../../main/core/technician/technician-service';
import { IdCardService } from '../../main/core/devices/id-card-service';
import { PrinterService } from '../../main/core/devices/printer-service';
import { ScannerService } from '../../main/core/devices/scanner-service';
import { RpcError } from '../../common/rpc/errors';
import { EventBus } from '../../main/core/rpc/event-bus';
import { SessionService } from '../../main/core/session/session-service';

// The staff, settings, technician and session services called directly, as the RPC table calls them: no router.

class ManualClock {
  t = Date.parse('2026-11-21T09:00:00Z');
  now = () => this.t;
}

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<RpcError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    if (err instanceof RpcError) return err;
    throw err;
  }
  throw new Error('expected the call to be refused');
}

describe('staff and settings services, without the router', () => {
  let dir: string;
  let clock: ManualClock;
  let config: ConfigStore;
  let audited: AuditEvent[];
  let staff: StaffService;
  let settings: SettingsService;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-direct-'));
    clock = new ManualClock();
    config = new ConfigStore(dir);
    config.load();
    audited = [];
    const audit = { record: (event: AuditEvent) => audited.push(event) };
    const staffAuth = new StaffAuth(new PinStore(path.join(dir, 'staff.json')), clock, () => config.config.staff.autoExitS * 1000);
    const logger = createLogger({ destination: new RecentLogLines() });
    staff = new StaffService({ logger, clock, dataDir: dir, staffAuth, autoExitS: () => config.config.staff.autoExitS, audit });
    settings = new SettingsService({ config, audit, clock, staffAuth });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('saves a setting a staff member changed, reads it back, keeps it on disk and audits it', async () => {
    const { token } = await staff.setInitialPin({ pin: '246810' });
    const answer = settings.update({ token, changes: [{ path: 'staff.autoExitS', value: 300 }] });
    expect(answer.changed).toEqual(['staff.autoExitS']);
    expect(settings.read({ token }).config.staff.autoExitS).toBe(300);
    expect(staff.status().autoExitS).toBe(300);
    const reloaded = new ConfigStore(dir);
    reloaded.load();
    expect(reloaded.config.staff.autoExitS).toBe(300);
    expect(audited).toEqual([
      { actor: 'staff', action: 'config.change', field: 'staff.autoExitS', oldValue: 120, newValue: 300, at: '2026-11-21T09:00:00.000Z' },
    ]);
  });

  it('refuses a setting out of its bounds, naming the field, and keeps the one in force', async () => {
    const { token } = await staff.setInitialPin({ pin: '246810' });
    const err = await refusal(() => settings.update({ token, changes: [{ path: 'staff.autoExitS', value: 5 }] }));
    expect(err.code).toBe('invalid-input');
    expect(err.extra.issues?.map((i) => i.path)).toEqual(['staff.autoExitS']);
    expect(settings.read({ token }).config.staff.autoExitS).toBe(120);
  });

  it('refuses a wrong PIN with the attempts left, and the settings without a staff token', async () => {
    await staff.setInitialPin({ pin: '246810' });
    const wrong = await refusal(staff.login({ pin: '111111' }));
    expect(wrong.code).toBe('forbidden');
    expect(wrong.message).toContain('4 attempts left');
    expect(staff.status()).toMatchObject({ pinSet: true, failuresLeft: 4, lockedUntil: null });
    expect((await refusal(() => settings.read({ token: 'not-a-staff-token-at-all' }))).code).toBe('forbidden');
  });

  it('ends the staff session at logout: its token opens nothing after', async () => {
    const { token } = await staff.setInitialPin({ pin: '246810' });
    expect(settings.read({ token }).terminalSecretSet).toBe(false);
    staff.logout({ token });
    expect((await refusal(() => settings.read({ token }))).message).toBe('not in staff mode');
  });

  it('audits a PIN change without the PIN', async () => {
    const { token } = await staff.setInitialPin({ pin: '246810' });
    await staff.changePin({ token, currentPin: '246810', newPin: '135799' });
    expect(audited).toEqual([
      { actor: 'staff', action: 'config.change', field: 'staff.pin', oldValue: '********', newValue: '********', at: '2026-11-21T09:00:00.000Z' },
    ]);
    expect((await staff.login({ pin: '135799' })).token.length).toBeGreaterThan(20);
  });
});

describe('technician service, without the router', () => {
  let dir: string;
  let clock: ManualClock;
  let recentLogs: RecentLogLines;
  let logger: KioskLogger;
  let core: KioskCore;
  let token: string;
  let technician: TechnicianService;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-tech-direct-'));
    clock = new ManualClock();
    recentLogs = new RecentLogLines();
    logger = createLogger({ recent: recentLogs });
    // The core only lends its device states and staff mode; the device services are made, not started.
    core = createKioskCore({ dataDir: dir, shell: 'headless', clock, logger, recentLogs, keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
    const portOf = (device: 'idCard' | 'printer' | 'scanner') => (device === 'printer' ? '/dev/usb/lp0' : null);
    token = await core.staffAuth.setInitialPin('246810');
    technician = new TechnicianService({
      logger,
      clock,
      dataDir: dir,
      terminalId: () => core.config.config.terminal.id,
      staffAuth: core.staffAuth,
      deviceStates: core.devices,
      recentLogs,
      hardware: {
        idCard: new IdCardService(core, portOf),
        printer: new PrinterService(core, portOf),
        scanner: new ScannerService(core, portOf),
        portOf,
        emulated: (device) => device === 'scanner',
      },
    });
  });
  afterEach(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every device with its port, the data directory and the recent log lines', () => {
    logger.info('a line the technician should see');
    clock.t += 90_000;
    const summary = technician.summary({ token });
    expect(summary.devices.map((d) => [d.device, d.port, d.emulated, d.state])).toEqual([
      ['idCard', null, false, 'unknown'],
      ['printer', '/dev/usb/lp0', false, 'unknown'],
      ['scanner', null, true, 'unknown'],
      ['camera', null, false, 'in-renderer'],
    ]);
    expect(summary.disk.dataDir).toBe(dir);
    expect(summary.disk.totalBytes).toBeGreaterThan(0);
    expect(summary.uptimeS).toBe(90);
    expect(summary.logs.some((line) => line.includes('a line the technician should see'))).toBe(true);
  });

  it('exports a diagnostics bundle named after the terminal, with the configuration but not the hub secret', async () => {
    const { file, bytes } = await technician.exportBundle({ token });
    expect(path.dirname(file)).toBe(path.join(dir, 'diagnostics'));
    expect(path.basename(file)).toBe('bundle-T-0001-2026-11-21T09-00-00-000Z.json');
    expect(statSync(file).size).toBe(bytes);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
      kind: string;
      configuration: { config: { hub: { terminalSecret: unknown } }; terminalSecretSet: boolean };
    };
    expect(bundle.kind).toBe('hall-kiosk-diagnostics');
    expect(bundle.configuration.config.hub.terminalSecret).toBeNull();
  });

  it('refuses its data without a staff token, and the queue on a terminal that has none', async () => {
    expect((await refusal(() => technician.summary({ token: 'not-a-staff-token-at-all' }))).code).toBe('forbidden');
    const noQueue = await refusal(() => technician.queueSummary({ token }));
    expect(noQueue.code).toBe('unavailable');
    expect(noQueue.message).toBe('no offline queue on this terminal');
  });
});

describe('session service, without the router', () => {
  it('keeps the session at a touch, and a reset by the screen gives a new one that the renderers are told of', () => {
    const logger = createLogger({ destination: new RecentLogLines() });
    const events = new EventBus(logger);
    const told: unknown[] = [];
    events.subscribe((event, payload) => {
      if (event === 'session.reset') told.push(payload);
    });
    const session = new SessionService({ events, logger });
    const first = session.reportActivity({ elder: false }).sessionId;
    expect(session.active).toBe(true);
    const { sessionId } = session.resetByScreen({ reason: 'done' });
    expect(sessionId).not.toBe(first);
    expect(session.active).toBe(false);
    expect(told).toEqual([{ sessionId, reason: 'done' }]);
  });
});
