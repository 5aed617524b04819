#!/usr/bin/env node
// npm test: system packages, type checking, lint, build, then every vitest test (unit and
// end-to-end in Chromium). Closes with "N passed, N failed" from vitest's JSON report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemDeps } from './system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const startedAt = Date.now();
const elapsed = () => `${Math.round((Date.now() - startedAt) / 1000)} s`;
const passthrough = process.argv.slice(2);

function step(name, cmd, args) {
  console.log(`\n── ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`\n${name} failed (exit ${r.status ?? r.signal}).`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const missing = ensureSystemDeps();
if (missing.length > 0) {
  console.error('The tests need system packages that are not installed:');
  for (const d of missing) console.error(`  - ${d.what}: Debian package ${d.apt}`);
  console.error(`Install them with:\n  sudo apt-get install -y ${[...new Set(missing.map((d) => d.apt))].join(' ')}`);
  process.exit(1);
}

const npx = (bin, ...args) => [process.execPath, [path.join(root, 'node_modules', '.bin', bin), ...args]];
step('type checking', ...npx('tsc', '-p', 'tsconfig.json'));
step('type checking (renderer)', ...npx('tsc', '-p', 'tsconfig.web.json'));
step('type checking (electron shell)', ...npx('tsc', '-p', 'tsconfig.electron.json'));
step('type checking (end-to-end tests)', ...npx('tsc', '-p', 'tsconfig.e2e.json'));
step('type checking (renderer tests)', ...npx('tsc', '-p', 'tsconfig.renderer-tests.json'));
step('lint', ...npx('eslint', '.'));
step('formatting', ...npx('prettier', '--check', '--log-level', 'warn', '.'));
step('build', 'npm', ['run', 'build', '--silent']);

const reportDir = path.join(root, 'test-artifacts');
mkdirSync(reportDir, { recursive: true });
const report = path.join(reportDir, 'vitest-report.json');
console.log('\n── tests: vitest run (unit, then e2e)');
const testsStartedAt = Date.now();
const r = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...passthrough],
  { cwd: root, stdio: 'inherit', env: process.env },
);

if (!existsSync(report)) {
  console.error('vitest wrote no report');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const json = JSON.parse(readFileSync(report, 'utf8'));
const passed = json.numPassedTests ?? 0;
// A test file that failed to load has no failed test of its own: count it as one failure.
const brokenFiles = (json.testResults ?? []).filter(
  (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
).length;
let failed = (json.numFailedTests ?? 0) + brokenFiles;
if (r.status !== 0 && failed === 0) failed = 1;
const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
if (passed + failed === 0) console.error('no test ran');
console.log(`\nvitest took ${Math.round((Date.now() - testsStartedAt) / 1000)} s; npm test ${elapsed()} in all`);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
