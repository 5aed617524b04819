import { describe, expect, it } from 'vitest';
import { configSchema } from '../../common/config/schema';
import { isStaffed, parseStaffedHours, staffedHoursText } from '../../common/hall-hours/staffed-hours';

describe('hall.staffedHours', () => {
  it('reads days and time ranges, says when staff are there, and words the hours for citizens', () => {
    const parsed = parseStaffedHours('1-5 09:00-12:00,13:30-17:30; 6,7 10:00-12:00');
    expect(parsed.ok).toBe(true);
    const groups = parsed.ok ? parsed.groups : [];
    expect(isStaffed(groups, 1, 9 * 60)).toBe(true);
    expect(isStaffed(groups, 3, 12 * 60 + 30)).toBe(false);
    expect(isStaffed(groups, 5, 17 * 60 + 29)).toBe(true);
    expect(isStaffed(groups, 5, 17 * 60 + 30)).toBe(false);
    expect(isStaffed(groups, 7, 11 * 60)).toBe(true);
    expect(staffedHoursText(groups, 'zh-CN')).toBe('周一至周五 09:00–12:00、13:30–17:30；周六、周日 10:00–12:00');
    expect(staffedHoursText(groups, 'zh-HK')).toBe('週一至週五 09:00–12:00、13:30–17:30；週六、週日 10:00–12:00');
    expect(staffedHoursText(groups, 'en')).toBe('Mon–Fri 09:00–12:00, 13:30–17:30; Sat, Sun 10:00–12:00');
  });

  it('is refused by the configuration schema with the reason when it is not hours', () => {
    for (const bad of ['Mon-Fri 9-5', '1-5 17:00-09:00', '5-1 09:00-12:00', '1-5 09:00-25:00']) {
      const r = configSchema.safeParse({ hall: { staffedHours: bad } });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.path, bad).toEqual(['hall', 'staffedHours']);
    }
    expect(configSchema.parse({ hall: { staffedHours: '' } }).hall.staffedHours).toBe('');
  });
});
