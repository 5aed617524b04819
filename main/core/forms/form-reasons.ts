import type { Language } from '../../../common/i18n/languages';

/** Why a field's value is refused, in the three languages of the hall (shown at the field). */
export type FieldReason = Record<Language, string>;

export const REASONS = {
  required: { 'zh-CN': '此项必须填写', 'zh-HK': '此項必須填寫', en: 'This field is required' },
  tooShort: (n: number): FieldReason => ({ 'zh-CN': `至少填写 ${n} 个字符`, 'zh-HK': `至少填寫 ${n} 個字元`, en: `Enter at least ${n} characters` }),
  tooLong: (n: number): FieldReason => ({ 'zh-CN': `最多填写 ${n} 个字符`, 'zh-HK': `最多填寫 ${n} 個字元`, en: `Enter at most ${n} characters` }),
  format: { 'zh-CN': '格式不正确，请检查后重新填写', 'zh-HK': '格式不正確，請檢查後重新填寫', en: 'This is not in the expected format. Please check it.' },
  digitsOnly: { 'zh-CN': '只能填写数字', 'zh-HK': '只能填寫數字', en: 'Only digits are allowed' },
  controlCharacters: { 'zh-CN': '含有无法识别的字符', 'zh-HK': '含有無法識別的字元', en: 'Contains characters that cannot be used' },
  phone: { 'zh-CN': '请填写正确的 11 位手机号码', 'zh-HK': '請填寫正確的 11 位手機號碼', en: 'Enter a valid 11-digit mobile number' },
  date: { 'zh-CN': '请选择一个真实存在的日期', 'zh-HK': '請選擇一個真實存在的日期', en: 'Choose a date that exists' },
  option: { 'zh-CN': '请从列表中选择一项', 'zh-HK': '請從列表中選擇一項', en: 'Choose one of the listed options' },
  /** The catalog's pattern for this field is broken: nothing can be checked, so nothing is taken. */
  fieldUnavailable: {
    'zh-CN': '此项暂时无法在本机填写，请到窗口办理',
    'zh-HK': '此項暫時無法在本機填寫，請到窗口辦理',
    en: 'This item cannot be filled in at this terminal right now. Please go to a counter.',
  },
  signatureMissing: { 'zh-CN': '请在签名框内签名', 'zh-HK': '請在簽名框內簽名', en: 'Please sign in the box' },
  signatureTooSmall: {
    'zh-CN': '签名太小，请在框内签写您的姓名',
    'zh-HK': '簽名太小，請在框內簽寫您的姓名',
    en: 'The signature is too small. Please sign your name in the box.',
  },
  signatureTooLarge: {
    'zh-CN': '签名笔画过多，请清除后重新签名',
    'zh-HK': '簽名筆畫過多，請清除後重新簽名',
    en: 'The signature has too many strokes. Please clear it and sign again.',
  },
  signatureInvalid: {
    'zh-CN': '签名数据无效，请清除后重新签名',
    'zh-HK': '簽名數據無效，請清除後重新簽名',
    en: 'The signature could not be read. Please clear it and sign again.',
  },
} as const;
