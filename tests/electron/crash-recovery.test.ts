import { describe, expect, it } from 'vitest';
import { createCrashRecovery } from '../../main/electron/crash-recovery';

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
