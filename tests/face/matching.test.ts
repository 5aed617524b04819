import { describe, expect, it } from 'vitest';
import { decideIdentity, euclideanDistance, l2Normalize, meanTemplate, verifyDescriptors } from '../../common/face/matching';
import { calibrate, clopperPearson, rowAt, thresholdRange } from '../../main/face/calibration';
import { parsePairsCsv, pairsFromIdentities, pairsWithin, splitIdentities } from '../../main/face/dataset';
import { leaveOneOutIdentification } from '../../main/face/identify-calibration';
import { runCalibration } from '../../main/face/calibration-report';
import { TemplateIndex } from '../../main/face/gallery/template-index';
import { seededRandom } from '../../base/prng';

const policy = { threshold: 0.4, margin: 0.08 };

function randomUnit(rng: () => number): Float32Array {
  return l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
}

describe('matching', () => {
  it('builds an L2-normalised mean template and refuses descriptors of the wrong length', () => {
    const t = meanTemplate([Float32Array.from({ length: 128 }, () => 2), Float32Array.from({ length: 128 }, () => 4)]);
    expect(Math.hypot(...t)).toBeCloseTo(1, 5);
    expect(() => meanTemplate([new Float32Array(64)])).toThrow(/128/);
    expect(() => meanTemplate([])).toThrow();
  });

  it('verifies below the threshold only', () => {
    const rng = seededRandom(1);
    const a = randomUnit(rng);
    expect(verifyDescriptors(a, a, policy)).toEqual({ distance: 0, match: true });
    expect(verifyDescriptors(a, randomUnit(rng), policy).match).toBe(false);
  });

  it('identifies only below the threshold and with a margin over the second best', () => {
    expect(decideIdentity(null, null, policy).refusal).toBe('empty-gallery');
    expect(decideIdentity({ subject: 'a', distance: 0.2 }, { subject: 'b', distance: 0.5 }, policy).subject).toBe('a');
    expect(decideIdentity({ subject: 'a', distance: 0.2 }, null, policy).subject).toBe('a');
    expect(decideIdentity({ subject: 'a', distance: 0.41 }, { subject: 'b', distance: 0.9 }, policy).refusal).toBe('above-threshold');
    expect(decideIdentity({ subject: 'a', distance: 0.3 }, { subject: 'b', distance: 0.35 }, policy).refusal).toBe('ambiguous');
  });
});

describe('template index', () => {
  it.each([true, false])('finds the nearest and second-nearest subjects, as a brute-force search does (SIMD kernel: %s)', (simd) => {
    const rng = seededRandom(2);
    const index = new TemplateIndex(4, { simd });
    expect(index.usesSimd).toBe(simd);
    const all = new Map<string, Float32Array>();
    for (let i = 0; i < 300; i++) {
      const t = randomUnit(rng);
      all.set(`s${i}`, t);
      index.put(`s${i}`, t);
    }
    for (let i = 0; i < 100; i += 7) {
      index.remove(`s${i}`);
      all.delete(`s${i}`);
    }
    expect(index.size).toBe(all.size);
    for (let k = 0; k < 20; k++) {
      const probe = randomUnit(rng);
      const sorted = [...all].map(([s, t]) => ({ subject: s, distance: euclideanDistance(probe, t) })).sort((x, y) => x.distance - y.distance);
      const { best, second } = index.nearestTwo(probe);
      expect(best!.subject).toBe(sorted[0]!.subject);
      expect(best!.distance).toBeCloseTo(sorted[0]!.distance, 5);
      expect(second!.subject).toBe(sorted[1]!.subject);
    }
    expect(new TemplateIndex().nearestTwo(randomUnit(rng))).toEqual({ best: null, second: null });
  });

  it('replaces a subject\u2019s template on a second put', () => {
    const rng = seededRandom(3);
    const index = new TemplateIndex();
    const first = randomUnit(rng);
    const second = randomUnit(rng);
    index.put('s', first);
    index.put('s', second);
    expect(index.size).toBe(1);
    expect(index.nearestTwo(second).best!.distance).toBeCloseTo(0, 5);
  });
});

describe('calibration', () => {
  const pairs = [
    { distance: 0.1, same: true },
    { distance: 0.3, same: true },
    { distance: 0.35, same: false },
    { distance: 0.6, same: false },
  ];

  it('counts false accepts and false rejects at a threshold', () => {
    expect(rowAt(pairs, 0.2)).toEqual({ threshold: 0.2, far: 0, frr: 0.5, falseAccepts: 0, falseRejects: 1 });
    expect(rowAt(pairs, 0.5)).toEqual({ threshold: 0.5, far: 0.5, frr: 0, falseAccepts: 1, falseRejects: 0 });
  });

  it('chooses the lowest FRR within the FAR target, in the middle of equal thresholds', () => {
    const result = calibrate(pairs, thresholdRange(0.05, 0.7, 0.01), 0.001);
    expect(result.chosen.far).toBe(0);
    expect(result.chosen.frr).toBe(0);
    expect(result.chosen.threshold).toBeGreaterThan(0.3);
    expect(result.chosen.threshold).toBeLessThanOrEqual(0.35);
    expect(() =>
      calibrate(
        pairs.filter((p) => p.same),
        [0.5],
        0.001,
      ),
    ).toThrow(/both/);
  });

  it('reads pairs files with CRLF line ends and builds every pair of identities', () => {
    expect(parsePairsCsv('file_x,file_y,same_person\r\na.jpg,b.jpg,1\r\na.jpg,c.jpg,0\r\n')).toEqual([
      { a: 'a.jpg', b: 'b.jpg', same: true },
      { a: 'a.jpg', b: 'c.jpg', same: false },
    ]);
    expect(() => parsePairsCsv('h\na.jpg,b.jpg,yes')).toThrow(/line 2/);
    const all = pairsFromIdentities({ p: ['a', 'b'], q: ['c'] });
    expect(all).toHaveLength(3);
    expect(all.filter((p) => p.same)).toEqual([{ a: 'a', b: 'b', same: true }]);
  });
});

describe('confidence intervals', () => {
  it('gives the exact Clopper–Pearson bounds (values from R binom.test)', () => {
    const none = clopperPearson(0, 357);
    expect(none.rate).toBe(0);
    expect(none.lower).toBe(0);
    // 1 − 0.025^(1/357)
    expect(none.upper).toBeCloseTo(0.01028, 5);
    const two = clopperPearson(2, 930);
    expect(two.lower).toBeCloseTo(0.000261, 5);
    expect(two.upper).toBeCloseTo(0.007745, 5);
    const half = clopperPearson(5, 10);
    expect(half.lower).toBeCloseTo(0.187086, 5);
    expect(half.upper).toBeCloseTo(0.812914, 5);
    expect(clopperPearson(10, 10)).toMatchObject({ rate: 1, upper: 1 });
    expect(clopperPearson(10, 10).lower).toBeCloseTo(0.691503, 5);
  });

  it('refuses counts that are no rate', () => {
    expect(() => clopperPearson(1, 0)).toThrow(/trials > 0/);
    expect(() => clopperPearson(3, 2)).toThrow(/count ≤ trials/);
    expect(() => clopperPearson(1, 5, 1)).toThrow(/confidence/);
  });
});

describe('split by identity', () => {
  const identities = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`id${String(i + 1).padStart(2, '0')}`, [`a${i}.jpg`, `b${i}.jpg`]]));

  it('puts every person on one side only, half (rounded up) to calibrate, the same way for the same seed', () => {
    const split = splitIdentities(identities, 13);
    expect(Object.keys(split.calibration)).toHaveLength(7);
    expect(Object.keys(split.evaluation)).toHaveLength(6);
    expect([...Object.keys(split.calibration), ...Object.keys(split.evaluation)].sort()).toEqual(Object.keys(identities).sort());
    expect(splitIdentities(identities, 13)).toEqual(split);
    // The labels' order in the file does not matter, only the seed.
    expect(splitIdentities(Object.fromEntries(Object.entries(identities).reverse()), 13)).toEqual(split);
    expect(Object.keys(splitIdentities(identities, 14).evaluation)).not.toEqual(Object.keys(split.evaluation));
  });

  it('keeps only the pairs inside a part', () => {
    const split = splitIdentities(identities, 13);
    const inside = pairsWithin(pairsFromIdentities(identities), split.evaluation);
    expect(inside).toHaveLength((12 * 11) / 2);
    const files = new Set(Object.values(split.evaluation).flat());
    expect(inside.every((p) => files.has(p.a) && files.has(p.b))).toBe(true);
  });

  it('refuses a bad seed, too few identities and a photo listed under two people', () => {
    expect(() => splitIdentities(identities, -1)).toThrow(/seed/);
    expect(() => splitIdentities(identities, 1.5)).toThrow(/seed/);
    expect(() => splitIdentities({ p: ['a'], q: ['b'], r: ['c'] }, 1)).toThrow(/at least 4 identities/);
    expect(() => splitIdentities({ p: ['a', 'x.jpg'], q: ['b'], r: ['c'], s: ['x.jpg'] }, 1)).toThrow(/x\.jpg is listed under both p and s/);
  });
});

describe('calibration judged on held-out identities', () => {
  /** People as random unit directions; their photos lie at `spread` around them. */
  function population(people: number, photos: number, spread: number, seed: number) {
    const rng = seededRandom(seed);
    const descriptors = new Map<string, Float32Array>();
    const identities: Record<string, string[]> = {};
    for (let p = 0; p < people; p++) {
      const centre = randomUnit(rng);
      identities[`p${p}`] = [];
      for (let k = 0; k < photos; k++) {
        const file = `p${p}-${k}.jpg`;
        descriptors.set(file, l2Normalize(Float32Array.from(centre, (v) => v + (rng() - 0.5) * spread)));
        identities[`p${p}`]!.push(file);
      }
    }
    return { identities, descriptorOf: (f: string) => descriptors.get(f) ?? null };
  }

  it('identifies each photo 1:N leave one out and counts wrong, refused and strangers accepted', () => {
    const { identities, descriptorOf } = population(5, 3, 0.02, 4);
    expect(leaveOneOutIdentification(identities, descriptorOf, { threshold: 0.4, margin: 0.08 })).toEqual({
      probes: 15,
      identified: 15,
      wrong: 0,
      refused: 0,
      strangersAccepted: 0,
    });
    // A threshold above every distance accepts strangers; a margin wider than any gap refuses everyone.
    expect(leaveOneOutIdentification(identities, descriptorOf, { threshold: 3, margin: 0 }).strangersAccepted).toBe(15);
    expect(leaveOneOutIdentification(identities, descriptorOf, { threshold: 0.4, margin: 3 })).toMatchObject({ identified: 0, refused: 15 });
    // A photo with no descriptor is left out; a person left with one photo gives no probe.
    const oneLeft = (f: string) => (f === 'p0-1.jpg' || f === 'p0-2.jpg' ? null : descriptorOf(f));
    expect(leaveOneOutIdentification(identities, oneLeft, { threshold: 0.4, margin: 0.08 }).probes).toBe(12);
  });

  it('chooses the thresholds on the calibration part only and reports the evaluation part with bounds', () => {
    const { identities, descriptorOf } = population(8, 3, 0.05, 5);
    const split = splitIdentities(identities, 7);
    const thresholds = thresholdRange(0.05, 1.2, 0.01);
    const report = runCalibration({ identities, descriptorOf, thresholds, maxFar: 0.001, splitSeed: 7 });
    expect(report.split).toEqual({ seed: 7, calibration: Object.keys(split.calibration), evaluation: Object.keys(split.evaluation) });
    // The same choice as calibrating on the calibration part alone, whatever the evaluation part's faces are.
    const alone = runCalibration({ identities: split.calibration, descriptorOf, thresholds, maxFar: 0.001 });
    expect(report.verify.chosen).toEqual(alone.verify.chosen);
    expect(report.identify.chosen).toEqual(alone.identify.chosen);
    const heldOut = new Set(Object.values(split.evaluation).flat());
    const noise = seededRandom(9);
    const scrambled = new Map([...heldOut].map((f) => [f, randomUnit(noise)]));
    const other = runCalibration({ identities, descriptorOf: (f) => scrambled.get(f) ?? descriptorOf(f), thresholds, maxFar: 0.001, splitSeed: 7 });
    expect(other.verify.chosen).toEqual(report.verify.chosen);
    expect(other.identify.chosen).toEqual(report.identify.chosen);
    expect(other.evaluation!.verify.frr.rate).toBe(1);
    const evaluation = report.evaluation!;
    expect(evaluation.identities).toEqual(Object.keys(split.evaluation));
    // 4 people × 3 photos: 12 genuine pairs, 54 impostor pairs; 16 × 12 across the parts.
    expect({ same: evaluation.verify.frr.of, different: evaluation.verify.far.of, across: evaluation.verify.farAcrossParts!.of }).toEqual({
      same: 12,
      different: 54,
      across: 144,
    });
    expect(evaluation.verify.far).toMatchObject({ count: 0, rate: 0, lower: 0 });
    expect(evaluation.verify.far.upper).toBeCloseTo(1 - 0.025 ** (1 / 54), 6);
    expect(evaluation.identify.decisions).toMatchObject({ probes: 12, identified: 12, strangersAccepted: 0 });
    expect(runCalibration({ identities, descriptorOf, thresholds: [0.5], maxFar: 1 }).evaluation).toBeNull();
  });
});
