// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleTimer } from '../../renderer/src/session/use-idle-timer';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The screen's idle timer tells the core of the citizen's touches (the core keeps its own idle
 * limit). At most once a second, but never leaving the last touch of a burst out: the core must
 * not count its limit from an earlier touch than the screen's countdown does (issue 12 review, point 1).
 */
describe('useIdleTimer touch reports', () => {
  let container: HTMLDivElement;
  let root: Root;
  let reports: number[];
  const start = Date.parse('2026-03-02T10:00:00Z');

  function Screen({ enabled }: { enabled: boolean }) {
    useIdleTimer({ enabled, idleS: 60, countdownS: 15, onExpire: () => undefined, onActivity: () => reports.push(Date.now() - start) });
    return null;
  }
  const render = (enabled: boolean) => act(() => root.render(createElement(Screen, { enabled })));
  const touch = () => act(() => void window.dispatchEvent(new Event('pointerdown')));
  const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

  beforeEach(() => {
    vi.useFakeTimers({ now: start });
    reports = [];
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.useRealTimers();
  });

  it('reports the first touch at once and the last touch of a burst a second later at most, and nothing once the screen stops counting', async () => {
    render(true);
    touch();
    await wait(300);
    touch();
    await wait(300);
    touch(); // the last touch, at 600 ms
    await wait(5000);
    expect(reports).toEqual([0, 1000]);

    // A touch still waiting to be reported when the session ends is dropped: no session for nobody.
    touch(); // at 5600 ms, reported
    await wait(500);
    touch(); // waiting for its report
    render(false);
    await wait(5000);
    expect(reports).toEqual([0, 1000, 5600]);
  });
});
