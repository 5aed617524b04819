import type { KioskConfig } from '../../../common/config/schema';
import type { Language, LocalizedText } from '../../../common/i18n/languages';

/** The hall's time zone (`terminal.timeZone`, docs/time.md), the one place results and the attract screen ask for it. */
export function hallTimeZone(config: KioskConfig): string {
  return config.terminal.timeZone;
}

const LOCALES: Record<Language, string> = { 'zh-CN': 'zh-CN', 'zh-HK': 'zh-HK', en: 'en-GB' };
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) => {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
};

const inEveryLanguage = (text: (lang: Language) => string): LocalizedText => ({ 'zh-CN': text('zh-CN'), 'zh-HK': text('zh-HK'), en: text('en') });
const dateOptions = (lang: Language): Intl.DateTimeFormatOptions => ({ year: 'numeric', month: lang === 'en' ? 'short' : 'long', day: 'numeric' });

/** The hall's calendar day of an instant, as a citizen reads it: 2026年12月5日, 5 Dec 2026. */
export function hallDateText(iso: string, timeZone: string): LocalizedText {
  const at = new Date(iso);
  return inEveryLanguage((lang) => formatter(LOCALES[lang], timeZone, dateOptions(lang)).format(at));
}

/** A hall date (YYYY-MM-DD, already the hall's day) as a citizen reads it. */
export function calendarDateText(day: string): LocalizedText {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  return inEveryLanguage((lang) => formatter(LOCALES[lang], 'UTC', dateOptions(lang)).format(noon));
}

/** The hall's weekday (1 = Monday … 7 = Sunday) and minute of the day at `ms`. */
export function hallWeekdayMinute(ms: number, timeZone: string): { weekday: number; minute: number } {
  const parts = formatter('en-US', timeZone, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(part('weekday')) + 1;
  return { weekday, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}
