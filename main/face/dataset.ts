import { seededRandom } from '../../base/prng';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** identities.json: identity label → image file names. */
export const identitiesSchema = z.record(z.string().min(1), z.array(z.string().min(1)).min(1));
export type Identities = z.infer<typeof identitiesSchema>;

export interface LabelledPair {
  a: string;
  b: string;
  same: boolean;
}

export function loadIdentities(file: string): Identities {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot read identities (${(err as Error).message})`);
  }
  const parsed = identitiesSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: identities must map each label to a list of image files`);
  return parsed.data;
}

/** Every pair of images among the identities, labelled same / different person. */
export function pairsFromIdentities(identities: Identities): LabelledPair[] {
  const images = Object.entries(identities).flatMap(([label, files]) => files.map((f) => ({ label, file: f })));
  const pairs: LabelledPair[] = [];
  for (let i = 0; i < images.length; i++) {
    for (let j = i + 1; j < images.length; j++) {
      pairs.push({ a: images[i]!.file, b: images[j]!.file, same: images[i]!.label === images[j]!.label });
    }
  }
  return pairs;
}

/** `file_x,file_y,same_person` with a header line (CRLF or LF). */
export function parsePairsCsv(text: string): LabelledPair[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(1).map((line, i) => {
    const [a, b, same] = line.split(',').map((s) => s.trim());
    if (!a || !b || (same !== '0' && same !== '1')) throw new Error(`pairs line ${i + 2} is not file_x,file_y,0|1`);
    return { a, b, same: same === '1' };
  });
}

/** Identities parted by person: thresholds are chosen on `calibration` and judged on `evaluation`. */
export interface IdentitySplit {
  seed: number;
  calibration: Identities;
  evaluation: Identities;
}

/**
 * Parts the identities by person, never by photo (a person's photos all land on one side): the
 * labels, sorted, are shuffled with `seed` (Fisher–Yates) and the first half, rounded up, is the
 * calibration part. A photo listed under two labels is refused: it would be on both sides.
 */
export function splitIdentities(identities: Identities, seed: number): IdentitySplit {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`the split seed must be a whole number from 0 to 4294967295 (got ${seed})`);
  const labels = Object.keys(identities).sort();
  if (labels.length < 4) throw new Error(`a split by identity needs at least 4 identities, two on each side for impostor pairs (got ${labels.length})`);
  const owner = new Map<string, string>();
  for (const label of labels) {
    for (const file of identities[label]!) {
      const other = owner.get(file);
      if (other !== undefined && other !== label) throw new Error(`${file} is listed under both ${other} and ${label}`);
      owner.set(file, label);
    }
  }
  const random = seededRandom(seed);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  const cut = Math.ceil(labels.length / 2);
  const part = (chosen: string[]): Identities => Object.fromEntries([...chosen].sort().map((l) => [l, identities[l]!]));
  return { seed, calibration: part(labels.slice(0, cut)), evaluation: part(labels.slice(cut)) };
}

/** The labelled pairs whose two photos both belong to `identities` (pairs across two parts are dropped). */
export function pairsWithin(pairs: readonly LabelledPair[], identities: Identities): LabelledPair[] {
  const files = new Set(Object.values(identities).flat());
  return pairs.filter((p) => files.has(p.a) && files.has(p.b));
}
