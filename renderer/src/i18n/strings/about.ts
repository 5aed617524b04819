import type { Language } from '../../../../common/i18n/languages';

/** Strings of the about screen, under `about` in the resources. */
const zhCN = {
  title: '关于本机',
  appVersion: '软件版本',
  shell: '运行方式',
  uptime: '核心运行时间',
  dataDir: '数据目录',
  terminalId: '终端编号',
  platform: '系统平台',
  back: '返回',
  uptimeValue: '{{hours}} 小时 {{minutes}} 分 {{seconds}} 秒',
  shells: {
    electron: '桌面应用',
    web: '浏览器（Web 外壳）',
    headless: '无界面',
  },
};

export const aboutStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '關於本機',
    appVersion: '軟件版本',
    shell: '運行方式',
    uptime: '核心運行時間',
    dataDir: '數據目錄',
    terminalId: '終端編號',
    platform: '系統平台',
    back: '返回',
    uptimeValue: '{{hours}} 小時 {{minutes}} 分 {{seconds}} 秒',
    shells: {
      electron: '桌面應用',
      web: '瀏覽器（Web 外殼）',
      headless: '無界面',
    },
  },
  en: {
    title: 'About this terminal',
    appVersion: 'Software version',
    shell: 'Running as',
    uptime: 'Core uptime',
    dataDir: 'Data directory',
    terminalId: 'Terminal ID',
    platform: 'Platform',
    back: 'Back',
    uptimeValue: '{{hours}} h {{minutes}} min {{seconds}} s',
    shells: {
      electron: 'Desktop app',
      web: 'Browser (web shell)',
      headless: 'Headless',
    },
  },
};
