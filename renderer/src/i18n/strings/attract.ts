import type { Language } from '../../../../common/i18n/languages';

/** Strings of the attract screen, under `attract` in the resources. */
const zhCN = {
  prompts: {
    idCard: '请放置身份证',
    idCardHint: '将身份证平放在感应区',
    face: '刷脸办事',
    faceHint: '已绑定人脸的市民请看摄像头',
    qr: '扫码预约码',
    qrHint: '将预约二维码对准扫描口',
  },
  touchToStart: '点击屏幕开始办事',
  about: '关于本机',
};

export const attractStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    prompts: {
      idCard: '請放置身份證',
      idCardHint: '將身份證平放在感應區',
      face: '刷臉辦事',
      faceHint: '已綁定人臉的市民請看攝像頭',
      qr: '掃描預約碼',
      qrHint: '將預約二維碼對準掃描口',
    },
    touchToStart: '點擊屏幕開始辦事',
    about: '關於本機',
  },
  en: {
    prompts: {
      idCard: 'Place your ID card',
      idCardHint: 'Lay the card flat on the reader',
      face: 'Use your face',
      faceHint: 'If you have registered your face, look at the camera',
      qr: 'Scan your appointment code',
      qrHint: 'Hold the QR code up to the scanner',
    },
    touchToStart: 'Touch the screen to start',
    about: 'About this terminal',
  },
};
