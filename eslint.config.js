// Layering, after VS Code: code is placed by where it may run, and imports across layers are lint errors.
//   common/            pure TypeScript + zod + re2js (pure JS): no Node, no DOM, no Electron
//   main/core, main/config, main/face, main/logging, main/web-shell, devices/, offline-queue/, hub/, cli/:
//                      Node, never Electron, never the DOM
//   main/electron/     the only place that imports electron
//   renderer/          browser only: no Node modules, no Electron, only common/ from the rest of the repo
// tests/architecture/layering.test.ts checks the same rules over the import graph.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'events', 'stream', 'worker_threads',
  'url', 'util', 'zlib', 'buffer', 'tls', 'dgram', 'readline', 'process', 'timers', 'module', 'vm', 'assert',
];

const noElectron = { name: 'electron', message: 'Only main/electron may import electron (the kiosk core runs on plain Node).' };

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'bench-results/**', '**/*.d.ts'],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['common/**/*.ts', 'main/core/**/*.ts', 'main/config/**/*.ts', 'main/face/**/*.ts', 'main/logging/**/*.ts', 'main/web-shell/**/*.ts', 'devices/**/*.ts', 'offline-queue/**/*.ts', 'hub/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [{ group: ['electron/*'], message: noElectron.message }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*', ...nodeBuiltins], message: 'common/ is shared with the renderer: no Node modules.' },
            { group: ['../main/*', '../../main/*', '../renderer/*', '../../renderer/*', '../devices/*', '../../devices/*', '../offline-queue/*', '../../offline-queue/*', '../hub/*', '../../hub/*', '../cli/*', '../../cli/*'], message: 'common/ imports nothing outside common/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*', ...nodeBuiltins], message: 'The renderer is sandboxed: no Node modules.' },
            { group: ['**/main/*', '**/devices/*', '**/offline-queue/*', '**/hub/*', '**/cli/*'], message: 'The renderer talks to the core only through the RPC contract in common/.' },
          ],
        },
      ],
    },
  },
);
