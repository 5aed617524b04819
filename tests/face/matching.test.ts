import { describe, expect, it } from 'vitest';
import { decideIdentity, euclideanDistance, l2Normalize, meanTemplate, verifyDescriptors } from '../../main/face/matching';
import { calibrate, rowAt, thresholdRange } from '../../main/face/calibration';
import { parsePairsCsv, pairsFromIdentities } from '../../main/face/dataset';
import { TemplateIndex } from '../../main/face/gallery/template-index';
import { seededRng } from './landmark-motion';

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
    const rng = seededRng(1);
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
    const rng = seededRng(2);
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
    const rng = seededRng(3);
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
    expect(() => calibrate(pairs.filter((p) => p.same), [0.5], 0.001)).toThrow(/both/);
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
