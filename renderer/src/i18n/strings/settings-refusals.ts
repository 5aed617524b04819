import type { Language } from '../../../../common/i18n/languages';

/**
 * A refused setting explained in the staff's language, one sentence per rule the schema names
 * (common/config/issue-rule.ts), under `refusal` in the resources. {{field}} is the field's label,
 * {{value}} what staff entered.
 */
const zhCN = {
  timeZone: '{{field}} "{{value}}" 不是有效的时区名称（例如 Asia/Shanghai）',
  httpUrl: '{{field}} "{{value}}" 不是有效的网址：须以 http:// 或 https:// 开头（例如 https://hub.example/）',
  printerTarget: '{{field}} "{{value}}" 不是有效的打印机：请填写 IPP 地址（例如 ipp://192.168.1.20:631/ipp/print）或不含 / 和 # 的打印队列名称',
  safePattern: '{{field}} "{{value}}" 不是本机可以运行的正则表达式',
  demoOperator: '{{field}}仍是演示用的名称：正式运行并开启刷脸办事时，须填写实际处理市民人脸信息的单位，或关闭刷脸办事',
  format: '{{field}} "{{value}}" 格式不正确',
  atLeast: {
    value: '{{field}}不能小于 {{limit}}',
    length: '{{field}}至少需要 {{limit}} 个字符',
    items: '{{field}}至少需要选择 {{limit}} 项',
  },
  atMost: {
    value: '{{field}}不能大于 {{limit}}',
    length: '{{field}}最多 {{limit}} 个字符',
    items: '{{field}}最多可选 {{limit}} 项',
  },
  wholeNumber: '{{field}}须为整数',
  number: '{{field}} "{{value}}" 不是数字',
  text: '{{field}}须填写文字',
  oneOf: '{{field}}只能是以下之一：{{options}}',
  other: '{{field}}的值不被接受，请检查后重试',
};

type Strings = typeof zhCN;

const zhHK: Strings = {
  timeZone: '{{field}} "{{value}}" 不是有效的時區名稱（例如 Asia/Shanghai）',
  httpUrl: '{{field}} "{{value}}" 不是有效的網址：須以 http:// 或 https:// 開頭（例如 https://hub.example/）',
  printerTarget: '{{field}} "{{value}}" 不是有效的打印機：請填寫 IPP 地址（例如 ipp://192.168.1.20:631/ipp/print）或不含 / 和 # 的打印隊列名稱',
  safePattern: '{{field}} "{{value}}" 不是本機可以運行的正規表達式',
  demoOperator: '{{field}}仍是演示用的名稱：正式運行並開啟刷臉辦事時，須填寫實際處理市民人臉資料的單位，或關閉刷臉辦事',
  format: '{{field}} "{{value}}" 格式不正確',
  atLeast: {
    value: '{{field}}不能小於 {{limit}}',
    length: '{{field}}至少需要 {{limit}} 個字元',
    items: '{{field}}至少需要選擇 {{limit}} 項',
  },
  atMost: {
    value: '{{field}}不能大於 {{limit}}',
    length: '{{field}}最多 {{limit}} 個字元',
    items: '{{field}}最多可選 {{limit}} 項',
  },
  wholeNumber: '{{field}}須為整數',
  number: '{{field}} "{{value}}" 不是數字',
  text: '{{field}}須填寫文字',
  oneOf: '{{field}}只能是以下之一：{{options}}',
  other: '{{field}}的值不被接受，請檢查後重試',
};

const en: Strings = {
  timeZone: '{{field}}: "{{value}}" is not a time zone name (for example Asia/Shanghai)',
  httpUrl: '{{field}}: "{{value}}" is not a web address: it must start with http:// or https:// (for example https://hub.example/)',
  printerTarget:
    '{{field}}: "{{value}}" is not a printer: enter an IPP address (for example ipp://192.168.1.20:631/ipp/print) or a print queue name without / or #',
  safePattern: '{{field}}: "{{value}}" is not a regular expression this terminal can run',
  demoOperator:
    '{{field}} is still the demo name: a production terminal with face identification on must name the body that processes citizens’ faces, or switch face identification off',
  format: '{{field}}: "{{value}}" is not in the right format',
  atLeast: {
    value: '{{field}} must be at least {{limit}}',
    length: '{{field}} needs at least {{limit}} characters',
    items: '{{field}}: choose at least {{limit}}',
  },
  atMost: {
    value: '{{field}} must be at most {{limit}}',
    length: '{{field}} takes at most {{limit}} characters',
    items: '{{field}}: choose at most {{limit}}',
  },
  wholeNumber: '{{field}} must be a whole number',
  number: '{{field}}: "{{value}}" is not a number',
  text: '{{field}} must be text',
  oneOf: '{{field}} must be one of: {{options}}',
  other: '{{field}}: this value is not accepted; please check it',
};

export const settingsRefusalStrings: Record<Language, Strings> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en };
