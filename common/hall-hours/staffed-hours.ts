import type { Language } from '../i18n/languages';

/**
 * The hall's staffed hours as configured (`hall.staffedHours`): `1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00`.
 * Groups split by `;`, each a day or day range (1 = Monday … 7 = Sunday, ranges may be listed with
 * commas: `1,3,5`) and one or more `HH:MM-HH:MM` ranges. An empty text: never staffed.
 */
export interface StaffedGroup {
  days: number[];
  /** Minutes of the day, [from, to). */
  ranges: [number, number][];
}

const GROUP = /^([1-7](?:-[1-7])?(?:,[1-7](?:-[1-7])?)*)\s+(\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*)$/;

const minutes = (hhmm: string): number | null => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h <= 24 && m < 60 && h * 60 + m <= 1440 ? h * 60 + m : null;
};

/** The groups of a staffed-hours text, or why it is not one. */
export function parseStaffedHours(text: string): { ok: true; groups: StaffedGroup[] } | { ok: false; problem: string } {
  const groups: StaffedGroup[] = [];
  for (const raw of text.split(';').map((g) => g.trim())) {
    if (raw === '') continue;
    const m = GROUP.exec(raw);
    if (!m) return { ok: false, problem: `"${raw}" is not "DAYS HH:MM-HH:MM" (days 1 = Monday … 7 = Sunday, e.g. "1-5 09:00-17:00")` };
    const days: number[] = [];
    for (const part of m[1]!.split(',')) {
      const [a, b = a] = part.split('-').map(Number) as [number, number?];
      if (b < a) return { ok: false, problem: `"${part}": a day range runs from the earlier day` };
      for (let d = a; d <= b; d++) days.push(d);
    }
    const ranges: [number, number][] = [];
    for (const part of m[2]!.split(',')) {
      const [from, to] = part.split('-').map(minutes) as [number | null, number | null];
      if (from === null || to === null || to <= from) return { ok: false, problem: `"${part}" is not a time range within one day` };
      ranges.push([from, to]);
    }
    groups.push({ days, ranges });
  }
  return { ok: true, groups };
}

/** Whether staff are there on `weekday` (1 = Monday) at `minute` of the day. */
export function isStaffed(groups: StaffedGroup[], weekday: number, minute: number): boolean {
  return groups.some((g) => g.days.includes(weekday) && g.ranges.some(([from, to]) => minute >= from && minute < to));
}

const DAY_NAMES: Record<Language, string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  'zh-HK': ['週一', '週二', '週三', '週四', '週五', '週六', '週日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};
const WORDS: Record<Language, { to: string; and: string; sep: string }> = {
  'zh-CN': { to: '至', and: '、', sep: '；' },
  'zh-HK': { to: '至', and: '、', sep: '；' },
  en: { to: '–', and: ', ', sep: '; ' },
};

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The staffed hours as a citizen reads them: `周一至周五 09:00–12:00、13:30–17:30；周六 09:00–12:00`. */
export function staffedHoursText(groups: StaffedGroup[], lang: Language): string {
  const names = DAY_NAMES[lang];
  const w = WORDS[lang];
  return groups
    .map((g) => {
      const runs: string[] = [];
      for (let i = 0; i < g.days.length; i++) {
        let j = i;
        while (j + 1 < g.days.length && g.days[j + 1] === g.days[j]! + 1) j++;
        runs.push(
          j - i >= 2
            ? `${names[g.days[i]! - 1]}${w.to}${names[g.days[j]! - 1]}`
            : g.days
                .slice(i, j + 1)
                .map((d) => names[d - 1])
                .join(w.and),
        );
        i = j;
      }
      return `${runs.join(w.and)} ${g.ranges.map(([a, b]) => `${hhmm(a)}–${hhmm(b)}`).join(w.and)}`;
    })
    .join(w.sep);
}
