import type { Language } from '../../../common/i18n/languages';
import { isCjkEncoding, type PrinterProfile, type UnencodablePolicy } from '../profiles';

/** China Standard Time: the halls' clocks. Layouts take the offset so tests can pin it. */
export const DEFAULT_UTC_OFFSET_MINUTES = 480;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-21 09:05` in the given UTC offset, independent of the machine's time zone. */
export function formatPrintTime(at: Date, utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('print time is not a valid date');
  const t = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
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
  utcOffsetMinutes?: number;
  /** Overrides the profile's policy for characters the printer cannot print. */
  unencodable?: UnencodablePolicy;
}
