import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { demoResultsFor } from '../../hub/demo-results';
import { hubResultSchema } from '../../common/hub-protocol/answers';

const seedOf = (subject: string) => createHash('sha256').update(subject).digest();
const NOW = Date.UTC(2026, 11, 5, 4, 0);

describe('demo results of the reference hub', () => {
  it('gives each subject one to three different results, the same ones every time', () => {
    for (let i = 0; i < 200; i++) {
      const results = demoResultsFor(seedOf(`subject-${i}`), NOW, 'Asia/Shanghai');
      expect(results.length).toBeGreaterThanOrEqual(1);
      expect(results.length).toBeLessThanOrEqual(3);
      const titles = results.map((r) => JSON.stringify(r.title));
      expect(new Set(titles).size, `subject-${i} sees a result twice`).toBe(titles.length);
      expect(demoResultsFor(seedOf(`subject-${i}`), NOW, 'Asia/Shanghai')).toEqual(results);
    }
  });

  it('dates each result back from the first look, names its department and says the next step; a refusal says why', () => {
    const all = Array.from({ length: 40 }, (_, i) => demoResultsFor(seedOf(`subject-${i}`), NOW, 'Asia/Shanghai')).flat();
    const wire = all.map((r) => hubResultSchema.parse({ ...r, ...r.details }));
    expect(new Set(wire.map((r) => r.status))).toEqual(new Set(['ready', 'in-progress', 'rejected']));
    for (const r of wire) {
      expect(Date.parse(r.acceptedAt!)).toBeLessThan(NOW);
      expect(r.department?.['zh-CN']).toMatch(/局|中心/);
      expect(r.nextStep?.text.en).toBeTruthy();
      expect(r.decidedAt === undefined).toBe(r.status === 'in-progress');
      expect(r.reason !== undefined).toBe(r.status === 'rejected');
    }
    const rejected = wire.find((r) => r.status === 'rejected')!;
    expect(rejected.reason!['zh-CN']).toContain('股东会');
    expect(rejected.nextStep).toMatchObject({ place: { 'zh-CN': expect.stringContaining('窗口') }, by: expect.stringMatching(/^2026-12-2\d$/) });
    expect(rejected.nextStep!.bring!.length).toBeGreaterThanOrEqual(3);
  });
});
