import type { LocalizedText } from '../../../common/i18n/languages';

/** The live face is not the card holder's (人证核验): nothing was bound; the card still serves. */
export const HOLDER_MISMATCH: LocalizedText = {
  'zh-CN': '人脸与证件不符，未绑定。您仍可使用身份证办理',
  'zh-HK': '人臉與證件不符，未綁定。您仍可使用身份證辦理',
  en: 'Your face does not match the ID card, so it was not bound. You can still use your ID card',
};

/** The check against the card holder could not be made (no card photo decoder, the hub did not answer). */
export const HOLDER_UNVERIFIED: LocalizedText = {
  'zh-CN': '暂时无法核验人脸，未绑定。您仍可使用身份证办理',
  'zh-HK': '暫時無法核驗人臉，未綁定。您仍可使用身份證辦理',
  en: 'Your face cannot be checked against your ID card right now, so it was not bound. You can still use your ID card',
};

/** The card says its holder is under 14: the terminal cannot take a guardian's consent, so it never binds. */
export const CHILD_NOT_BOUND: LocalizedText = {
  'zh-CN': '未满 14 周岁不能在自助终端绑定人脸（需监护人同意）。您仍可使用身份证办理所有业务',
  'zh-HK': '未滿 14 周歲不能在自助終端綁定人臉（須監護人同意）。您仍可使用身份證辦理所有業務',
  en: 'Faces of children under 14 cannot be bound at a self-service terminal (a guardian must consent). You can still use your ID card for every service',
};
