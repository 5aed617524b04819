import type { Clock } from '../../base/clock';

/**
 * A clock that starts at local noon of a fixed day and runs with real time: code that numbers or
 * expires things per local day (hub tickets, leases) then never sees a run cross midnight. Hand
 * the same clock to the hub and to every terminal talking to it (requests are signed with it).
 */
export function middayClock(day = new Date(2026, 2, 10)): Clock {
  const start = performance.now();
  const noon = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 12, 0).getTime();
  return { now: () => noon + Math.floor(performance.now() - start) };
}
