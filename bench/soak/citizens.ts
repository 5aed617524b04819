// The soak's citizens: a seeded pool of obviously fake resident ID cards (valid GB 11643 numbers,
// so the reader accepts them), laid on the emulated reader in turn with the emulator's own samples.
import { gb11643CheckChar } from '../../devices/id-card/id-number';
import { parseCardSpecs, sampleCards, type CardSpec } from '../../devices/emulators/id-card/card-spec';

const AREAS = [
  { code: '110101', city: '北京市东城区', issuer: '北京市公安局东城分局' },
  { code: '310104', city: '上海市徐汇区', issuer: '上海市公安局徐汇分局' },
  { code: '440106', city: '广州市天河区', issuer: '广州市公安局天河分局' },
  { code: '510104', city: '成都市锦江区', issuer: '成都市公安局锦江区分局' },
];
const GIVEN = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `count` residents named 测试X…, born 1940–2005, each with a distinct valid ID number. */
export function citizenCards(count: number, rng: () => number): CardSpec[] {
  const cards = [];
  const numbers = new Set<string>();
  while (cards.length < count) {
    const area = AREAS[Math.floor(rng() * AREAS.length)]!;
    const year = 1940 + Math.floor(rng() * 66);
    const month = 1 + Math.floor(rng() * 12);
    const day = 1 + Math.floor(rng() * 28);
    const male = rng() < 0.5;
    // The sequence's last digit is odd for men, even for women.
    const sequence = pad(Math.floor(rng() * 500) * 2 + (male ? 1 : 0), 3);
    const first17 = `${area.code}${year}${pad(month, 2)}${pad(day, 2)}${sequence}`;
    if (numbers.has(first17)) continue;
    numbers.add(first17);
    const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    cards.push({
      id: `soak-citizen-${cards.length}`,
      type: 'resident',
      name: `测试${GIVEN[cards.length % GIVEN.length]}${GIVEN[Math.floor(cards.length / GIVEN.length) % GIVEN.length]}`,
      gender: male ? '1' : '2',
      ethnicity: '01',
      birthDate,
      address: `${area.city}测试路${cards.length + 1}号`,
      idNumber: first17 + gb11643CheckChar(first17),
      issuer: area.issuer,
      validFrom: '2020-01-01',
      validTo: '2040-01-01',
    });
  }
  return parseCardSpecs(cards, 'soak citizens');
}

/** The pool: the generated residents and the emulator's four samples (every card type). */
export function citizenPool(count: number, rng: () => number): CardSpec[] {
  return [...citizenCards(count, rng), ...sampleCards()];
}
