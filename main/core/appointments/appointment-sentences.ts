import type { Language } from '../../../common/i18n/languages';
import { DEFAULT_HALL_TIME_ZONE, hallDayKey, hallDayStart, hallParts } from '../../../common/time/hall-clock';

/** What the citizen is told at each turn of the 预约签到 journey, in the hall's three languages. */
export type Localized = Record<Language, string>;

const pad = (n: number) => String(n).padStart(2, '0');
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The start of the hall's day holding `ms`, on the hall clock (the slips' and the screen's, whatever the OS zone). */
export function startOfHallDay(ms: number, timeZone = DEFAULT_HALL_TIME_ZONE): number {
  return hallDayStart(hallDayKey(ms, timeZone), timeZone);
}

/** A time as the citizen reads it in the hall: `14:30`, or `11月22日 14:30` on another day. */
export function citizenTime(ms: number, now: number, timeZone = DEFAULT_HALL_TIME_ZONE): Localized {
  const d = hallParts(ms, timeZone);
  const hm = `${pad(d.hour)}:${pad(d.minute)}`;
  if (hallDayKey(ms, timeZone) === hallDayKey(now, timeZone)) return { 'zh-CN': hm, 'zh-HK': hm, en: hm };
  const zh = `${d.month}月${d.day}日 ${hm}`;
  return { 'zh-CN': zh, 'zh-HK': zh, en: `${d.day} ${EN_MONTHS[d.month - 1]} ${hm}` };
}

/** The slot, e.g. `14:30–15:00`, `23:45–00:15`. */
export function slotText(startMs: number, endMs: number, now: number, timeZone = DEFAULT_HALL_TIME_ZONE): Localized {
  const start = citizenTime(startMs, now, timeZone);
  // A slot past midnight (23:45–00:15) reads as one slot: the end's date only for a longer one.
  const end = citizenTime(endMs, endMs - startMs < 12 * 3_600_000 ? endMs : startMs, timeZone);
  return { 'zh-CN': `${start['zh-CN']}–${end['zh-CN']}`, 'zh-HK': `${start['zh-HK']}–${end['zh-HK']}`, en: `${start.en}–${end.en}` };
}

export const early = (slot: Localized, opens: Localized): Localized => ({
  'zh-CN': `您的预约时间为 ${slot['zh-CN']}，还未到签到时间，请于 ${opens['zh-CN']} 后再来签到`,
  'zh-HK': `您的預約時間為 ${slot['zh-HK']}，還未到簽到時間，請於 ${opens['zh-HK']} 後再來簽到`,
  en: `Your appointment is at ${slot.en}. Check-in is not open yet: please come back after ${opens.en}.`,
});

export const late = (slot: Localized): Localized => ({
  'zh-CN': `您的预约时间 ${slot['zh-CN']} 已过，无法签到。请取普通号排队，或到服务台咨询`,
  'zh-HK': `您的預約時間 ${slot['zh-HK']} 已過，無法簽到。請取普通號排隊，或到服務台諮詢`,
  en: `Your appointment time (${slot.en}) has passed, so it cannot be checked in. Please take an ordinary queue ticket or ask at the service desk.`,
});

export const USED: Localized = {
  'zh-CN': '此预约已签到，不能重复使用。如未取到号码，请到服务台咨询',
  'zh-HK': '此預約已簽到，不能重複使用。如未取到號碼，請到服務台諮詢',
  en: 'This appointment has already been checked in and cannot be used again. If you have no ticket, please ask at the service desk.',
};

export const CANCELLED: Localized = {
  'zh-CN': '此预约已取消。请重新预约，或到服务台咨询',
  'zh-HK': '此預約已取消。請重新預約，或到服務台諮詢',
  en: 'This appointment was cancelled. Please book again or ask at the service desk.',
};

export const UNKNOWN: Localized = {
  'zh-CN': '未找到此预约，请核对预约二维码，或到服务台咨询',
  'zh-HK': '未找到此預約，請核對預約二維碼，或到服務台諮詢',
  en: 'No appointment was found for this code. Please check your appointment QR code or ask at the service desk.',
};

export const NONE_FOR_CITIZEN: Localized = {
  'zh-CN': '未查到您今天的预约。如已预约，请扫描预约二维码，或到服务台咨询',
  'zh-HK': '未查到您今天的預約。如已預約，請掃描預約二維碼，或到服務台諮詢',
  en: 'No appointment was found for you today. If you have booked one, please scan its QR code or ask at the service desk.',
};

/** An appointment cannot be checked offline: the hub alone knows whether it is still valid. */
export const HUB_UNREACHABLE: Localized = {
  'zh-CN': '暂时无法查询预约，请稍后再试，或到服务台签到',
  'zh-HK': '暫時無法查詢預約，請稍後再試，或到服務台簽到',
  en: 'Appointments cannot be checked right now. Please try again later or check in at the service desk.',
};

export const CHECK_IN_UNAVAILABLE: Localized = {
  'zh-CN': '暂时无法签到，请稍后再试，或到服务台签到',
  'zh-HK': '暫時無法簽到，請稍後再試，或到服務台簽到',
  en: 'Check-in is not possible right now. Please try again later or check in at the service desk.',
};

/** The line printed under the number of a ticket issued by check-in. */
export const TICKET_NOTE: Localized = {
  'zh-CN': '预约已签到，请留意叫号',
  'zh-HK': '預約已簽到，請留意叫號',
  en: 'Appointment checked in. Please listen for your number.',
};
