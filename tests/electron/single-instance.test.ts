import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { bringWindowToFront, claimSingleInstance } from '../../main/electron/single-instance';

function fakeApp(lock: boolean) {
  const app = Object.assign(new EventEmitter(), {
    quits: 0,
    requestSingleInstanceLock: () => lock,
    quit: () => {
      app.quits++;
    },
  });
  return app;
}

describe('single instance', () => {
  it('quits a second instance at once', () => {
    const app = fakeApp(false);
    let fronted = 0;
    expect(claimSingleInstance(app as never, () => fronted++)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps the first instance and brings it to the front when another starts', () => {
    const app = fakeApp(true);
    let fronted = 0;
    expect(claimSingleInstance(app as never, () => fronted++)).toBe(true);
    expect(app.quits).toBe(0);
    app.emit('second-instance', {}, ['hall-kiosk'], '/');
    expect(fronted).toBe(1);
  });

  it('restores, shows and focuses a minimised window, and ignores a destroyed one', () => {
    const calls: string[] = [];
    const window = {
      destroyed: false,
      isDestroyed() {
        return this.destroyed;
      },
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    };
    bringWindowToFront(window);
    expect(calls).toEqual(['restore', 'show', 'focus']);
    window.destroyed = true;
    bringWindowToFront(window);
    bringWindowToFront(null);
    expect(calls).toHaveLength(3);
  });
});
