import type { Language } from '../../../../common/i18n/languages';

/**
 * Strings of the face screens (identification, binding, the banner), under `face` in the resources.
 * `noticeContinue`, `noticeUseCard`: the buttons under the notice before 刷脸办事 (binding has the consent's).
 * `verifying`: the camera screen while a binding's live face is checked against the card holder (人证核验).
 */
const zhCN = {
  identifyTitle: '刷脸办事',
  bindTitle: '绑定人脸',
  lookAtCamera: '请正对摄像头，让脸部位于框内',
  holdStill: '请保持不动，正在采集',
  verifying: '正在核验人脸与证件，请稍候',
  challenges: '动作 {{done}} / {{total}}',
  captured: '已采集 {{count}} / {{needed}}',
  useIdCard: '请使用身份证办理',
  cancel: '不用了，返回',
  noticeContinue: '我已阅读，开始刷脸',
  noticeUseCard: '不刷脸，使用身份证',
  noCamera: '摄像头暂不可用，请使用身份证办理',
  unavailable: '刷脸暂不可用，请使用身份证办理',
  result: {
    identified: '已确认您的身份',
    bound: '人脸绑定成功，下次可直接刷脸办事',
    'not-identified': '未能确认您的身份，请使用身份证办理',
  },
  offerBind: '绑定人脸，下次刷脸即可办事（自愿）',
  unbind: '删除我的人脸',
  unbound: '您的人脸信息已删除',
  greetingCard: '{{name}}，您好',
  greetingFace: '您好，已通过刷脸确认身份',
};

export const faceStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    identifyTitle: '刷臉辦事',
    bindTitle: '綁定人臉',
    lookAtCamera: '請正對攝像頭，讓臉部位於框內',
    holdStill: '請保持不動，正在採集',
    verifying: '正在核驗人臉與證件，請稍候',
    challenges: '動作 {{done}} / {{total}}',
    captured: '已採集 {{count}} / {{needed}}',
    useIdCard: '請使用身份證辦理',
    cancel: '不用了，返回',
    noticeContinue: '我已閱讀，開始刷臉',
    noticeUseCard: '不刷臉，使用身份證',
    noCamera: '攝像頭暫不可用，請使用身份證辦理',
    unavailable: '刷臉暫不可用，請使用身份證辦理',
    result: {
      identified: '已確認您的身份',
      bound: '人臉綁定成功，下次可直接刷臉辦事',
      'not-identified': '未能確認您的身份，請使用身份證辦理',
    },
    offerBind: '綁定人臉，下次刷臉即可辦事（自願）',
    unbind: '刪除我的人臉',
    unbound: '您的人臉資料已刪除',
    greetingCard: '{{name}}，您好',
    greetingFace: '您好，已透過刷臉確認身份',
  },
  en: {
    identifyTitle: 'Identify by face',
    bindTitle: 'Register your face',
    lookAtCamera: 'Look at the camera with your face inside the frame',
    holdStill: 'Hold still, capturing',
    verifying: 'Checking your face against your ID card, please wait',
    challenges: 'Step {{done}} of {{total}}',
    captured: 'Captured {{count}} of {{needed}}',
    useIdCard: 'Use your ID card instead',
    cancel: 'No thanks, go back',
    noticeContinue: 'I have read this, start',
    noticeUseCard: 'Use my ID card instead',
    noCamera: 'The camera is not available. Please use your ID card.',
    unavailable: 'Face identification is not available now. Please use your ID card.',
    result: {
      identified: 'You have been identified',
      bound: 'Your face is registered. Next time, just look at the camera.',
      'not-identified': 'We could not identify you. Please use your ID card.',
    },
    offerBind: 'Register your face to skip the ID card next time (optional)',
    unbind: 'Delete my face data',
    unbound: 'Your face data has been deleted',
    greetingCard: 'Hello, {{name}}',
    greetingFace: 'Hello, you have been identified by face',
  },
};
