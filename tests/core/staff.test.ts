import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { createLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import { call } from '../helpers/core-call';

class FakeClock {
  t = Date.parse('2026-11-21T09:00:00Z');
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

describe('staff mode', () => {
  let dir: string;
  let clock: FakeClock;
  let core: KioskCore;
  let logLines: string[];

  const makeCore = () => {
    logLines = [];
    const destination = new Writable({
      write(chunk, _e, cb) {
        logLines.push(chunk.toString());
        cb();
      },
    });
    return createKioskCore({
      dataDir: dir,
      shell: 'headless',
      clock,
      logger: createLogger({ destination }),
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
    });
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-'));
    clock = new FakeClock();
    core = makeCore();
    await core.start();
  });
  afterEach(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no default PIN: the first start must set one, once', async () => {
    expect((await call(core, 'staff.status', {})).pinSet).toBe(false);
    expect(await core.invoke('staff.login', { pin: '000000' })).toMatchObject({ ok: false, error: { code: 'not-ready' } });
    const { token } = await call(core, 'staff.setInitialPin', { pin: '246810' });
    expect(token.length).toBeGreaterThan(20);
    expect(await core.invoke('staff.setInitialPin', { pin: '111111' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await call(core, 'staff.login', { pin: '246810' })).token).toBeTruthy();
  });

  it('refuses a PIN that is not 6-12 digits, naming the field', async () => {
    const r = await core.invoke('staff.setInitialPin', { pin: '12ab' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'pin', message: 'a PIN is 6 to 12 digits' }] } });
  });

  it('stores the PIN only as an scrypt hash', async () => {
    await core.invoke('staff.setInitialPin', { pin: '975310' });
    const file = readFileSync(path.join(dir, 'staff.json'), 'utf8');
    expect(file).not.toContain('975310');
    expect(JSON.parse(file).pin).toMatchObject({ N: 32768, r: 8, p: 1 });
  });

  it('locks staff mode for 5 minutes after 5 wrong PINs, across a restart, then lets the right PIN in', async () => {
    await core.invoke('staff.setInitialPin', { pin: '246810' });
    for (let i = 1; i <= 4; i++) {
      const r = await core.invoke('staff.login', { pin: '111111' });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(`${5 - i} attempts left`) } });
    }
    const fifth = await core.invoke('staff.login', { pin: '111111' });
    expect(fifth).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/locked until/) } });
    const status = await call(core, 'staff.status', {});
    expect(Date.parse(status.lockedUntil!) - clock.now()).toBe(5 * 60_000);
    expect(status.failuresLeft).toBe(0);
    // The right PIN does not open a locked staff mode, not even after a restart.
    expect(await core.invoke('staff.login', { pin: '246810' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await core.stop();
    core = makeCore();
    await core.start();
    expect(await core.invoke('staff.login', { pin: '246810' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    clock.advance(5 * 60_000 + 1);
    expect(await core.invoke('staff.login', { pin: '246810' })).toMatchObject({ ok: true });
    expect((await call(core, 'staff.status', {})).failuresLeft).toBe(5);
  });

  it('ends a staff session after the configured inactivity', async () => {
    const { token } = await call(core, 'staff.setInitialPin', { pin: '246810' });
    clock.advance(119_000);
    expect(await core.invoke('staff.config.get', { token })).toMatchObject({ ok: true }); // activity renews it
    clock.advance(119_000);
    expect(await core.invoke('staff.config.get', { token })).toMatchObject({ ok: true });
    clock.advance(121_000);
    const r = await core.invoke('staff.config.get', { token });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'staff mode ended after inactivity' } });
    expect(await core.invoke('staff.config.get', { token: 'forged' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  describe('settings', () => {
    let token: string;
    beforeEach(async () => {
      token = (await call(core, 'staff.setInitialPin', { pin: '246810' })).token;
    });

    it('refuses an invalid hub address and an out-of-range timeout with their reasons, keeping the old values', async () => {
      const before = readFileSync(path.join(dir, 'config.json'), 'utf8');
      const r = await core.invoke('staff.config.update', {
        token,
        changes: [
          { path: 'hub.url', value: 'hub.example' },
          { path: 'ui.idleTimeoutS', value: 5 },
          { path: 'terminal.id', value: 'T-0009' },
        ],
      });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalid-input');
      const byPath = Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.message]));
      expect(byPath['hub.url']).toMatch(/http/);
      expect(byPath['ui.idleTimeoutS']).toMatch(/at least 15/);
      expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(before);
      expect(core.config.config.terminal.id).toBe('T-0001');
    });

    it('applies a valid change at once, tells the screens, and audits it with the secret masked', async () => {
      const events: unknown[] = [];
      core.subscribe((event, payload) => event === 'ui.settings-changed' && events.push(payload));
      const r = await call(core, 'staff.config.update', {
        token,
        changes: [
          { path: 'ui.idleTimeoutS', value: 90 },
          { path: 'hub.url', value: 'https://hub.example/' },
          { path: 'hub.terminalSecret', value: 'correct-horse-battery-staple' },
        ],
      });
      expect(r.changed.sort()).toEqual(['hub.terminalSecret', 'hub.url', 'ui.idleTimeoutS']);
      expect(r.config.ui.idleTimeoutS).toBe(90);
      expect(r.config.hub.terminalSecret).toBeNull();
      expect(r.terminalSecretSet).toBe(true);
      expect(core.config.config.hub.terminalSecret).toBe('correct-horse-battery-staple');
      expect(events).toHaveLength(1);
      expect((events[0] as { idleTimeoutS: number }).idleTimeoutS).toBe(90);
      const log = logLines.join('');
      expect(log).not.toContain('correct-horse-battery-staple');
      expect(log).toMatch(/"field":"ui.idleTimeoutS","oldValue":60,"newValue":90/);
      expect(log).toMatch(/"field":"hub.terminalSecret","oldValue":"","newValue":"\*{8}"/);
      // A blank secret keeps the one in force.
      await call(core, 'staff.config.update', {
        token,
        changes: [
          { path: 'hub.terminalSecret', value: '' },
          { path: 'ui.voice', value: false },
        ],
      });
      expect(core.config.config.hub.terminalSecret).toBe('correct-horse-battery-staple');
    });

    it('never sends the terminal secret to the screen', async () => {
      await call(core, 'staff.config.update', { token, changes: [{ path: 'hub.terminalSecret', value: 'correct-horse-battery-staple' }] });
      const r = await core.invoke('staff.config.get', { token });
      expect(JSON.stringify(r)).not.toContain('correct-horse-battery-staple');
    });

    it('refuses a setting that does not exist', async () => {
      const r = await core.invoke('staff.config.update', { token, changes: [{ path: 'hub.secretBackdoor', value: 1 }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'hub.secretBackdoor', message: 'no such setting' }] } });
    });

    it('refuses settings without staff mode', async () => {
      const r = await core.invoke('staff.config.update', { token: 'x', changes: [{ path: 'ui.voice', value: false }] });
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(core.config.config.ui.voice).toBe(true);
    });

    it('changes the PIN with the current one', async () => {
      expect(await core.invoke('staff.changePin', { token, currentPin: '000000', newPin: '13572468' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await core.invoke('staff.changePin', { token, currentPin: '246810', newPin: '13572468' })).toMatchObject({ ok: true });
      expect(await core.invoke('staff.login', { pin: '13572468' })).toMatchObject({ ok: true });
      expect(await core.invoke('staff.login', { pin: '246810' })).toMatchObject({ ok: false });
    });
  });
});
