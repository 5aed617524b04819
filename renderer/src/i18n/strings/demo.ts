import type { Language } from '../../../../common/i18n/languages';

/** Strings of the demo panel (embedded defaults only), merged into the resources under `demo`. */
const zhCN = {
  tab: '演示',
  title: '演示面板',
  close: '关闭',
  note: '仅用于演示：以下证件和二维码均为虚构样例',
  cardsTitle: '放置样例证件',
  removeCard: '取走证件',
  qrTitle: '扫描样例二维码',
  noQr: '暂无样例二维码',
  printedTitle: '打印机已打印的凭条',
  refresh: '刷新',
  nonePrinted: '尚未打印凭条',
  failed: '操作未完成：{{reason}}',
  cards: {
    resident: '居民身份证',
    'hk-mo-tw-permit': '港澳台居民居住证',
    'foreign-permanent-2017': '外国人永久居留身份证（2017 版）',
    'foreign-permanent-2023': '外国人永久居留身份证（2023 版）',
  },
};

export const demoStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    tab: '演示',
    title: '演示面板',
    close: '關閉',
    note: '僅用於演示：以下證件和二維碼均為虛構樣例',
    cardsTitle: '放置樣例證件',
    removeCard: '取走證件',
    qrTitle: '掃描樣例二維碼',
    noQr: '暫無樣例二維碼',
    printedTitle: '打印機已打印的憑條',
    refresh: '刷新',
    nonePrinted: '尚未打印憑條',
    failed: '操作未完成：{{reason}}',
    cards: {
      resident: '居民身份證',
      'hk-mo-tw-permit': '港澳台居民居住證',
      'foreign-permanent-2017': '外國人永久居留身份證（2017 版）',
      'foreign-permanent-2023': '外國人永久居留身份證（2023 版）',
    },
  },
  en: {
    tab: 'Demo',
    title: 'Demo panel',
    close: 'Close',
    note: 'For demonstration only: these cards and QR codes are fictional samples',
    cardsTitle: 'Place a sample card',
    removeCard: 'Take the card away',
    qrTitle: 'Scan a sample QR code',
    noQr: 'No sample QR codes',
    printedTitle: 'Slips the printer printed',
    refresh: 'Refresh',
    nonePrinted: 'Nothing printed yet',
    failed: 'Not done: {{reason}}',
    cards: {
      resident: 'Resident ID card',
      'hk-mo-tw-permit': 'HK/Macao/Taiwan residence permit',
      'foreign-permanent-2017': 'Foreign permanent residence ID (2017)',
      'foreign-permanent-2023': 'Foreign permanent residence ID (2023)',
    },
  },
};
