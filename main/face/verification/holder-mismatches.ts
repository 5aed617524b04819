import type { LocalizedText } from '../../../common/i18n/languages';
import type { DecisionPolicy } from '../matching';
import { IDENTIFY_THRESHOLD } from '../decision-policy';

/** 人证核验 mismatches for one card within HOLDER_LOCK_MS after which binding is refused for it. */
export const HOLDER_MISMATCH_LIMIT = 2;
/** How long binding stays refused for a card after its last counted mismatch. */
export const HOLDER_LOCK_MS = 24 * 3600_000;

/**
 * The threshold of 人证核验 at binding: the identify threshold (0.36), stricter than 1:1 verify
 * (0.40). A binding opens the card's services to a face from then on, so it is never looser than
 * the threshold that opens them; and the check compares a live template (a mean of frames) with
 * one photo, the setting the identify threshold was calibrated in. At 0.40 the set's closest
 * different-person pairs (id11 against id12, 0.374 and 0.393) would be accepted; at 0.36 they are
 * not, and no same-person distance of the evaluation part comes near it (docs/face.md, Binding).
 */
export const BINDING_HOLDER_POLICY: DecisionPolicy = { threshold: IDENTIFY_THRESHOLD, margin: 0 };

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
