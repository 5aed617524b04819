import type { Catalog, CatalogService } from '../../../../../common/catalog/schema';
import type { LocalizedText } from '../../../../../common/i18n/languages';
import { byUsage } from './service-search';

/** How many of the hall's most used services the 常用 tab shows. */
export const POPULAR_COUNT = 12;

export interface MenuTab {
  /** `popular`, or a category key of the catalog. */
  id: string;
  /** null: the 常用 tab, named by the screen's own strings. */
  name: LocalizedText | null;
  services: CatalogService[];
}

/**
 * The menu's tabs: 常用 (the most used services) first, then one per category the catalog names
 * (in its order, then any category it does not name), each most used first. A catalog of one
 * category, or of no more services than 常用 shows, has the 常用 tab only, with every service.
 */
export function menuTabs(catalog: Catalog): MenuTab[] {
  const ranked = byUsage(catalog.services);
  const named = Object.keys(catalog.categories ?? {});
  const used = [...new Set([...named, ...ranked.map((s) => s.category)])].filter((c) => ranked.some((s) => s.category === c));
  if (used.length < 2 || ranked.length <= POPULAR_COUNT) return [{ id: 'popular', name: null, services: ranked }];
  return [
    { id: 'popular', name: null, services: ranked.slice(0, POPULAR_COUNT) },
    ...used.map((category) => ({
      id: category,
      name: catalog.categories?.[category] ?? { 'zh-CN': category, 'zh-HK': category, en: category },
      services: ranked.filter((s) => s.category === category),
    })),
  ];
}
