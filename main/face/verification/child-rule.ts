/**
 * Children and face binding. PIPL art. 31: the personal information of a child under 14 needs a
 * parent's or guardian's consent, which a self-service terminal cannot take; so no face is bound
 * for a card whose holder is under 14 on the hall's calendar (docs/face.md, Binding).
 */

/** The age from which a citizen may bind their face at the terminal. */
export const FACE_BINDING_MIN_AGE = 14;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string, what: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`${what} must be YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The `years`-th birthday of someone born on `birthDate` (YYYY-MM-DD). Born on 29 February: in a
 * year without one, the birthday is 28 February (that is when the twelfth month of the year ends).
 */
export function birthdayAt(birthDate: string, years: number): string {
  const [y, m, d] = parts(birthDate, 'birthDate');
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether someone born on `birthDate` is under `minAge` on the hall day `hallDay` (both
 * YYYY-MM-DD). An age in full years (周岁) is reached the day after the birthday (the rule the
 * Supreme People's Court applies to 周岁): on the 14th birthday itself the citizen is still under 14.
 */
export function isUnderAge(birthDate: string, hallDay: string, minAge = FACE_BINDING_MIN_AGE): boolean {
  parts(hallDay, 'hallDay');
  return hallDay <= birthdayAt(birthDate, minAge);
}
