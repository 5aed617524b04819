import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HALL_TIME_ZONE,
  formatInHall,
  hallDateTime,
  hallDayKey,
  hallDayStart,
  hallParts,
  hallTime,
  isTimeZone,
  nextHallDayStart,
} from '../../common/time/hall-clock';

// 16:30 UTC on 5 December is 00:30 on 6 December in Shanghai.
const LATE = Date.parse('2026-12-05T16:30:00Z');

describe('hall clock', () => {
  it('gives the hall day and wall time in the hall zone, not the machine zone', () => {
    expect(hallDayKey(LATE, DEFAULT_HALL_TIME_ZONE)).toBe('2026-12-06');
    expect(hallDateTime(LATE, DEFAULT_HALL_TIME_ZONE)).toBe('2026-12-06 00:30');
    expect(hallTime(LATE, 'UTC')).toBe('16:30');
    expect(hallParts(LATE, 'America/New_York')).toEqual({ year: 2026, month: 12, day: 5, hour: 11, minute: 30, second: 0 });
  });

  it('writes midnight as 00, never 24', () => {
    expect(hallTime(Date.parse('2026-12-05T16:00:00Z'), 'Asia/Shanghai')).toBe('00:00');
    expect(formatInHall(Date.parse('2026-12-05T16:05:00Z'), 'Asia/Shanghai', 'zh-HK', { hour: '2-digit', minute: '2-digit' })).toBe('00:05');
    expect(formatInHall(Date.parse('2026-12-05T16:05:00Z'), 'Asia/Shanghai', 'en', { hour: '2-digit', minute: '2-digit' })).toBe('00:05');
  });

  it('finds the first instant of a hall day and of the next one', () => {
    expect(new Date(hallDayStart('2026-12-06', 'Asia/Shanghai')).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(new Date(nextHallDayStart(LATE, 'Asia/Shanghai')).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(new Date(nextHallDayStart(Date.parse('2026-12-31T20:00:00Z'), 'UTC')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('finds the start of days across daylight saving changes', () => {
    // New York: clocks go forward on 8 March 2026 (02:00 → 03:00) and back on 1 November.
    expect(new Date(hallDayStart('2026-03-08', 'America/New_York')).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(new Date(hallDayStart('2026-03-09', 'America/New_York')).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(new Date(nextHallDayStart(Date.parse('2026-11-01T12:00:00Z'), 'America/New_York')).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('knows IANA zone names and refuses anything else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Hong_Kong')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(' Asia/Shanghai')).toBe(false);
  });

  it('refuses an invalid instant or day key', () => {
    expect(() => hallDayKey(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => hallDayStart('6 December', 'UTC')).toThrow(RangeError);
  });
});
