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
