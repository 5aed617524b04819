import { LANGUAGES, type Language, type LocalizedText } from '../../common/i18n/languages';
import type { StatusBytes } from './status';
import type { PrintFailureReason } from './print-error';

/** Which printer the citizen is waiting for: the queue ticket one, or receipts in general. */
export type PrinterPurpose = 'ticket' | 'receipt';

const NOUN: Record<PrinterPurpose, Record<Language, string>> = {
  ticket: { 'zh-CN': '取号凭条打印机', 'zh-HK': '取號憑條打印機', en: 'The ticket printer' },
  receipt: { 'zh-CN': '凭条打印机', 'zh-HK': '憑條打印機', en: 'The receipt printer' },
};

const PROBLEM: Record<PrintFailureReason, Record<Language, string>> = {
  'paper-end': { 'zh-CN': '缺纸', 'zh-HK': '缺紙', en: 'is out of paper' },
  'cover-open': { 'zh-CN': '盖板未关好', 'zh-HK': '蓋板未關好', en: 'has its cover open' },
  'cutter-error': { 'zh-CN': '切纸故障', 'zh-HK': '切紙故障', en: 'has a paper cutter fault' },
  'unrecoverable-error': { 'zh-CN': '出现故障', 'zh-HK': '出現故障', en: 'has a fault' },
  'recoverable-error': { 'zh-CN': '出现故障', 'zh-HK': '出現故障', en: 'has a fault' },
  offline: { 'zh-CN': '暂时无法使用', 'zh-HK': '暫時無法使用', en: 'is not available' },
  disconnected: { 'zh-CN': '暂时无法使用', 'zh-HK': '暫時無法使用', en: 'is not available' },
  'write-failed': { 'zh-CN': '打印失败', 'zh-HK': '打印失敗', en: 'could not print' },
};

const ASK_STAFF: Record<Language, string> = {
  'zh-CN': '，请联系工作人员',
  'zh-HK': '，請聯絡工作人員',
  en: '. Please ask a member of staff for help.',
};

/** The sentence shown and spoken to the citizen, e.g. "取号凭条打印机缺纸，请联系工作人员". */
export function citizenMessage(reason: PrintFailureReason, lang: Language, purpose: PrinterPurpose = 'receipt'): string {
  const noun = NOUN[purpose][lang];
  const problem = PROBLEM[reason][lang];
  return lang === 'en' ? `${noun} ${problem}${ASK_STAFF.en}` : `${noun}${problem}${ASK_STAFF[lang]}`;
}

/** That sentence in every language of the hall, as the screens receive it. */
export function citizenMessages(reason: PrintFailureReason, purpose: PrinterPurpose = 'receipt'): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((l) => [l, citizenMessage(reason, l, purpose)])) as LocalizedText;
}

const FIX: Record<PrintFailureReason, string> = {
  'paper-end': 'paper roll end: load a new roll and close the cover',
  'cover-open': 'cover open: close the printer cover (check the paper is seated)',
  'cutter-error': 'autocutter error: clear the paper jam at the cutter, then power-cycle the printer',
  'unrecoverable-error': 'unrecoverable error: power-cycle the printer; replace it if the error persists',
  'recoverable-error': 'auto-recoverable error (e.g. print head overheated): wait, it clears by itself',
  offline: 'no reply to DLE EOT, or the printer reports offline: check power, cable and port settings',
  disconnected: 'serial port not open: check the cable, the USB-serial adapter and the configured port',
  'write-failed': 'writing to the serial port failed: check the cable and the port',
};

const hex = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** What the technician needs: the cause, what to do, and the raw status replies when there are some. */
export function technicianDetail(reason: PrintFailureReason, bytes?: StatusBytes, extra?: string): string {
  const raw = bytes ? ` [DLE EOT 1=${hex(bytes[1])} 2=${hex(bytes[2])} 3=${hex(bytes[3])} 4=${hex(bytes[4])}]` : '';
  return `${FIX[reason]}${raw}${extra ? `; ${extra}` : ''}`;
}
