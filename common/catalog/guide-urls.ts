import type { Catalog, CatalogService } from './schema';

/** The address of a service's guide (the QR code's text): its own `url`, else the catalog's base + the code. */
export function guideUrlOf(catalog: Pick<Catalog, 'guideBaseUrl'>, service: Pick<CatalogService, 'code' | 'guide'>): string | null {
  if (!service.guide) return null;
  if (service.guide.url) return service.guide.url;
  return catalog.guideBaseUrl ? catalog.guideBaseUrl + encodeURIComponent(service.code) : null;
}

/** The catalog with every guide's `url` filled in, so a service alone (the screen's, the ticket's) knows its guide's address. */
export function withGuideUrls(catalog: Catalog): Catalog {
  return {
    ...catalog,
    services: catalog.services.map((s) => {
      const url = guideUrlOf(catalog, s);
      return s.guide && url && s.guide.url !== url ? { ...s, guide: { ...s.guide, url } } : s;
    }),
  };
}
