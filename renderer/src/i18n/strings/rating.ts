import type { Language } from '../../../../common/i18n/languages';

/** Strings of the rating screen (好差评), under `rating` in the resources. */
const zhCN = {
  title: '请对本次服务进行评价',
  levels: {
    '1': '非常不满意',
    '2': '不满意',
    '3': '基本满意',
    '4': '满意',
    '5': '非常满意',
  },
  reasons: {
    'waiting-time': '等候时间长',
    'hard-to-use': '操作不方便',
    'device-fault': '设备故障',
    'wrong-information': '信息不准确',
    'staff-attitude': '服务态度',
    other: '其他',
  },
  submit: '提交评价',
  skip: '不评价',
  thanks: '感谢您的评价',
  notRecorded: '评价暂时无法提交，感谢您的反馈',
};

export const ratingStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '請對本次服務進行評價',
    levels: {
      '1': '非常不滿意',
      '2': '不滿意',
      '3': '基本滿意',
      '4': '滿意',
      '5': '非常滿意',
    },
    reasons: {
      'waiting-time': '等候時間長',
      'hard-to-use': '操作不方便',
      'device-fault': '設備故障',
      'wrong-information': '資訊不準確',
      'staff-attitude': '服務態度',
      other: '其他',
    },
    submit: '提交評價',
    skip: '不評價',
    thanks: '感謝您的評價',
    notRecorded: '評價暫時無法提交，感謝您的反饋',
  },
  en: {
    title: 'How was our service today?',
    levels: {
      '1': 'Very dissatisfied',
      '2': 'Dissatisfied',
      '3': 'Fairly satisfied',
      '4': 'Satisfied',
      '5': 'Very satisfied',
    },
    reasons: {
      'waiting-time': 'Long wait',
      'hard-to-use': 'Hard to use',
      'device-fault': 'Device fault',
      'wrong-information': 'Wrong information',
      'staff-attitude': 'Staff attitude',
      other: 'Other',
    },
    submit: 'Submit',
    skip: 'Skip',
    thanks: 'Thank you for your rating',
    notRecorded: 'Your rating could not be recorded right now. Thank you all the same.',
  },
};
