import { createRequire } from 'node:module';

/**
 * `require` relative to this code, from the ESM sources and from a CommonJS bundle alike (in a
 * CJS bundle `import.meta` is empty and `__filename` is the bundle).
 */
export function localRequire(): NodeJS.Require {
  const url = (import.meta as { url?: string }).url;
  return createRequire(url ?? __filename);
}
