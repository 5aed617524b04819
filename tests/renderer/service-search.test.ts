import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { searchServices } from '../../renderer/src/screens/citizen/menu/service-search';
import { REPO_ROOT } from '../../testing/repo-root';

const { services } = loadCatalogFile(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'));
const codes = (query: string, language: 'zh-CN' | 'zh-HK' | 'en' = 'zh-CN') => searchServices(services, query, language).map((h) => h.service.code);
const categoryOf = (code: string) => services.find((s) => s.code === code)!.category;
const socialSecurity = (code: string) => categoryOf(code) === 'social-security' || code === 'P1'; // P1: 社保参保证明打印

/** The menu's search over the default catalog: hanzi, full pinyin, initials; best fit first, then the hall's usage. */
describe('searching the services', () => {
  it('"sb" finds the 社保 services first, the most used of them first', () => {
    const found = codes('sb');
    expect(found.slice(0, 2)).toEqual(['A', 'P1']); // 社保业务, 社保参保证明打印: at the start, no gap, most used
    expect(found.slice(0, 5).every(socialSecurity)).toBe(true);
    // 城乡居民医保参保登记 hits "sb" only in its middle (参保): after 失业保险金申领, a hit at the start.
    expect(found.indexOf('B1')).toBeGreaterThan(found.indexOf('A5'));
  });

  it('"shebao" (full pinyin) and "社保" (hanzi) find the same first services as "sb"', () => {
    expect(codes('shebao').slice(0, 2)).toEqual(['A', 'P1']);
    expect(codes('She Bao').slice(0, 2)).toEqual(['A', 'P1']);
    expect(codes('社保').slice(0, 2)).toEqual(['A', 'P1']);
  });

  it('"医保" and "yb" find the medical insurance services first; 医疗保险 finds 医保业务 by its keyword', () => {
    expect(codes('医保')[0]).toBe('B');
    expect(codes('yb')[0]).toBe('B');
    expect(
      codes('yb')
        .slice(0, 2)
        .every((c) => categoryOf(c) === 'medical-insurance'),
    ).toBe(true);
    expect(codes('医疗保险')).toContain('B');
    expect(codes('yiliaobaoxian')).toContain('B');
  });

  it('ranks a hit at the start before a contiguous one inside the name, and fewer gaps before more', () => {
    const tiny = [
      { ...services.find((s) => s.code === 'B')!, code: 'X1', name: { 'zh-CN': '个人医保凭证', 'zh-HK': '個人醫保憑證', en: 'x' }, keywords: [], usageRank: 1 },
      { ...services.find((s) => s.code === 'B')!, code: 'X2', name: { 'zh-CN': '医疗保险', 'zh-HK': '醫療保險', en: 'y' }, keywords: [], usageRank: 2 },
      { ...services.find((s) => s.code === 'B')!, code: 'X3', name: { 'zh-CN': '医保业务', 'zh-HK': '醫保業務', en: 'z' }, keywords: [], usageRank: 3 },
    ];
    expect(searchServices(tiny, 'yb', 'zh-CN').map((h) => h.service.code)).toEqual(['X3', 'X2', 'X1']);
    expect(searchServices(tiny, 'yb', 'zh-CN').map((h) => h.highlight)).toEqual([
      [0, 1],
      [0, 2],
      [2, 3],
    ]);
  });

  it('matches the 繁體 names shown in zh-HK and highlights them; English by words', () => {
    const [first] = searchServices(services, 'sb', 'zh-HK');
    expect(first!.service.name['zh-HK']).toBe('社保業務');
    expect(first!.highlight).toEqual([0, 1]);
    expect(codes('passport', 'en')).toEqual(expect.arrayContaining(['E1', 'E4']));
    expect(searchServices(services, 'Passport', 'en').find((h) => h.service.code === 'E1')!.highlight).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('finds nothing for nonsense and nothing for an empty query', () => {
    expect(codes('xqzv')).toEqual([]);
    expect(codes('  ')).toEqual([]);
  });
});
