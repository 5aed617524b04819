import { defineConfig } from 'vitest/config';
import { chineseInputData } from './scripts/chinese-input-vite-plugin';

// Two projects: fast unit/integration tests (real SQLite, real ptys, real HTTP on loopback),
// and end-to-end tests that drive Debian's chromium through the web shell.
// The e2e group runs after the unit group (sequence.groupOrder), never beside it: both together
// would starve a 2-core machine. expect.poll waits are generous for the same reason: a busy
// machine may take seconds for what an idle one does in milliseconds.
export default defineConfig({
  test: {
    projects: [
      {
        // The renderer's lazily imported Chinese input data (renderer tests import the screens that use it).
        plugins: [chineseInputData()],
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
          pool: 'forks',
          sequence: { groupOrder: 0 },
          expect: { poll: { timeout: 15_000, interval: 50 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
