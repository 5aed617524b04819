import { describe, expect, it } from 'vitest';
import { HangError, mutate, randomChunks, returnsWithin, Rng } from './fuzz-kit';
import { seededRandom } from '../../base/prng';

/** The fuzz tests' own tools: a failure must be replayable, and a hang must fail rather than stall. */
describe('fuzz kit', () => {
  it('the tests’ PRNG (mulberry32) gives the same sequence for the same seed, another for another seed', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    for (const x of take(7)) expect(x >= 0 && x < 1).toBe(true);
    // The reference implementation's first output for seed 1.
    expect(seededRandom(1)()).toBeCloseTo(0.6270739405881613, 12);
  });

  it('replays mutations and chunkings from the seed, and chunks add back up to the input', () => {
    const input = Buffer.from('AAAAAA9669000310FFEC', 'hex');
    const a = new Rng(99);
    const b = new Rng(99);
    expect(mutate(a, input)).toEqual(mutate(b, input));
    const chunks = randomChunks(a, input);
    expect(chunks).toEqual(randomChunks(b, input));
    expect(Buffer.concat(chunks)).toEqual(input);
  });

  it('fails a decoder call that never returns with HangError, and passes a result through', () => {
    expect(() =>
      returnsWithin(
        200,
        () => 'endless loop',
        () => {
          for (;;);
        },
      ),
    ).toThrow(HangError);
    expect(
      returnsWithin(
        1000,
        () => 'sum',
        () => 1 + 2,
      ),
    ).toBe(3);
    expect(() =>
      returnsWithin(
        1000,
        () => 'throws',
        () => JSON.parse('{'),
      ),
    ).toThrow(SyntaxError);
  });
});
