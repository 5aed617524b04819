import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { silentLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import type { RpcResult } from '../../common/rpc/contract';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { callResult } from '../helpers/core-call';

const RIGHT_PIN = '246810';
const NEW_PIN = '13572468';
const BURST = 40;
const MAX_FAILURES = 5;
const LOCKOUT_MS = 5 * 60_000;

class FakeClock {
  t = Date.parse('2026-11-21T09:00:00Z');
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

/** What a caller can tell from one answer: a token, a wrong PIN evaluated, or a refusal without evaluating. */
function outcome(r: RpcResult): string {
  if (r.ok) return 'granted';
  if (/^(wrong PIN|the current PIN is wrong): /.test(r.error.message)) return 'wrong';
  if (r.error.message.startsWith('staff mode is locked until')) return 'locked';
  if (r.error.message === 'not in staff mode') return 'no-session';
  return `${r.error.code}: ${r.error.message}`;
}

/**
 * What the kiosk must answer to logins evaluated one at a time in arrival order: the right PIN
 * opens staff mode (and clears the count) until the 5th wrong PIN in a row locks it; from then on
 * nothing is evaluated.
 */
function expectedLogins(rightAt: number): string[] {
  let failures = 0;
  return Array.from({ length: BURST }, (_, i) => {
    if (failures >= MAX_FAILURES) return 'locked';
    if (i === rightAt) {
      failures = 0;
      return 'granted';
    }
    failures++;
    return 'wrong';
  });
}

const wrongPin = (i: number) => String(100_000 + i); // six digits, never RIGHT_PIN

describe('staff PIN lock-out against guesses sent at once', () => {
  const dirs: string[] = [];
  const cores: KioskCore[] = [];
  let clock: FakeClock;

  const startCore = async (dir: string) => {
    const core = createKioskCore({ dataDir: dir, shell: 'headless', clock, logger: silentLogger(), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
    cores.push(core);
    await core.start();
    return core;
  };
  const freshCore = async () => {
    clock = new FakeClock();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-staff-race-'));
    dirs.push(dir);
    const core = await startCore(dir);
    const set = await callResult(core, 'staff.setInitialPin', { pin: RIGHT_PIN });
    expect(set.ok).toBe(true);
    return { core, dir, token: set.ok ? set.output.token : '' };
  };

  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const seed = testSeed('STAFF_RACE_SEED');
  const random = seededRandom(seed);
  const positions = [30, ...Array.from({ length: 3 }, () => Math.floor(random() * BURST))];

  for (const rightAt of positions) {
    it(`evaluates no more than ${MAX_FAILURES} wrong PINs of ${BURST} sent at once, the right one at ${rightAt} (STAFF_RACE_SEED=${seed})`, async () => {
      const { core, dir } = await freshCore();
      const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => core.invoke('staff.login', { pin: i === rightAt ? RIGHT_PIN : wrongPin(i) })));
      const outcomes = answers.map(outcome);
      expect(outcomes).toEqual(expectedLogins(rightAt));
      // Before the fix all 40 were evaluated and the right PIN got a token wherever it was.
      expect(outcomes.filter((o) => o === 'granted')).toHaveLength(rightAt < MAX_FAILURES ? 1 : 0);

      // The lock-out holds, for the right PIN too, and across a restart.
      const status = await core.invoke('staff.status', {});
      expect(status).toMatchObject({ ok: true, output: { failuresLeft: 0, lockedUntil: new Date(clock.now() + LOCKOUT_MS).toISOString() } });
      expect(outcome(await core.invoke('staff.login', { pin: RIGHT_PIN }))).toBe('locked');
      await cores.pop()!.stop();
      const restarted = await startCore(dir);
      expect(outcome(await restarted.invoke('staff.login', { pin: RIGHT_PIN }))).toBe('locked');
      clock.advance(LOCKOUT_MS + 1);
      expect(outcome(await restarted.invoke('staff.login', { pin: RIGHT_PIN }))).toBe('granted');
    }, 60_000);
  }

  it('counts a wrong current PIN in a PIN change as a failure, with wrong logins towards the same lock-out', async () => {
    const { core, token } = await freshCore();
    const first = await core.invoke('staff.changePin', { token, currentPin: wrongPin(1), newPin: NEW_PIN });
    expect(first).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'the current PIN is wrong: 4 attempts left' } });
    expect(await core.invoke('staff.status', {})).toMatchObject({ ok: true, output: { failuresLeft: 4, lockedUntil: null } });
    for (const i of [2, 3]) expect(outcome(await core.invoke('staff.login', { pin: wrongPin(i) }))).toBe('wrong');
    expect(outcome(await core.invoke('staff.changePin', { token, currentPin: wrongPin(4), newPin: NEW_PIN }))).toBe('wrong');
    expect(await core.invoke('staff.status', {})).toMatchObject({ ok: true, output: { failuresLeft: 1 } });
    // The fifth, at login, locks staff mode; a PIN change is then refused without evaluating.
    expect(outcome(await core.invoke('staff.login', { pin: wrongPin(5) }))).toBe('wrong');
    expect(outcome(await core.invoke('staff.changePin', { token, currentPin: RIGHT_PIN, newPin: NEW_PIN }))).toBe('locked');
    clock.advance(LOCKOUT_MS + 1);
    expect(outcome(await core.invoke('staff.login', { pin: NEW_PIN }))).toBe('wrong');
    expect(outcome(await core.invoke('staff.login', { pin: RIGHT_PIN }))).toBe('granted');
  }, 60_000);

  it('evaluates no more than 5 wrong current PINs of a burst of PIN changes, ends the staff session and keeps the PIN', async () => {
    const { core, token } = await freshCore();
    const rightAt = 8;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => core.invoke('staff.changePin', { token, currentPin: i === rightAt ? RIGHT_PIN : wrongPin(i), newPin: NEW_PIN })),
    );
    // The fifth wrong one locks staff mode and ends the session it was guessed in: the rest, the
    // right current PIN among them, find no staff session.
    expect(answers.map(outcome)).toEqual([...Array(5).fill('wrong'), ...Array(7).fill('no-session')]);
    expect(await core.invoke('staff.config.get', { token })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(outcome(await core.invoke('staff.login', { pin: RIGHT_PIN }))).toBe('locked');
    clock.advance(LOCKOUT_MS + 1);
    expect(outcome(await core.invoke('staff.login', { pin: NEW_PIN }))).toBe('wrong');
    expect(outcome(await core.invoke('staff.login', { pin: RIGHT_PIN }))).toBe('granted');
  }, 60_000);
});
