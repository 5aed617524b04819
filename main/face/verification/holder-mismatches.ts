import type { LocalizedText } from '../../../common/i18n/languages';

/** 人证核验 mismatches for one card within HOLDER_LOCK_MS after which binding is refused for it. */
export const HOLDER_MISMATCH_LIMIT = 2;
/** How long binding stays refused for a card after its last counted mismatch. */
export const HOLDER_LOCK_MS = 24 * 3600_000;

/** Binding refused for this card after repeated mismatches: a plain sentence, the card still serves. */
export const HOLDER_LOCKED: LocalizedText = {
  'zh-CN': '人脸与证件多次不符，此证件 24 小时内不能绑定人脸。您仍可使用身份证办理所有业务',
  'zh-HK': '人臉與證件多次不符，此證件 24 小時內不能綁定人臉。您仍可使用身份證辦理所有業務',
  en: 'The face did not match this ID card several times, so no face can be bound to it for 24 hours. You can still use your ID card for every service',
};

/**
 * Until when binding is refused for a card, from the times of its 人证核验 mismatches (any order):
 * once HOLDER_MISMATCH_LIMIT of them lie within HOLDER_LOCK_MS of each other, until HOLDER_LOCK_MS
 * after the last. Null when binding is allowed at `now`.
 */
export function bindingLockedUntil(mismatchTimes: readonly number[], now: number): number | null {
  const times = [...mismatchTimes].sort((a, b) => b - a);
  const last = times[0];
  const earlier = times[HOLDER_MISMATCH_LIMIT - 1];
  if (last === undefined || earlier === undefined) return null;
  if (last - earlier > HOLDER_LOCK_MS) return null;
  const until = last + HOLDER_LOCK_MS;
  return now < until ? until : null;
}
