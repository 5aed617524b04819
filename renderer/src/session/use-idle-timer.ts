import { useCallback, useEffect, useRef, useState } from 'react';
import { useLatest } from '../hooks/use-latest';

const REPORT_INTERVAL_MS = 1000;
/** While `busy` holds the session, the core is told at most this often (its limit is far longer). */
const BUSY_REPORT_INTERVAL_MS = 5000;

export type IdlePhase = { phase: 'active' } | { phase: 'countdown'; secondsLeft: number };

/**
 * Watches the citizen's touches. After `idleS` seconds without one, a countdown of `countdownS`
 * seconds starts (shown, and cancelled by any touch); at zero `onExpire` runs. While `busy()` holds
 * (the kiosk reading a notice aloud), the citizen counts as active and the core is told so; once
 * the countdown has started it does not (the countdown's own prompt must not hold the session).
 */
export function useIdleTimer(options: {
  enabled: boolean;
  idleS: number;
  countdownS: number;
  onExpire: () => void;
  /** Told of touches at most once a second, the last one included (the core keeps its own idle limit). */
  onActivity?: () => void;
  /** Activity that is not a touch, asked a few times a second: true while it lasts. */
  busy?: () => boolean;
}): {
  state: IdlePhase;
  keepAlive: () => void;
} {
  const { enabled, idleS, countdownS, onExpire, onActivity } = options;
  const busyRef = useLatest(options.busy);
  // Set when counting starts (the effect below) and at each touch; never read before.
  const lastActivity = useRef(0);
  const lastReported = useRef(0);
  const activityRef = useLatest(onActivity);
  const [state, setState] = useState<IdlePhase>({ phase: 'active' });
  const expireRef = useLatest(onExpire);
  const trailing = useRef<number | null>(null);
  const wasBusy = useRef(false);

  const report = useCallback(() => {
    trailing.current = null;
    lastReported.current = Date.now();
    activityRef.current?.();
  }, [activityRef]);

  const keepAlive = useCallback(() => {
    lastActivity.current = Date.now();
    if (activityRef.current) {
      const sinceReport = lastActivity.current - lastReported.current;
      // The last touch of a burst is reported too (a second later at most): the core's idle
      // limit must never be counted from an earlier touch than the screen's countdown is.
      if (sinceReport >= REPORT_INTERVAL_MS) report();
      else trailing.current ??= window.setTimeout(report, REPORT_INTERVAL_MS - sinceReport);
    }
    setState((s) => (s.phase === 'active' ? s : { phase: 'active' }));
  }, [activityRef, report]);

  // Once the screen stops counting (the session ended), a touch waiting to be reported is dropped
  // and a countdown shown is gone.
  useEffect(() => {
    if (!enabled) return;
    return () => {
      if (trailing.current !== null) window.clearTimeout(trailing.current);
      trailing.current = null;
      setState({ phase: 'active' });
    };
  }, [enabled]);

  useEffect(() => {
    if (!enabled) return;
    lastActivity.current = Date.now();
    const onActivity = () => keepAlive();
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    const timer = window.setInterval(() => {
      const now = Date.now();
      const idleFor = (now - lastActivity.current) / 1000;
      if (idleFor < idleS && busyRef.current?.()) {
        lastActivity.current = now;
        wasBusy.current = true;
        if (activityRef.current && trailing.current === null && now - lastReported.current >= BUSY_REPORT_INTERVAL_MS) report();
        return;
      }
      if (wasBusy.current) {
        // Its end is reported too: the core must not count its limit from an earlier moment than the screen.
        wasBusy.current = false;
        if (activityRef.current && trailing.current === null) report();
      }
      if (idleFor < idleS) return;
      const left = Math.ceil(idleS + countdownS - idleFor);
      if (left <= 0) {
        window.clearInterval(timer);
        expireRef.current();
        return;
      }
      setState((s) => (s.phase === 'countdown' && s.secondsLeft === left ? s : { phase: 'countdown', secondsLeft: left }));
    }, 250);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
    };
  }, [enabled, idleS, countdownS, keepAlive, busyRef, activityRef, expireRef, report]);

  return { state, keepAlive };
}
