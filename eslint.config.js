// Layering (docs/architecture.md). Code is placed by what it may depend on and where it may run;
// an import across the allowed edges is a lint error:
//   layers.json        which top-level folder may import which (base/ and common/ import nothing of
//                      the product; hub/ and offline-queue/ only base/ and common/; main/ everything
//                      of the product but cli/; bench/ never tests/)
//   main/core          never main/host, main/web-shell or main/electron (the hosts sit above the core)
//   main/host          the only part of main/ that imports hub/ (it starts the embedded reference hub)
//   main/electron      the only place that imports electron
//   common/            no Node module (shared with the renderer), except common/hub-protocol, which the
//                      renderer never imports and whose signing uses node:crypto
//   renderer/          browser only: no Node modules, no Electron, only common/ (not common/hub-protocol)
// tests/architecture/layering.test.ts checks the same rules over the real import graph.
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const LAYERS = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8'));
const TOP_LEVEL = Object.keys(LAYERS).filter((k) => k !== '//');

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'net',
  'http',
  'https',
  'events',
  'stream',
  'worker_threads',
  'url',
  'util',
  'zlib',
  'buffer',
  'tls',
  'dgram',
  'readline',
  'process',
  'timers',
  'module',
  'vm',
  'assert',
];

const noElectron = { name: 'electron', message: 'Only main/electron may import electron (the kiosk core runs on plain Node).' };
const noElectronSubpaths = { group: ['electron/*'], message: noElectron.message };
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A relative import that climbs out to one of `folders` (`../../hub/x`), below `within` when given (`../host/x`, `../../main/host/x`). */
function climbingTo(folders, message, within = '') {
  const prefix = within ? `(${escape(within)}/)?` : '';
  return { regex: `^(\\.\\./)+${prefix}(${folders.map(escape).join('|')})(/|$)`, message };
}

/** The top-level folders `folder` may not import, as a no-restricted-imports pattern. */
function layerPattern(folder) {
  const allowed = new Set([folder, ...LAYERS[folder]]);
  const forbidden = TOP_LEVEL.filter((f) => !allowed.has(f));
  return climbingTo(forbidden, `${folder}/ may import only ${LAYERS[folder].map((f) => `${f}/`).join(', ') || 'itself'} (layers.json, docs/architecture.md).`);
}

function restrictImports(files, { electron = false, patterns = [] } = {}) {
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: electron ? [] : [noElectron], patterns: [...(electron ? [] : [noElectronSubpaths]), ...patterns] }],
    },
  };
}

const ts = (dir) => [`${dir}/**/*.ts`, `${dir}/**/*.tsx`];
const mainOutsideHost = ['core', 'config', 'face', 'logging', 'security', 'web-shell', 'electron'];

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
  // Type-aware rules. Each file is checked with the first of these projects that includes it (renderer/src
  // with tsconfig.web.json, its DOM and no Node types); files in none of them are linted without types below.
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.web.json', './tsconfig.electron.json', './tsconfig.e2e.json', './tsconfig.renderer-tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], ...reactHooks.configs.flat.recommended },
  // The allow-list, one entry per top-level folder (later entries below narrow main/, common/, renderer/).
  ...TOP_LEVEL.map((folder) => restrictImports(ts(folder), { patterns: [layerPattern(folder)] })),
  {
    files: [
      ...['base', 'common', 'devices', 'offline-queue', 'hub', 'cli'].flatMap(ts),
      ...mainOutsideHost.filter((d) => d !== 'electron').flatMap((d) => ts(`main/${d}`)),
    ],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'] },
  },
  // Inside main/: only main/host starts the reference hub; the core sits below its hosts.
  ...mainOutsideHost.map((d) =>
    restrictImports(ts(`main/${d}`), {
      electron: d === 'electron',
      patterns: [
        layerPattern('main'),
        climbingTo(['hub'], 'Inside main/, only main/host imports hub/ (it starts the embedded reference hub).'),
        ...(d === 'core'
          ? [climbingTo(['host', 'web-shell', 'electron'], 'main/core sits below its hosts: it imports neither main/host nor a shell.', 'main')]
          : []),
      ],
    }),
  ),
  restrictImports(ts('common'), {
    patterns: [layerPattern('common'), { group: ['node:*', ...nodeBuiltins], message: 'common/ is shared with the renderer: no Node modules.' }],
  }),
  restrictImports(ts('common/hub-protocol'), {
    patterns: [
      layerPattern('common'),
      {
        group: ['node:*', '!node:crypto', ...nodeBuiltins.filter((m) => m !== 'crypto')],
        message: 'common/hub-protocol may use node:crypto (signing) and no other Node module.',
      },
    ],
  }),
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            noElectronSubpaths,
            { group: ['node:*', ...nodeBuiltins], message: 'The renderer is sandboxed: no Node modules.' },
            {
              group: ['**/main/*', '**/devices/*', '**/offline-queue/*', '**/hub/*', '**/cli/*', '**/base/*', '**/testing/*'],
              message: 'The renderer talks to the core only through the RPC contract in common/.',
            },
            {
              group: ['**/common/hub-protocol/*'],
              message: 'common/hub-protocol is the hub protocol on Node (the terminal and the hub), not for the renderer.',
            },
          ],
        },
      ],
    },
  },
);
