import { existsSync } from 'node:fs';
import { localRequire } from './local-require';
import path from 'node:path';

/**
 * Inside a packaged app the face-api package sits in app.asar, but its model files are unpacked
 * (asarUnpack) next to it: the same path with `app.asar` replaced by `app.asar.unpacked`.
 */
export function unpackedAsarPath(p: string): string {
  return p.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** The `model/` folder of @vladmandic/face-api, resolved from this module. */
export function resolveFaceModelDir(): string {
  const pkgJson = localRequire().resolve('@vladmandic/face-api/package.json');
  const dir = unpackedAsarPath(path.join(path.dirname(pkgJson), 'model'));
  if (!existsSync(path.join(dir, 'face_recognition_model-weights_manifest.json'))) {
    throw new Error(`face models not found in ${dir}`);
  }
  return dir;
}
