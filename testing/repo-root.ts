import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder (tests, benchmarks and tools find sources, assets and builds from it). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
