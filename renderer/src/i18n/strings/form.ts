import type { Language } from '../../../../common/i18n/languages';

/** Strings of the form screens, merged into the resources under `form`. */
const zhCN = {};

export const formStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {},
  en: {},
};
