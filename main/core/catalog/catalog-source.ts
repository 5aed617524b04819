import { readFileSync } from 'node:fs';
import { catalogSchema, type Catalog } from '../../../common/catalog/schema';
import { formatIssuePath } from '../../../common/config/schema';

/** Reads and validates a catalog file (the default catalog in assets/, or a cached hub catalog). */
export function loadCatalogFile(file: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`catalog ${file} is not readable JSON: ${(err as Error).message}`);
  }
  const parsed = catalogSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`catalog ${file} is invalid: ` + parsed.error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
