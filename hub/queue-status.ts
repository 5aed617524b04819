import type { QueueStatusAnswer } from '../common/hub-protocol/answers';

interface CatalogShape {
  services?: { code: string; category: string; kind: string }[];
  categories?: Record<string, { 'zh-CN': string; 'zh-HK': string; en: string }>;
}

/**
 * GET v1/queue-status: the tickets waiting, summed per category of the catalog. Every category
 * with a ticket service is listed (0 when nobody waits), in catalog order; waiting tickets of a
 * service no longer in the catalog are not counted.
 */
export function queueStatus(catalog: Record<string, unknown> | undefined, waitingByService: Map<string, number>, now: number): QueueStatusAnswer {
  const { services = [], categories = {} } = (catalog ?? {}) as CatalogShape;
  const waiting = new Map<string, number>();
  for (const s of services) {
    if (s.kind !== 'ticket') continue;
    waiting.set(s.category, (waiting.get(s.category) ?? 0) + (waitingByService.get(s.code) ?? 0));
  }
  return {
    at: new Date(now).toISOString(),
    categories: [...waiting].map(([category, n]) => ({
      category,
      name: categories[category] ?? { 'zh-CN': category, 'zh-HK': category, en: category },
      waiting: n,
    })),
  };
}
