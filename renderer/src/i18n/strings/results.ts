import type { Language } from '../../../../common/i18n/languages';

/** Strings of the results screen, under `results` in the resources. */
const zhCN = {
  title: '我的办事结果',
  none: '暂无办事结果',
  print: '打印',
  printed: '已打印，请取走凭条',
};

export const resultsStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '我的辦事結果',
    none: '暫無辦事結果',
    print: '打印',
    printed: '已打印，請取走憑條',
  },
  en: {
    title: 'My results',
    none: 'No results yet',
    print: 'Print',
    printed: 'Printed. Please take your slip.',
  },
};
