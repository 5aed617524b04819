import type { Language } from '../../../../common/i18n/languages';

/** Strings of the results screen, under `results` in the resources. */
const zhCN = {
  title: '我的办事结果',
  none: '暂无办事结果',
  print: '打印',
  printed: '已打印，请取走凭条',
  acceptedOn: '受理日期',
  decidedOn: '办结日期',
  department: '办理部门',
  reason: '未通过原因',
  nextStep: '下一步',
  place: '办理地点：',
  bring: '请携带：',
  by: '办理期限：',
};

export const resultsStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '我的辦事結果',
    none: '暫無辦事結果',
    print: '打印',
    printed: '已打印，請取走憑條',
    acceptedOn: '受理日期',
    decidedOn: '辦結日期',
    department: '辦理部門',
    reason: '未通過原因',
    nextStep: '下一步',
    place: '辦理地點：',
    bring: '請攜帶：',
    by: '辦理期限：',
  },
  en: {
    title: 'My results',
    none: 'No results yet',
    print: 'Print',
    printed: 'Printed. Please take your slip.',
    acceptedOn: 'Accepted',
    decidedOn: 'Decided',
    department: 'Department',
    reason: 'Why not approved',
    nextStep: 'Next step',
    place: 'Where: ',
    bring: 'Bring: ',
    by: 'By: ',
  },
};
