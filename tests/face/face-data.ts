import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../testing/repo-root';
import { parsePairsCsv, type Identities, type LabelledPair } from '../../main/face/dataset';

/** The shared labelled photos (never copied into the repository). */
export const FACES_DIR = path.resolve(REPO_ROOT, '../shared/data/faces');

export function faceFile(name: string): string {
  return path.join(FACES_DIR, name);
}

export function sharedIdentities(): Identities {
  return JSON.parse(readFileSync(faceFile('identities.json'), 'utf8')) as Identities;
}

export function sharedPairs(): LabelledPair[] {
  return parsePairsCsv(readFileSync(faceFile('pairs_ground_truth.csv'), 'utf8'));
}
