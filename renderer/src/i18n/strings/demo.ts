import type { Language } from '../../../../common/i18n/languages';

/** Strings of the demo screens, merged into the resources under `demo`. */
const zhCN = {};

export const demoStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {},
  en: {},
};
