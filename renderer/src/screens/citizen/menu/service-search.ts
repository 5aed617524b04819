import { match } from 'pinyin-pro';
import type { CatalogService } from '../../../../../common/catalog/schema';
import type { Language } from '../../../../../common/i18n/languages';

/** A service the search found, with the characters of its shown name to highlight. */
export interface ServiceHit {
  service: CatalogService;
  /** Indices into `service.name[language]`; empty when the hit was on another name or a keyword. */
  highlight: number[];
}

/** How well a query hit one text: at its start, without gaps, with few skipped characters. */
interface Fit {
  atStart: boolean;
  contiguous: boolean;
  skipped: number;
}

/** Letters and hanzi only, lower case: "She Bao" and "shebao" are the same query. */
export function normalizeQuery(query: string): string {
  return query.toLowerCase().replace(/[\s'’\-_.]/g, '');
}

/**
 * The indices of `text` the query hits: hanzi by character, full pinyin, initials or a mix
 * (pinyin-pro `match`, 繁體 too); Latin text by a case-insensitive substring.
 */
export function hitIndices(text: string, query: string, options: { contiguous?: boolean } = {}): number[] | null {
  if (/^[\x20-\x7e]*$/.test(text)) {
    const at = text.toLowerCase().indexOf(query);
    return at < 0 ? null : Array.from(query, (_, i) => at + i);
  }
  return match(text, query, { continuous: options.contiguous ?? false }) ?? null;
}

function fitOf(indices: number[]): Fit {
  const first = indices[0]!;
  const skipped = indices[indices.length - 1]! - first + 1 - indices.length;
  return { atStart: first === 0, contiguous: skipped === 0, skipped };
}

/** Negative when `a` is the better fit. */
function compareFit(a: Fit, b: Fit): number {
  return Number(b.atStart) - Number(a.atStart) || Number(b.contiguous) - Number(a.contiguous) || a.skipped - b.skipped;
}

/** The hall's most used first; a service without a rank after every ranked one, in catalog order. */
export function byUsage(services: readonly CatalogService[]): CatalogService[] {
  return services
    .map((service, index) => ({ service, index }))
    .sort((a, b) => (a.service.usageRank ?? Infinity) - (b.service.usageRank ?? Infinity) || a.index - b.index)
    .map((x) => x.service);
}

/**
 * The services a query finds in their names (every language) or keywords, best first: a hit at the
 * start of a text, then a hit without gaps, then fewer skipped characters, then the hall's usage rank.
 */
export function searchServices(services: readonly CatalogService[], rawQuery: string, language: Language): ServiceHit[] {
  const query = normalizeQuery(rawQuery);
  if (query === '') return [];
  const found: { hit: ServiceHit; fit: Fit }[] = [];
  for (const service of byUsage(services)) {
    const shown = hitIndices(service.name[language], query);
    // A keyword is a whole word citizens say (医保 for 医疗保险): only a hit without gaps counts,
    // or "yb" would find 养老保险 as well as 医保.
    const others = [
      ...[service.name['zh-CN'], service.name['zh-HK'], service.name.en].map((text) => ({ text, contiguous: false })),
      ...(service.keywords ?? []).map((text) => ({ text, contiguous: true })),
    ];
    let best: Fit | null = shown ? fitOf(shown) : null;
    for (const { text, contiguous } of others) {
      const indices = hitIndices(text, query, { contiguous });
      if (!indices) continue;
      const fit = fitOf(indices);
      if (!best || compareFit(fit, best) < 0) best = fit;
    }
    if (best) found.push({ hit: { service, highlight: shown ?? [] }, fit: best });
  }
  // A stable sort keeps the usage order among equal fits.
  return found.sort((a, b) => compareFit(a.fit, b.fit)).map((f) => f.hit);
}
