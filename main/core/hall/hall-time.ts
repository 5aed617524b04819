import type { KioskConfig } from '../../../common/config/schema';
import type { Language, LocalizedText } from '../../../common/i18n/languages';
import { formatInHall, hallParts } from '../../../common/time/hall-clock';

/** The hall's time zone (`terminal.timeZone`, docs/time.md), the one place results and the attract screen ask for it. */
export function hallTimeZone(config: KioskConfig): string {
  return config.terminal.timeZone;
}

const LOCALES: Record<Language, string> = { 'zh-CN': 'zh-CN', 'zh-HK': 'zh-HK', en: 'en-GB' };

const inEveryLanguage = (text: (lang: Language) => string): LocalizedText => ({ 'zh-CN': text('zh-CN'), 'zh-HK': text('zh-HK'), en: text('en') });
const dateOptions = (lang: Language): Intl.DateTimeFormatOptions => ({ year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric' });

/** The hall's calendar day of an instant, as a citizen reads it: 2026年12月5日, 5 Dec 2026. */
export function hallDateText(iso: string, timeZone: string): LocalizedText {
  const at = Date.parse(iso);
  return inEveryLanguage((lang) => formatInHall(at, timeZone, LOCALES[lang], dateOptions(lang)));
}

/** A hall date (YYYY-MM-DD, already the hall's day) as a citizen reads it. */
export function calendarDateText(day: string): LocalizedText {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const noon = Date.UTC(y, m - 1, d, 12);
  return inEveryLanguage((lang) => formatInHall(noon, 'UTC', LOCALES[lang], dateOptions(lang)));
}

/** The hall's weekday (1 = Monday … 7 = Sunday) and minute of the day at `ms`. */
export function hallWeekdayMinute(ms: number, timeZone: string): { weekday: number; minute: number } {
  const { hour, minute } = hallParts(ms, timeZone);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(formatInHall(ms, timeZone, 'en-US', { weekday: 'short' })) + 1;
  return { weekday, minute: hour * 60 + minute };
}
