import { defineConfig } from 'tsup';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(version) };

// Node-side bundles. Dependencies stay external (native modules, face models, wasm are loaded
// from node_modules at run time, asar-unpacked when packaged).
export default defineConfig([
  {
    entry: {
      start: 'main/start.ts',
      'web-shell/main': 'main/web-shell/main.ts',
      'cli/kioskctl': 'cli/kioskctl.ts',
      // The face engine's worker thread (main/face/engine/engine-client.ts finds it as face/worker.js).
      'face/worker': 'main/face/engine/worker.ts',
    },
    outDir: 'dist',
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    clean: false,
    splitting: true,
    shims: true,
    define,
  },
  {
    entry: { 'electron/main': 'main/electron/main.ts', 'electron/preload': 'main/electron/preload.ts' },
    outDir: 'dist',
    format: ['cjs'],
    outExtension: () => ({ js: '.cjs' }),
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    clean: false,
    shims: true,
    define,
  },
]);
