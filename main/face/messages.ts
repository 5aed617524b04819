import type { LocalizedText } from '../../common/i18n/languages';

/** Why a frame is not good enough, in the order the gates check. */
export type QualityReason = 'no-face' | 'multiple-faces' | 'too-far' | 'too-close' | 'not-centred' | 'not-frontal' | 'too-dark' | 'too-bright' | 'blurry';

export type LivenessChallenge = 'turn-left' | 'turn-right' | 'open-mouth' | 'blink';

export const QUALITY_MESSAGES: Record<QualityReason, LocalizedText> = {
  'no-face': { 'zh-CN': '请把脸对准摄像头', 'zh-HK': '請把臉對準鏡頭', en: 'Please face the camera' },
  'multiple-faces': { 'zh-CN': '请确保画面中只有您一人', 'zh-HK': '請確保畫面中只有您一人', en: 'Only one person in front of the camera, please' },
  'too-far': { 'zh-CN': '请靠近一点', 'zh-HK': '請靠近一點', en: 'Please come a little closer' },
  'too-close': { 'zh-CN': '请离远一点', 'zh-HK': '請離遠一點', en: 'Please move back a little' },
  'not-centred': { 'zh-CN': '请把脸移到框内', 'zh-HK': '請把臉移到框內', en: 'Please move your face into the frame' },
  'not-frontal': { 'zh-CN': '请正对摄像头', 'zh-HK': '請正對鏡頭', en: 'Please look straight at the camera' },
  'too-dark': { 'zh-CN': '光线太暗，请面向光源', 'zh-HK': '光線太暗，請面向光源', en: 'It is too dark, please face the light' },
  'too-bright': { 'zh-CN': '光线太强，请避开强光', 'zh-HK': '光線太強，請避開強光', en: 'It is too bright, please avoid strong light' },
  blurry: { 'zh-CN': '请保持不动', 'zh-HK': '請保持不動', en: 'Please hold still' },
};

export const LIVENESS_PROMPTS: Record<LivenessChallenge | 'hold-still' | 'passed' | 'failed', LocalizedText> = {
  'hold-still': { 'zh-CN': '请正对摄像头，保持不动', 'zh-HK': '請正對鏡頭，保持不動', en: 'Look straight at the camera and hold still' },
  'turn-left': { 'zh-CN': '请缓慢向左转头', 'zh-HK': '請慢慢向左轉頭', en: 'Please turn your head slowly to the left' },
  'turn-right': { 'zh-CN': '请缓慢向右转头', 'zh-HK': '請慢慢向右轉頭', en: 'Please turn your head slowly to the right' },
  'open-mouth': { 'zh-CN': '请张嘴', 'zh-HK': '請張開嘴巴', en: 'Please open your mouth' },
  blink: { 'zh-CN': '请眨眨眼', 'zh-HK': '請眨眨眼', en: 'Please blink' },
  passed: { 'zh-CN': '验证通过', 'zh-HK': '驗證通過', en: 'Check passed' },
  failed: { 'zh-CN': '未能完成验证，请使用身份证办理', 'zh-HK': '未能完成驗證，請使用身份證辦理', en: 'The check did not succeed, please use your ID card' },
};

/** A liveness check failed because a movement came before its prompt or was not the one asked for. */
export const LIVENESS_NOT_AS_ASKED: LocalizedText = {
  'zh-CN': '请在看到提示后再做提示的动作。本次验证未通过，请使用身份证办理',
  'zh-HK': '請在看到提示後再做提示的動作。本次驗證未通過，請使用身份證辦理',
  en: 'Please make each movement only when it is shown, and only that one. The check did not succeed, please use your ID card',
};

/** Several face checks in a row failed: face use is over until the citizen's session ends. */
/** Face use paused on the terminal after repeated failed liveness checks across sessions. */
export const FACE_PAUSED: LocalizedText = {
  'zh-CN': '刷脸功能暂时不可用，请使用身份证办理',
  'zh-HK': '刷臉功能暫時不可用，請使用身份證辦理',
  en: 'Face identification is not available for a few minutes. Please use your ID card',
};

export const FACE_USE_OVER: LocalizedText = {
  'zh-CN': '刷脸验证连续多次未通过，本次办事不能再使用刷脸，请使用身份证办理',
  'zh-HK': '刷臉驗證連續多次未通過，本次辦事不能再使用刷臉，請使用身份證辦理',
  en: 'The face check did not succeed several times in a row, so face identification is not available for the rest of this visit. Please use your ID card',
};

/** The screen-light check of identification: the citizen holds still while the screen changes colour. */
export const LIGHT_PROMPTS: Record<'look-at-screen' | 'passed' | 'failed', LocalizedText> = {
  'look-at-screen': {
    'zh-CN': '请看着屏幕，保持不动（屏幕会变换颜色）',
    'zh-HK': '請看著屏幕，保持不動（屏幕會變換顏色）',
    en: 'Look at the screen and hold still (the screen will change colour)',
  },
  passed: LIVENESS_PROMPTS.passed,
  failed: {
    'zh-CN': '未能完成验证，请正对屏幕再试，或使用身份证办理',
    'zh-HK': '未能完成驗證，請正對屏幕再試，或使用身份證辦理',
    en: 'The check did not succeed. Face the screen and try again, or use your ID card',
  },
};
