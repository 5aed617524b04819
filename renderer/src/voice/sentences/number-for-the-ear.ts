import type { Language } from '../../../../common/i18n/languages';

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ENGLISH_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * A ticket or submission number as it is said: letters one by one, digits one by one as words
 * (C023 → "C 零二三", "C zero two three"), anything else (a dash) a pause. A voice reading "023"
 * says "twenty-three"; a citizen listens for the digits on their slip.
 */
export function numberForTheEar(number: string, language: Language): string {
  const groups = number.match(/[A-Za-z]|\d+/g) ?? [];
  return groups
    .map((group) => {
      if (!/\d/.test(group)) return group.toUpperCase();
      const digits = [...group].map(Number);
      return language === 'en' ? digits.map((d) => ENGLISH_DIGITS[d]).join(' ') : digits.map((d) => CHINESE_DIGITS[d]).join('');
    })
    .join(' ');
}
