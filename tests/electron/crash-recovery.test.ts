import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCrashRecovery, watchForHang } from '../../main/electron/crash-recovery';

function setup(maxReloads = 3, windowMs = 60_000) {
  let clock = 1_000_000;
  const actions: string[] = [];
  const recovery = createCrashRecovery({
    reloadRenderer: () => actions.push('reload'),
    relaunchApp: () => actions.push('relaunch'),
    maxReloads,
    windowMs,
    now: () => clock,
  });
  return { recovery, actions, advance: (ms: number) => (clock += ms) };
}

describe('renderer crash recovery', () => {
  it('reloads the kiosk page after a crash', () => {
    const { recovery, actions } = setup();
    expect(recovery.onRenderProcessGone('crashed', 139)).toBe('reloaded');
    expect(actions).toEqual(['reload']);
  });

  it('relaunches the app when the renderer crashes more than maxReloads times within the window', () => {
    const { recovery, actions, advance } = setup(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(recovery.onRenderProcessGone('oom')).toBe('reloaded');
      advance(5_000);
    }
    expect(recovery.onRenderProcessGone('crashed')).toBe('relaunched');
    expect(actions).toEqual(['reload', 'reload', 'reload', 'relaunch']);
  });

  it('keeps reloading when crashes are spread out', () => {
    const { recovery, actions, advance } = setup(3, 60_000);
    for (let i = 0; i < 10; i++) {
      recovery.onRenderProcessGone('killed');
      advance(30_001);
    }
    expect(actions).toEqual(Array(10).fill('reload'));
  });

  it('starts counting afresh after a relaunch', () => {
    const { recovery, actions } = setup(1, 60_000);
    recovery.onRenderProcessGone('crashed');
    recovery.onRenderProcessGone('crashed');
    recovery.onRenderProcessGone('crashed');
    expect(actions).toEqual(['reload', 'relaunch', 'reload']);
  });
});

describe('hung renderer watch', () => {
  function setup() {
    const window = new EventEmitter();
    const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
    let crashes = 0;
    watchForHang(window, {
      crashRenderer: () => crashes++,
      graceMs: 30_000,
      setTimer: (callback, ms) => {
        const timer = { callback, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => {
        (timer as { cleared: boolean }).cleared = true;
      },
    });
    return { window, timers, crashes: () => crashes };
  }

  it('crashes a renderer that stays unresponsive for the grace period, so it gets reloaded', () => {
    const { window, timers, crashes } = setup();
    window.emit('unresponsive');
    window.emit('unresponsive');
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(30_000);
    timers[0]?.callback();
    expect(crashes()).toBe(1);
  });

  it('leaves alone a renderer that becomes responsive again', () => {
    const { window, timers, crashes } = setup();
    window.emit('unresponsive');
    window.emit('responsive');
    expect(timers[0]?.cleared).toBe(true);
    expect(crashes()).toBe(0);
  });
});
