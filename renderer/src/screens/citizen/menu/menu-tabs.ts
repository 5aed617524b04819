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
  const categories = categoryTabs(catalog, ranked);
  if (categories.length < 2 || ranked.length <= POPULAR_COUNT) return [{ id: 'popular', name: null, services: ranked }];
  return [{ id: 'popular', name: null, services: ranked.slice(0, POPULAR_COUNT) }, ...categories];
}

/** A tab per category that has services: those the catalog names (in its order), then any other; each most used first. */
export function categoryTabs(catalog: Catalog, ranked = byUsage(catalog.services)): MenuTab[] {
  const named = Object.keys(catalog.categories ?? {});
  const used = [...new Set([...named, ...ranked.map((s) => s.category)])].filter((c) => ranked.some((s) => s.category === c));
  return used.map((category) => ({
    id: category,
    name: catalog.categories?.[category] ?? { 'zh-CN': category, 'zh-HK': category, en: category },
    services: ranked.filter((s) => s.category === category),
  }));
}

/** How many tiles 长辈版's first page holds: three rows of three on a 1080p screen. */
export const ELDER_HOME_TILES = 9;

export interface ElderHome {
  /** The most used services, in order. */
  services: CatalogService[];
  /** A 更多事项 tile leads to the categories (some services are not on the first page). */
  more: boolean;
}

/**
 * 长辈版's first page: the most used services in the tiles left after `reserved` others (the
 * appointment check-in), one of them kept for 更多事项 unless every service fits.
 */
export function elderHome(catalog: Catalog, reserved: number): ElderHome {
  const ranked = byUsage(catalog.services);
  const room = Math.max(1, ELDER_HOME_TILES - reserved);
  if (ranked.length <= room) return { services: ranked, more: false };
  return { services: ranked.slice(0, room - 1), more: true };
}
