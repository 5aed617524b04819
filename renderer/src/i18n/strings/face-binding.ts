import type { Language } from '../../../../common/i18n/languages';

/** The camera screen while a binding's live face is checked against the card holder (人证核验). */
export const FACE_BINDING_STRINGS: Record<Language, { verifying: string }> = {
  'zh-CN': { verifying: '正在核验人脸与证件，请稍候' },
  'zh-HK': { verifying: '正在核驗人臉與證件，請稍候' },
  en: { verifying: 'Checking your face against your ID card, please wait' },
};
