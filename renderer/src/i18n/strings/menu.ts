import type { Language } from '../../../../common/i18n/languages';

/** Strings of the service menu, under `menu` in the resources. */
const zhCN = {
  title: '请选择办理事项',
  home: '返回首页',
  identityRequired: '需身份证',
  empty: '暂无可办理的事项，请咨询工作人员',
};

export const menuStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '請選擇辦理事項',
    home: '返回首頁',
    identityRequired: '需身份證',
    empty: '暫無可辦理的事項，請諮詢工作人員',
  },
  en: {
    title: 'Choose a service',
    home: 'Home',
    identityRequired: 'ID card needed',
    empty: 'No services are available here now. Please ask a member of staff.',
  },
};
