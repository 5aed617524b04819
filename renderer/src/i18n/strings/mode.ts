import type { Language } from '../../../../common/i18n/languages';

/** The names of the display modes on the top bar, under `mode` in the resources. */
const zhCN = {
  elder: '长辈版',
};

export const modeStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    elder: '長輩版',
  },
  en: {
    elder: 'Elder mode',
  },
};
