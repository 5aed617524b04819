import type { LocalizedText } from '../../../common/i18n/languages';

/** What the citizen is told when the A4 printer cannot print, by IPP keyword (printer-state-reasons without the suffix). */
const NOT_READY: Record<string, LocalizedText> = {
  'media-empty': { 'zh-CN': '打印机缺纸', 'zh-HK': '打印機缺紙', en: 'The printer is out of paper' },
  'media-needed': { 'zh-CN': '打印机缺纸', 'zh-HK': '打印機缺紙', en: 'The printer is out of paper' },
  'media-jam': { 'zh-CN': '打印机卡纸', 'zh-HK': '打印機卡紙', en: 'Paper is jammed in the printer' },
  'toner-empty': { 'zh-CN': '打印机墨粉已用完', 'zh-HK': '打印機碳粉已用完', en: 'The printer is out of toner' },
  'marker-supply-empty': { 'zh-CN': '打印机墨粉已用完', 'zh-HK': '打印機碳粉已用完', en: 'The printer is out of toner' },
  'door-open': { 'zh-CN': '打印机舱门未关好', 'zh-HK': '打印機艙門未關好', en: 'A printer door is open' },
  'cover-open': { 'zh-CN': '打印机舱门未关好', 'zh-HK': '打印機艙門未關好', en: 'A printer door is open' },
  'output-area-full': { 'zh-CN': '打印机出纸口已满', 'zh-HK': '打印機出紙口已滿', en: 'The printer output tray is full' },
  offline: { 'zh-CN': '打印机未连接', 'zh-HK': '打印機未連接', en: 'The printer is not connected' },
  unreachable: { 'zh-CN': '打印机未连接', 'zh-HK': '打印機未連接', en: 'The printer is not connected' },
};

const PAUSED: LocalizedText = { 'zh-CN': '文件打印暂停服务', 'zh-HK': '文件打印暫停服務', en: 'Document printing is paused' };
const SO: LocalizedText = {
  'zh-CN': '，现在无法打印文件。请稍后再试，或到窗口办理。',
  'zh-HK': '，現在無法打印文件。請稍後再試，或到窗口辦理。',
  en: ', so documents cannot be printed now. Please try again later or ask at a counter.',
};

/** One sentence for the first reason the citizen can understand; paused for everything else (stopped, disabled, …). */
export function printerNotReadySentence(reasons: readonly string[]): LocalizedText {
  const known = reasons.map((r) => NOT_READY[r]).find((s) => s !== undefined) ?? PAUSED;
  return { 'zh-CN': known['zh-CN'] + SO['zh-CN'], 'zh-HK': known['zh-HK'] + SO['zh-HK'], en: known.en + SO.en };
}

/** A job that did not complete: the citizen may try again; the paper may have come out in part. */
export const JOB_NOT_COMPLETED: Record<'aborted' | 'canceled' | 'stopped' | 'unreachable', LocalizedText> = {
  aborted: {
    'zh-CN': '打印没有完成。请取走已打印出的纸张，可以重新打印。',
    'zh-HK': '打印沒有完成。請取走已打印出的紙張，可以重新打印。',
    en: 'Printing did not finish. Please take any pages that came out; you can print again.',
  },
  canceled: {
    'zh-CN': '打印已取消。可以重新打印。',
    'zh-HK': '打印已取消。可以重新打印。',
    en: 'Printing was cancelled. You can print again.',
  },
  stopped: {
    'zh-CN': '打印机中途停止，打印没有完成。请取走已打印出的纸张，稍后重新打印，或到窗口办理。',
    'zh-HK': '打印機中途停止，打印沒有完成。請取走已打印出的紙張，稍後重新打印，或到窗口辦理。',
    en: 'The printer stopped before printing finished. Please take any pages that came out and try again later, or ask at a counter.',
  },
  unreachable: {
    'zh-CN': '与打印机的连接中断，无法确认是否打印完成。请查看出纸口，可以重新打印。',
    'zh-HK': '與打印機的連接中斷，無法確認是否打印完成。請查看出紙口，可以重新打印。',
    en: 'The connection to the printer was lost, so it is not known whether printing finished. Please check the tray; you can print again.',
  },
};

export const DOCUMENTS_UNAVAILABLE: LocalizedText = {
  'zh-CN': '暂时无法获取可打印的证明，请稍后再试，或到窗口办理',
  'zh-HK': '暫時無法獲取可打印的證明，請稍後再試，或到窗口辦理',
  en: 'Printable documents cannot be fetched right now. Please try again later or ask at a counter.',
};

export const DOCUMENT_GONE: LocalizedText = {
  'zh-CN': '这份证明现在无法获取，请到窗口办理',
  'zh-HK': '這份證明現在無法獲取，請到窗口辦理',
  en: 'This document cannot be fetched now. Please ask at a counter.',
};
