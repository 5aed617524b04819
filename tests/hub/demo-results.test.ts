import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { demoResultsFor } from '../../hub/demo-results';

const seedOf = (subject: string) => createHash('sha256').update(subject).digest();

describe('demo results of the reference hub', () => {
  it('gives each subject one to three different results, the same ones every time', () => {
    for (let i = 0; i < 200; i++) {
      const results = demoResultsFor(seedOf(`subject-${i}`));
      expect(results.length).toBeGreaterThanOrEqual(1);
      expect(results.length).toBeLessThanOrEqual(3);
      const titles = results.map((r) => JSON.stringify(r.title));
      expect(new Set(titles).size, `subject-${i} sees a result twice`).toBe(titles.length);
      expect(demoResultsFor(seedOf(`subject-${i}`))).toEqual(results);
    }
  });
});
