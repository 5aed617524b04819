#!/usr/bin/env node
// npm run soak [-- --journeys N --seed S …]: the kiosk core serving N simulated citizens on the
// embedded defaults while the hub goes down and the paper runs out (bench/soak/soak.ts; --help).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join('bench', 'soak', 'soak.ts'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
