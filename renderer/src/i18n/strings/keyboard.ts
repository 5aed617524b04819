import type { Language } from '../../../../common/i18n/languages';

/** Strings of the on-screen keyboard, under `keyboard` in the resources. */
const zhCN = {
  shift: '大写',
  backspace: '退格',
  clear: '清空',
  cancel: '取消',
  done: '完成',
  mode: '输入方式',
  modes: { latin: 'ABC', pinyin: '拼音', handwriting: '手写' },
  handwritingPad: '手写板：请在框内写一个字',
  undoStroke: '撤销一笔',
  clearPad: '重写',
  previousCandidates: '上一页候选字',
  nextCandidates: '下一页候选字',
};

export const keyboardStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    shift: '大寫',
    backspace: '退格',
    clear: '清空',
    cancel: '取消',
    done: '完成',
    mode: '輸入方式',
    modes: { latin: 'ABC', pinyin: '拼音', handwriting: '手寫' },
    handwritingPad: '手寫板：請在框內寫一個字',
    undoStroke: '撤銷一筆',
    clearPad: '重寫',
    previousCandidates: '上一頁候選字',
    nextCandidates: '下一頁候選字',
  },
  en: {
    shift: 'Shift',
    backspace: 'Delete',
    clear: 'Clear',
    cancel: 'Cancel',
    done: 'Done',
    mode: 'Input',
    modes: { latin: 'ABC', pinyin: 'Pinyin', handwriting: 'Handwriting' },
    handwritingPad: 'Handwriting pad: write one character in the box',
    undoStroke: 'Undo stroke',
    clearPad: 'Rewrite',
    previousCandidates: 'Previous candidates',
    nextCandidates: 'Next candidates',
  },
};
