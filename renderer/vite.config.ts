import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chineseInputData } from '../scripts/chinese-input-vite-plugin';

const root = path.dirname(new URL(import.meta.url).pathname);
const { version } = JSON.parse(readFileSync(path.join(root, '..', 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  root,
  base: './',
  plugins: [react(), chineseInputData()],
  define: { __APP_VERSION__: JSON.stringify(version) },
  // The handwriting matcher's worker loads its templates as a chunk of its own: ES module workers.
  worker: { format: 'es', plugins: () => [chineseInputData()] },
  build: {
    outDir: path.join(root, '..', 'dist', 'renderer'),
    emptyOutDir: true,
    // No inline scripts or styles: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
});
