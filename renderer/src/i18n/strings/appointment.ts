import type { Language } from '../../../../common/i18n/languages';

/** Strings of the appointment screens, merged into the resources under `appointment`. */
const zhCN = {
  menuEntry: '预约签到',
  menuEntryHint: '扫描预约二维码或使用身份证',
  title: '预约签到',
  looking: '正在查询您的预约，请稍候',
  foundPrompt: '已找到您的预约，请核对后点击“签到”',
  service: '办理事项',
  slot: '预约时段',
  checkIn: '签到',
  checkingIn: '正在签到…',
  back: '返回',
  scanAnother: '也可以扫描其他预约二维码',
  checkedIn: '签到成功，您的号码是',
};

export const appointmentStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    menuEntry: '預約簽到',
    menuEntryHint: '掃描預約二維碼或使用身份證',
    title: '預約簽到',
    looking: '正在查詢您的預約，請稍候',
    foundPrompt: '已找到您的預約，請核對後點擊「簽到」',
    service: '辦理事項',
    slot: '預約時段',
    checkIn: '簽到',
    checkingIn: '正在簽到…',
    back: '返回',
    scanAnother: '也可以掃描其他預約二維碼',
    checkedIn: '簽到成功，您的號碼是',
  },
  en: {
    menuEntry: 'Appointment check-in',
    menuEntryHint: 'Scan your appointment QR code or use your ID card',
    title: 'Appointment check-in',
    looking: 'Looking up your appointment, please wait',
    foundPrompt: 'Your appointment was found. Please check it and touch "Check in".',
    service: 'Service',
    slot: 'Time',
    checkIn: 'Check in',
    checkingIn: 'Checking in…',
    back: 'Back',
    scanAnother: 'You may also scan another appointment QR code',
    checkedIn: 'You are checked in. Your number is',
  },
};
