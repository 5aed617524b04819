import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideUrlOf, withGuideUrls } from '../../common/catalog/guide-urls';
import { LANGUAGES } from '../../common/i18n/languages';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { REPO_ROOT } from '../../testing/repo-root';

const catalog = loadCatalogFile(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'));
const textsOf = (text: Record<string, string>) => LANGUAGES.map((l) => text[l]);

/** The default catalog a hall starts with (assets/catalog): 50+ services, each with its 办事指南 in the three languages. */
describe('the default catalog', () => {
  it('holds at least 50 services with unique codes, among them every code the journeys rely on', () => {
    expect(catalog.services.length).toBeGreaterThanOrEqual(50);
    const codes = catalog.services.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'R1', 'P1', 'P2', 'P3', 'Q1']));
  });

  it('names every service and every category in all three languages, and every category used is named', () => {
    const categories = catalog.categories ?? {};
    for (const s of catalog.services) {
      expect(categories[s.category], s.code).toBeDefined();
      for (const text of textsOf(s.name)) expect(text, s.code).toMatch(/\S/);
    }
    for (const name of Object.values(categories)) for (const text of textsOf(name)) expect(text).toMatch(/\S/);
    expect(Object.values(categories).map((c) => c['zh-CN'])).toEqual(
      expect.arrayContaining(['社保', '医保', '公积金', '不动产', '商事', '税务', '出入境', '户政', '民政', '证明打印']),
    );
  });

  it('gives every service a complete guide in all three languages, with a guide address', () => {
    for (const s of catalog.services) {
      const guide = s.guide;
      expect(guide, s.code).toBeDefined();
      const texts = [guide!.eligibility, guide!.fees, guide!.legalTimeLimit, guide!.promisedTimeLimit, guide!.counter, guide!.floor, guide!.hours];
      for (const text of texts) for (const t of textsOf(text)) expect(t, s.code).toMatch(/\S/);
      expect(guide!.materials.length, s.code).toBeGreaterThan(0);
      for (const m of guide!.materials) {
        for (const t of textsOf(m.name)) expect(t, s.code).toMatch(/\S/);
        for (const t of m.notes ? textsOf(m.notes) : []) expect(t, s.code).toMatch(/\S/);
        expect(m.count).toBeGreaterThanOrEqual(1);
      }
      expect(guideUrlOf(catalog, s), s.code).toBe(`https://zwfw.example.gov.cn/guide/${s.code}`);
    }
  });

  it('ranks the services by use (1 = most used, each rank once) and gives each search keywords', () => {
    const ranks = catalog.services.map((s) => s.usageRank);
    expect(ranks.every((r) => typeof r === 'number')).toBe(true);
    expect([...ranks].sort((a, b) => a! - b!)).toEqual(catalog.services.map((_, i) => i + 1));
    for (const s of catalog.services) expect(s.keywords?.length, s.code).toBeGreaterThan(0);
    expect(catalog.services.find((s) => s.code === 'B')!.keywords).toContain('医疗保险');
  });

  it('fills each guide’s address from the catalog’s base unless the guide names its own', () => {
    const own = { ...catalog.services[0]!, guide: { ...catalog.services[0]!.guide!, url: 'https://other.example/g' } };
    const filled = withGuideUrls({ ...catalog, services: [own, catalog.services[1]!] });
    expect(filled.services.map((s) => s.guide?.url)).toEqual(['https://other.example/g', `https://zwfw.example.gov.cn/guide/${catalog.services[1]!.code}`]);
    expect(guideUrlOf({}, catalog.services[1]!)).toBeNull();
  });
});
