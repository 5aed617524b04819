import type { Language } from '../../../../common/i18n/languages';

/** The idle countdown ("are you still there?"), under `idle` in the resources. */
const zhCN = {
  title: '您还在吗？',
  body: '{{seconds}} 秒后将返回首页，并清除您的信息',
  continue: '继续办理',
};

export const idleStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '您還在嗎？',
    body: '{{seconds}} 秒後將返回首頁，並清除您的資料',
    continue: '繼續辦理',
  },
  en: {
    title: 'Are you still there?',
    body: 'Returning to the start in {{seconds}} s; your details will be cleared',
    continue: 'Continue',
  },
};
