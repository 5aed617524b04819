import type { Language } from '../../../../common/i18n/languages';

/** Sentences for what went wrong, shared by the screens, under `errors` in the resources. */
const zhCN = {
  coreUnavailable: '终端暂时无法使用，请稍后再试或联系工作人员',
  cardUnreadable: '证件信息无法识别，请到人工窗口',
  cardReadInterrupted: '证件没有读完，请拿起身份证，再重新放到读卡区',
};

export const errorStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    coreUnavailable: '終端暫時無法使用，請稍後再試或聯絡工作人員',
    cardUnreadable: '證件資料無法識別，請到人工窗口',
    cardReadInterrupted: '證件沒有讀完，請拿起身分證，再重新放到讀卡區',
  },
  en: {
    coreUnavailable: 'This terminal is not available right now. Please try again later or ask a member of staff.',
    cardUnreadable: 'Your card could not be read. Please go to a staffed counter.',
    cardReadInterrupted: 'Your card was not read completely. Please lift it and lay it on the reader again.',
  },
};
