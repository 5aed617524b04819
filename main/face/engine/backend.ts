import { localRequire } from './local-require';
import path from 'node:path';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import { unpackedAsarPath } from './model-dir';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type FaceApiModule = typeof FaceApi;
export type Tf = typeof import('@tensorflow/tfjs');

export interface LoadedBackend {
  name: BackendName;
  faceapi: FaceApiModule;
  tf: Tf;
  /** Why faster backends were skipped, for diagnostics. */
  skipped: string[];
}

/**
 * Picks the fastest backend that works here: native tfjs-node (optional dependency), else the
 * wasm backend with SIMD on one thread, else plain JS (cpu). `prefer` forces a slower one.
 */
export async function loadBackend(prefer?: BackendName): Promise<LoadedBackend> {
  const require = localRequire();
  const skipped: string[] = [];
  const order: BackendName[] = prefer === 'cpu' ? ['cpu'] : prefer === 'wasm' ? ['wasm', 'cpu'] : ['tensorflow', 'wasm', 'cpu'];

  if (order[0] === 'tensorflow') {
    try {
      require('@tensorflow/tfjs-node');
      const faceapi = require('@vladmandic/face-api') as FaceApiModule;
      const tf = faceapi.tf as unknown as Tf;
      await tf.setBackend('tensorflow');
      await tf.ready();
      return { name: 'tensorflow', faceapi, tf, skipped };
    } catch (err) {
      skipped.push(`tensorflow: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApiModule;
  const tf = faceapi.tf as unknown as Tf;
  if (order.includes('wasm')) {
    try {
      const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(p: string): void; setThreadsCount?(n: number): void };
      const wasmDir = unpackedAsarPath(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))) + path.sep;
      wasm.setWasmPaths(wasmDir);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { name: 'wasm', faceapi, tf, skipped };
      }
      skipped.push('wasm: backend failed to initialise');
    } catch (err) {
      skipped.push(`wasm: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', faceapi, tf, skipped };
}
