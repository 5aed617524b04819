import type { Language } from '../../../../common/i18n/languages';

/** Strings of the on-screen keyboard, under `keyboard` in the resources. */
const zhCN = {
  shift: '大写',
  backspace: '退格',
  clear: '清空',
  cancel: '取消',
  done: '完成',
};

export const keyboardStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    shift: '大寫',
    backspace: '退格',
    clear: '清空',
    cancel: '取消',
    done: '完成',
  },
  en: {
    shift: 'Shift',
    backspace: 'Delete',
    clear: 'Clear',
    cancel: 'Cancel',
    done: 'Done',
  },
};
