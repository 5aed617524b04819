import type { Language } from '../../../../common/i18n/languages';

/** Strings of the service menu, under `menu` in the resources. */
const zhCN = {
  title: '请选择办理事项',
  home: '返回首页',
  identityRequired: '需身份证',
  empty: '暂无可办理的事项，请咨询工作人员',
  popular: '常用',
  categories: '事项分类',
  search: '搜索事项：汉字、拼音或首字母（如 sb 社保）',
  searchLabel: '输入事项名称、拼音或拼音首字母',
  searchClear: '清除搜索',
  results: '“{{query}}”的搜索结果：{{count}} 项',
  noResults: '没有找到“{{query}}”，请换个说法或按分类查找',
  guide: '办事指南：{{name}}',
};

export const menuStrings: Record<Language, typeof zhCN> = {
  'zh-CN': zhCN,
  'zh-HK': {
    title: '請選擇辦理事項',
    home: '返回首頁',
    identityRequired: '需身份證',
    empty: '暫無可辦理的事項，請諮詢工作人員',
    popular: '常用',
    categories: '事項分類',
    search: '搜尋事項：漢字、拼音或首字母（如 sb 社保）',
    searchLabel: '輸入事項名稱、拼音或拼音首字母',
    searchClear: '清除搜尋',
    results: '「{{query}}」的搜尋結果：{{count}} 項',
    noResults: '找不到「{{query}}」，請換個說法或按分類查找',
    guide: '辦事指南：{{name}}',
  },
  en: {
    title: 'Choose a service',
    home: 'Home',
    identityRequired: 'ID card needed',
    empty: 'No services are available here now. Please ask a member of staff.',
    popular: 'Most used',
    categories: 'Service categories',
    search: 'Search by name, pinyin or pinyin initials',
    searchLabel: 'Type a service name, its pinyin or the pinyin initials',
    searchClear: 'Clear the search',
    results: '{{count}} services found for “{{query}}”',
    noResults: 'Nothing found for “{{query}}”. Try other words or look by category.',
    guide: 'Guide: {{name}}',
  },
};
