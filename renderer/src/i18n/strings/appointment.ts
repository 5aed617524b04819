import type { Language } from '../../../../common/i18n/languages';

/** Strings of the appointment screens, merged into the resources under `appointment`. */
const zhCN = {};

export const appointmentStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {},
  en: {},
};
