import { describe, expect, it } from 'vitest';
import { birthdayAt, isUnderAge } from '../../main/face/verification/child-rule';
import { hallLogDay } from '../../main/logging/daily-log-file';

/** Under 14 on the hall's calendar (UTC+8): no face binding. The 14th birthday itself still counts as under 14. */
describe('the child rule of face binding', () => {
  it('turns at the hall’s midnight after the 14th birthday, not at UTC midnight', () => {
    const born = '2012-05-10';
    // Hall day 2026-05-10 (the birthday) until 16:00 UTC: still under 14.
    expect(isUnderAge(born, hallLogDay(Date.parse('2026-05-09T16:00:00.000Z')))).toBe(true);
    expect(isUnderAge(born, hallLogDay(Date.parse('2026-05-10T15:59:59.999Z')))).toBe(true);
    // 16:00 UTC is midnight in the hall: the day after the birthday, 14 in full years. UTC is still on the 10th.
    const hallMidnight = Date.parse('2026-05-10T16:00:00.000Z');
    expect(new Date(hallMidnight).toISOString().slice(0, 10)).toBe('2026-05-10');
    expect(isUnderAge(born, hallLogDay(hallMidnight))).toBe(false);
    expect(isUnderAge(born, '2030-01-01')).toBe(false);
    expect(isUnderAge(born, '2026-04-30')).toBe(true);
  });

  it('takes 28 February as the birthday of someone born on 29 February in a year without one', () => {
    expect(birthdayAt('2012-02-29', 14)).toBe('2026-02-28');
    expect(birthdayAt('2012-02-29', 16)).toBe('2028-02-29');
    expect(isUnderAge('2012-02-29', '2026-02-28')).toBe(true);
    expect(isUnderAge('2012-02-29', '2026-03-01')).toBe(false);
  });

  it('refuses dates that are not YYYY-MM-DD, naming which', () => {
    expect(() => isUnderAge('2012/05/10', '2026-05-10')).toThrow(/birthDate must be YYYY-MM-DD/);
    expect(() => isUnderAge('2012-05-10', '20260510')).toThrow(/hallDay must be YYYY-MM-DD/);
  });
});
