import { useCallback, useEffect, useRef, useState } from 'react';

export type IdlePhase = { phase: 'active' } | { phase: 'countdown'; secondsLeft: number };

/**
 * Watches the citizen's touches. After `idleS` seconds without one, a countdown of `countdownS`
 * seconds starts (shown, and cancelled by any touch); at zero `onExpire` runs.
 */
export function useIdleTimer(options: {
  enabled: boolean;
  idleS: number;
  countdownS: number;
  onExpire: () => void;
  /** Told of touches at most once a second (the core keeps its own idle limit). */
  onActivity?: () => void;
}): {
  state: IdlePhase;
  keepAlive: () => void;
} {
  const { enabled, idleS, countdownS, onExpire, onActivity } = options;
  const lastActivity = useRef(Date.now());
  const lastReported = useRef(0);
  const activityRef = useRef(onActivity);
  activityRef.current = onActivity;
  const [state, setState] = useState<IdlePhase>({ phase: 'active' });
  const expireRef = useRef(onExpire);
  expireRef.current = onExpire;

  const keepAlive = useCallback(() => {
    lastActivity.current = Date.now();
    if (activityRef.current && lastActivity.current - lastReported.current >= 1000) {
      lastReported.current = lastActivity.current;
      activityRef.current();
    }
    setState((s) => (s.phase === 'active' ? s : { phase: 'active' }));
  }, []);

  useEffect(() => {
    if (!enabled) {
      setState({ phase: 'active' });
      return;
    }
    lastActivity.current = Date.now();
    const onActivity = () => keepAlive();
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    const timer = window.setInterval(() => {
      const idleFor = (Date.now() - lastActivity.current) / 1000;
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
  }, [enabled, idleS, countdownS, keepAlive]);

  return { state, keepAlive };
}
