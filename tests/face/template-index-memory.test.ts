import { describe, expect, it } from 'vitest';
import { TemplateIndex } from '../../main/face/gallery/template-index';
import { leftovers } from './index-memory';
import { seededRandom } from '../../base/prng';

const SEED = Number(process.env.INDEX_MEMORY_SEED ?? 20260110);
console.log(`template-index-memory: seed ${SEED} (INDEX_MEMORY_SEED replays)`);

function randomTemplates(count: number, rng: () => number): Float32Array[] {
  return Array.from({ length: count }, () => Float32Array.from({ length: 128 }, () => rng() - 0.5));
}

describe.each([true, false])('the in-memory index leaves nothing behind (SIMD kernel: %s)', (simd) => {
  it('zeroes a removed row, its int8 codes and scale, and the old place of the row moved into the hole', () => {
    const [a, b, c, d] = randomTemplates(4, seededRandom(SEED));
    const index = new TemplateIndex(16, { simd });
    index.put('fs1_a', a!);
    index.put('fs1_b', b!);
    index.put('fs1_c', c!);
    index.put('fs1_d', d!);
    expect(leftovers(index.backingBytesForTests(), [a!, b!, c!, d!])).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });

    index.remove('fs1_a'); // d moves into a's place
    expect(leftovers(index.backingBytesForTests(), [b!, c!, d!], [a!])).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });
    index.remove('fs1_c'); // the last row now: no move
    expect(leftovers(index.backingBytesForTests(), [b!, d!], [a!, c!])).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });
    index.remove('fs1_b');
    index.remove('fs1_d');
    expect(index.backingBytesForTests().every((bytes) => bytes.every((byte) => byte === 0))).toBe(true);
  });

  it('forgets the probe after a search: neither the probe, its codes nor the scores that determine it stay', () => {
    const rng = seededRandom(SEED + 1);
    // More rows than a probe has values: the scores alone would give the probe back.
    const rows = randomTemplates(200, rng);
    const index = new TemplateIndex(16, { simd });
    rows.forEach((t, i) => index.put(`fs1_${i}`, t));
    const probe = Float32Array.from(rows[17]!, (v) => v + (rng() - 0.5) * 0.01);
    const { best } = index.nearestTwo(probe);
    expect(best?.subject).toBe('fs1_17');
    expect(leftovers(index.backingBytesForTests(), rows, [probe])).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });
  });

  it('moves the scales when it grows and leaves no copy behind; the float32 rows are never copied', () => {
    const rows = randomTemplates(70, seededRandom(SEED + 3));
    const index = new TemplateIndex(16, { simd });
    rows.forEach((t, i) => index.put(`fs1_${i}`, t)); // grows to 32, 64, 128
    expect(index.bytesHeld.scan).toBeGreaterThanOrEqual(128 * 140);
    expect(leftovers(index.backingBytesForTests(), rows)).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });
    index.remove('fs1_3');
    const noise = seededRandom(SEED + 4);
    const probe = Float32Array.from(rows[40]!, (v) => v + (noise() - 0.5) * 0.01);
    expect(index.nearestTwo(probe).best?.subject).toBe('fs1_40');
    expect(
      leftovers(
        index.backingBytesForTests(),
        rows.filter((_, i) => i !== 3),
        [rows[3]!, probe],
      ),
    ).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });
  });
});

describe('the JS index when it grows', () => {
  it('zeroes the outgrown buffer of codes and scales', () => {
    const rows = randomTemplates(17, seededRandom(SEED + 2));
    const index = new TemplateIndex(16, { simd: false });
    rows.slice(0, 16).forEach((t, i) => index.put(`fs1_${i}`, t));
    const before = index.backingBytesForTests();
    expect(before[0]!.some((byte) => byte !== 0)).toBe(true);
    index.put('fs1_16', rows[16]!);
    expect(before[0]!.every((byte) => byte === 0)).toBe(true);
    expect(leftovers(index.backingBytesForTests(), rows)).toEqual({ strayBytes: 0, liveNotOnce: 0, goneFound: 0 });
  });
});
