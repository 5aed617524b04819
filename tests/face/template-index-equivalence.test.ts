// The int8 scan with exact rerank (TemplateIndex) against the exhaustive float32 search it replaced
// (Float32ExhaustiveIndex: the previous index, kept as the reference): the same best and
// second-best subjects with bit-identical distances, hence the same decision, on seeded random
// galleries built to be hard for a quantised scan (clusters, exact duplicates, near-ties, spiky
// rows) and on the real descriptors of the shared face photos.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemplateIndex } from '../../main/face/gallery/template-index';
import { DEFAULT_IDENTIFY_POLICY } from '../../common/face/decision-policy';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import { FacePipeline } from '../../main/face/pipeline';
import { describePhotoFile } from '../../main/face/photo-file';
import { decideIdentity, l2Normalize, meanTemplate } from '../../common/face/matching';
import { Float32ExhaustiveIndex } from './float32-exhaustive-index';
import { faceFile, sharedIdentities } from './face-data';
import { seededRandom } from '../../base/prng';
import { testSeed } from '../helpers/seed';

const SEED = testSeed('INDEX_EQUIVALENCE_SEED');

type Rng = () => number;
type Kind = 'uniform' | 'clustered' | 'duplicates' | 'spiky';

const gaussian = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const randomVector = (rng: Rng) => Float32Array.from({ length: 128 }, () => gaussian(rng));
const around = (centre: ArrayLike<number>, spread: number, rng: Rng) => Float32Array.from(centre, (v) => v + spread * gaussian(rng));

/** A template of the gallery kind: anywhere, near one of a few centres, or with one value far larger than the rest. */
function template(kind: Kind, centres: Float32Array[], rng: Rng): Float32Array {
  const scale = [1, 1000, 0.001][Math.floor(rng() * 3)]!; // the index normalises whatever it is given
  let t: Float32Array;
  if (kind === 'uniform') t = randomVector(rng);
  else if (kind === 'spiky' && rng() < 0.5) {
    t = around(new Float32Array(128), 0.02, rng);
    t[Math.floor(rng() * 128)] = 1 + rng();
  } else t = around(l2Normalize(centres[Math.floor(rng() * centres.length)]!), [0.01, 0.05, 0.15][Math.floor(rng() * 3)]! / Math.sqrt(128), rng);
  return t.map((v) => v * scale);
}

interface Pair {
  scan: TemplateIndex;
  reference: Float32ExhaustiveIndex;
  rows: Map<string, Float32Array>;
}

function pair(simd: boolean): Pair {
  return { scan: new TemplateIndex(16, { simd }), reference: new Float32ExhaustiveIndex(), rows: new Map() };
}

function put(p: Pair, subject: string, t: Float32Array): void {
  p.scan.put(subject, t);
  p.reference.put(subject, t);
  p.rows.set(subject, t);
}

function remove(p: Pair, subject: string): void {
  expect(p.scan.remove(subject)).toBe(p.reference.remove(subject));
  p.rows.delete(subject);
}

/** Probes of every sort: strangers, enrolled faces seen again (closely or not), exact rows, midpoints of two rows (near-ties), zero. */
function probes(p: Pair, count: number, rng: Rng): Float32Array[] {
  const rows = [...p.rows.values()];
  const pick = () => rows[Math.floor(rng() * rows.length)]!;
  return Array.from({ length: count }, (_, i) => {
    switch (i % 6) {
      case 0:
        return randomVector(rng);
      case 1:
        return around(l2Normalize(pick()), 0.002, rng);
      case 2:
        return around(l2Normalize(pick()), 0.02, rng);
      case 3:
        return Float32Array.from(pick());
      case 4: {
        const [a, b] = [l2Normalize(pick()), l2Normalize(pick())];
        return Float32Array.from(a, (v, j) => v + b[j]!);
      }
      default:
        return i % 12 === 5 ? new Float32Array(128) : around(l2Normalize(pick()), 0.005, rng);
    }
  });
}

describe.each([true, false])('int8 scan + exact rerank = exhaustive float32 search (SIMD kernel: %s)', (simd) => {
  it('gives the same best and second-best, to the bit, on 96 seeded galleries of 1 to 3,000 templates with removals and replacements', () => {
    const sizes = [1, 2, 3, 4, 5, 7, 16, 17, 64, 257, 1000, 3000];
    const kinds: Kind[] = ['uniform', 'clustered', 'duplicates', 'spiky'];
    let compared = 0;
    let pruned = { rows: 0, scored: 0 };
    for (let g = 0; g < 96; g++) {
      const rng = seededRandom(SEED + g);
      const size = sizes[g % sizes.length]!;
      const kind = kinds[Math.floor(g / sizes.length) % kinds.length]!;
      const centres = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => randomVector(rng));
      const p = pair(simd);
      for (let i = 0; i < size; i++) {
        // Duplicates: every third template is an exact copy of an earlier one (exact ties).
        const copy = kind === 'duplicates' && i % 3 === 2 ? p.rows.get(`fs1_${Math.floor(rng() * i)}`) : undefined;
        put(p, `fs1_${i}`, copy ? Float32Array.from(copy) : template(kind, centres, rng));
      }
      for (let i = 0; i < size / 10; i++) remove(p, `fs1_${Math.floor(rng() * size)}`);
      for (let i = 0; i < size / 10; i++) put(p, `fs1_${Math.floor(rng() * size)}`, template(kind, centres, rng));
      for (const probe of probes(p, 30, rng)) {
        const got = p.scan.nearestTwo(probe);
        expect({ gallery: g, kind, size, got }).toEqual({ gallery: g, kind, size, got: p.reference.nearestTwo(probe) });
        compared++;
        // A zero probe scores every row alike: all of them are candidates, rightly.
        if (kind === 'uniform' && p.rows.size >= 1000 && probe.some((v) => v !== 0))
          pruned = { rows: pruned.rows + p.rows.size, scored: pruned.scored + p.scan.lastExactlyScored };
      }
    }
    console.log(`${compared} searches identical; uniform galleries of 1,000+ (non-zero probes): ${pruned.scored} of ${pruned.rows} rows scored exactly`);
    expect(compared).toBe(96 * 30);
    // The scan, not the rerank, does the work: well under 1% of the rows are scored again exactly.
    expect(pruned.scored / pruned.rows).toBeLessThan(0.01);
  });
});

describe('the index refuses what it cannot search', () => {
  it('names a non-finite value in a template or a probe', () => {
    const index = new TemplateIndex(16);
    const bad = new Float32Array(128);
    bad[5] = Number.NaN;
    expect(() => index.put('fs1_a', bad)).toThrow(/template holds a non-finite value at 5/);
    expect(() => index.nearestTwo(bad.map((v, i) => (i === 5 ? Infinity : v)))).toThrow(/probe holds a non-finite value at 5/);
    expect(() => index.put('fs1_a', new Float32Array(64))).toThrow(/template has 64 values, expected 128/);
    expect(index.size).toBe(0);
  });
});

/**
 * The real descriptors (accurate detector, as templates are made) of the 61 labelled photos: each
 * photo's own row, identity templates with one photo left out, and a crowd of 20,000 made from
 * mixtures of them (as dense as a real population's faces, where near-ties are common).
 */
describe('on the real descriptors of the shared face photos', () => {
  const engine = new FaceEngineClient();
  const pipeline = new FacePipeline(engine);
  const identities = sharedIdentities();
  const descriptors = new Map<string, Float32Array>();

  beforeAll(async () => {
    await engine.start();
    for (const file of new Set(Object.values(identities).flat())) {
      const d = await describePhotoFile(pipeline, faceFile(file));
      if (d.descriptor) descriptors.set(file, d.descriptor);
    }
  }, 300_000);
  afterAll(() => engine.close());

  it.each([true, false])('gives the same nearest two and the same decision as the exhaustive search (SIMD kernel: %s)', (simd) => {
    expect(descriptors.size).toBe(61);
    const rng = seededRandom(SEED + 1000);
    const photos = [...descriptors.entries()];
    let compared = 0;
    const decisions = { identified: 0, refused: 0 };
    const check = (p: Pair, probe: Float32Array, what: string) => {
      const got = p.scan.nearestTwo(probe);
      const want = p.reference.nearestTwo(probe);
      expect({ what, got }).toEqual({ what, got: want });
      const decision = decideIdentity(got.best, got.second, DEFAULT_IDENTIFY_POLICY);
      expect({ what, decision }).toEqual({ what, decision: decideIdentity(want.best, want.second, DEFAULT_IDENTIFY_POLICY) });
      if (decision.subject) decisions.identified++;
      else decisions.refused++;
      compared++;
    };

    // Every photo its own subject; each photo, and each seen again with a little noise.
    const own = pair(simd);
    photos.forEach(([file, d]) => put(own, file, d));
    for (const [file, d] of photos) {
      check(own, d, `${file} itself`);
      check(own, around(l2Normalize(d), 0.003, rng), `${file} again`);
    }

    // Identity templates from all photos but one; the one left out identifies.
    for (const [label, files] of Object.entries(identities)) {
      const usable = files.filter((f) => descriptors.has(f));
      for (const left of usable) {
        const g = pair(simd);
        for (const [other, others] of Object.entries(identities)) {
          const kept = others.filter((f) => descriptors.has(f) && f !== left).map((f) => descriptors.get(f)!);
          if (kept.length) put(g, other, meanTemplate(kept));
        }
        check(g, descriptors.get(left)!, `${left} (${label}) left out`);
      }
    }

    // A crowd: mixtures of two real faces plus noise, the real identity templates among them.
    const crowd = pair(simd);
    for (let i = 0; i < 20_000; i++) {
      const a = l2Normalize(photos[Math.floor(rng() * photos.length)]![1]);
      const b = l2Normalize(photos[Math.floor(rng() * photos.length)]![1]);
      const w = rng();
      put(
        crowd,
        `fs1_crowd${i}`,
        around(
          Float32Array.from(a, (v, j) => w * v + (1 - w) * b[j]!),
          0.02,
          rng,
        ),
      );
    }
    for (const [label, files] of Object.entries(identities))
      put(crowd, label, meanTemplate(files.filter((f) => descriptors.has(f)).map((f) => descriptors.get(f)!)));
    for (let i = 0; i < 2000; i++) remove(crowd, `fs1_crowd${Math.floor(rng() * 20_000)}`);
    for (const [file, d] of photos) check(crowd, d, `${file} in the crowd`);

    console.log(
      `real descriptors: ${compared} searches identical (${decisions.identified} identified, ${decisions.refused} refused); crowd of ${crowd.rows.size}: last search scored ${crowd.scan.lastExactlyScored} rows exactly`,
    );
    expect(compared).toBe(61 * 2 + 61 + 61);
    // Both decisions occur: the comparison covered accepted and refused searches.
    expect(decisions.identified).toBeGreaterThan(0);
    expect(decisions.refused).toBeGreaterThan(0);
  });
});
