import type { Language } from '../../../../common/i18n/languages';

/** Strings of 取号 and of any number issued, under `ticket` in the resources. */
const zhCN = {
  confirmTitle: '取号',
  priority: '我是老年人或残障人士（优先叫号）',
  take: '确认取号',
  taking: '正在取号…',
  yourNumber: '您的号码',
  ahead: '前面还有 {{count}} 人等候',
  takeSlip: '请取走凭条，留意叫号',
  noteNumber: '请记下您的号码。',
  done: '完成',
  printerProblem: '取号暂不可用：',
};

export const ticketStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    confirmTitle: '取號',
    priority: '我是長者或殘障人士（優先叫號）',
    take: '確認取號',
    taking: '正在取號…',
    yourNumber: '您的號碼',
    ahead: '前面還有 {{count}} 人等候',
    takeSlip: '請取走憑條，留意叫號',
    noteNumber: '請記下您的號碼。',
    done: '完成',
    printerProblem: '取號暫不可用：',
  },
  en: {
    confirmTitle: 'Take a queue ticket',
    priority: 'I am elderly or have a disability (priority)',
    take: 'Take a ticket',
    taking: 'Taking a ticket…',
    yourNumber: 'Your number',
    ahead: '{{count}} people ahead of you',
    takeSlip: 'Please take your ticket and listen for your number',
    noteNumber: 'Please note your number.',
    done: 'Done',
    printerProblem: 'Tickets are not available: ',
  },
};
