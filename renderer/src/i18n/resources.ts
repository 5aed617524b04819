import type { Language } from '../../../common/i18n/languages';

/** Every string the screens show, in the three languages of the hall. */
const zhCN = {
  attract: {
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
  },
  mode: { elder: '长辈版' },
  menu: {
    title: '请选择办理事项',
    home: '返回首页',
    identityRequired: '需身份证',
    empty: '暂无可办理的事项，请咨询工作人员',
  },
  idle: {
    title: '您还在吗？',
    body: '{{seconds}} 秒后将返回首页，并清除您的信息',
    continue: '继续办理',
  },
  about: {
    title: '关于本机',
    appVersion: '软件版本',
    shell: '运行方式',
    uptime: '核心运行时间',
    dataDir: '数据目录',
    terminalId: '终端编号',
    platform: '系统平台',
    back: '返回',
    uptimeValue: '{{hours}} 小时 {{minutes}} 分 {{seconds}} 秒',
    shells: { electron: '桌面应用', web: '浏览器（Web 外壳）', headless: '无界面' },
  },
  errors: {
    coreUnavailable: '终端暂时无法使用，请稍后再试或联系工作人员',
  },
};

type Resource = typeof zhCN;

const zhHK: Resource = {
  attract: {
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
  mode: { elder: '長輩版' },
  menu: {
    title: '請選擇辦理事項',
    home: '返回首頁',
    identityRequired: '需身份證',
    empty: '暫無可辦理的事項，請諮詢工作人員',
  },
  idle: {
    title: '您還在嗎？',
    body: '{{seconds}} 秒後將返回首頁，並清除您的資料',
    continue: '繼續辦理',
  },
  about: {
    title: '關於本機',
    appVersion: '軟件版本',
    shell: '運行方式',
    uptime: '核心運行時間',
    dataDir: '數據目錄',
    terminalId: '終端編號',
    platform: '系統平台',
    back: '返回',
    uptimeValue: '{{hours}} 小時 {{minutes}} 分 {{seconds}} 秒',
    shells: { electron: '桌面應用', web: '瀏覽器（Web 外殼）', headless: '無界面' },
  },
  errors: {
    coreUnavailable: '終端暫時無法使用，請稍後再試或聯絡工作人員',
  },
};

const en: Resource = {
  attract: {
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
  mode: { elder: 'Elder mode' },
  menu: {
    title: 'Choose a service',
    home: 'Home',
    identityRequired: 'ID card needed',
    empty: 'No services are available here now. Please ask a member of staff.',
  },
  idle: {
    title: 'Are you still there?',
    body: 'Returning to the start in {{seconds}} s; your details will be cleared',
    continue: 'Continue',
  },
  about: {
    title: 'About this terminal',
    appVersion: 'Software version',
    shell: 'Running as',
    uptime: 'Core uptime',
    dataDir: 'Data directory',
    terminalId: 'Terminal ID',
    platform: 'Platform',
    back: 'Back',
    uptimeValue: '{{hours}} h {{minutes}} min {{seconds}} s',
    shells: { electron: 'Desktop app', web: 'Browser (web shell)', headless: 'Headless' },
  },
  errors: {
    coreUnavailable: 'This terminal is not available right now. Please try again later or ask a member of staff.',
  },
};

export const resources: Record<Language, { translation: Resource }> = {
  'zh-CN': { translation: zhCN },
  'zh-HK': { translation: zhHK },
  en: { translation: en },
};

/** Each language names itself on the switch, so a citizen finds their own. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
  en: 'English',
};
