import type { Clock } from '../../base/clock';
import { DEFAULT_HALL_TIME_ZONE, hallDayStart } from '../../common/time/hall-clock';

/**
 * A clock that starts at noon of a fixed day on the hall clock (the default hall zone, whatever the
 * machine's zone) and runs with real time: code that numbers or expires things per hall day (hub
 * tickets, leases) then never sees a run cross midnight. Hand the same clock to the hub and to
 * every terminal talking to it (requests are signed with it).
 */
export function middayClock(day = '2026-03-10'): Clock {
  const start = performance.now();
  const noon = hallDayStart(day, DEFAULT_HALL_TIME_ZONE) + 12 * 3_600_000;
  return { now: () => noon + Math.floor(performance.now() - start) };
}
