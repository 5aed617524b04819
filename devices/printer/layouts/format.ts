import type { Language } from '../../../common/i18n/languages';
import { DEFAULT_HALL_TIME_ZONE, hallDateTime } from '../../../common/time/hall-clock';
import { isCjkEncoding, type PrinterProfile, type UnencodablePolicy } from '../profiles';

/** `2026-11-21 09:05` on the hall clock (`terminal.timeZone`), independent of the machine's time zone. */
export function formatPrintTime(at: Date, timeZone = DEFAULT_HALL_TIME_ZONE): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('print time is not a valid date');
  return hallDateTime(at, timeZone);
}

/**
 * The language the printed labels can be in: a printer without a Chinese font prints English;
 * traditional (zh-HK) labels need a font with traditional characters (GBK has them, Big5 is
 * traditional), otherwise simplified.
 */
export function printableLanguage(lang: Language, profile: PrinterProfile): Language {
  if (!isCjkEncoding(profile.encoding)) return 'en';
  if (lang === 'zh-HK' && profile.encoding === 'gb18030' && !profile.traditionalFont) return 'zh-CN';
  return lang;
}

export interface LayoutOptions {
  profile: PrinterProfile;
  /** The hall clock's zone (`terminal.timeZone`); absent: the default hall zone. */
  timeZone?: string;
  /** Overrides the profile's policy for characters the printer cannot print. */
  unencodable?: UnencodablePolicy;
}
