import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../testing/repo-root';
import layersJson from '../../layers.json';

/** The layering rules of eslint.config.js and layers.json, checked again over the real import graph. */

/** layers.json: which top-level folder may import which (a folder may always import itself). */
const LAYERS: Record<string, readonly string[]> = Object.fromEntries(Object.entries(layersJson).filter(([k]) => k !== '//')) as Record<string, string[]>;
const TOP_LEVEL = Object.keys(LAYERS);

const SOURCE_EXT = /\.(ts|tsx)$/;
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function sourceFiles(dir: string): string[] {
  const abs = path.join(REPO_ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const p = path.join(abs, name);
    if (statSync(p).isDirectory()) return sourceFiles(path.join(dir, name));
    return SOURCE_EXT.test(name) && !name.endsWith('.d.ts') ? [path.join(dir, name)] : [];
  });
}

function withoutComments(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
}

function importsOf(file: string): string[] {
  const text = withoutComments(file);
  const specs = new Set<string>();
  for (const re of [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ]) {
    for (const m of text.matchAll(re)) specs.add(m[1]!);
  }
  return [...specs];
}

function resolveRelative(from: string, spec: string): string | null {
  const base = path.join(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    const abs = path.join(REPO_ROOT, candidate);
    if (existsSync(abs) && statSync(abs).isFile()) return path.normalize(candidate);
  }
  return null;
}

const NODE_LAYERS = [
  'base',
  'common',
  'main/core',
  'main/config',
  'main/logging',
  'main/security',
  'main/host',
  'main/face',
  'main/web-shell',
  'devices',
  'offline-queue',
  'hub',
  'cli',
];

/** Every relative import of the sources in top-level folders, resolved to a file in one (root files such as layers.json left out). */
function importGraph(): { from: string; to: string }[] {
  return TOP_LEVEL.flatMap(sourceFiles).flatMap((from) =>
    importsOf(from)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolveRelative(from, s))
      .filter((to): to is string => to !== null && to.includes(path.sep))
      .map((to) => ({ from, to })),
  );
}

const topLevelOf = (file: string) => file.split(path.sep)[0]!;

/** Imports between top-level folders that layers.json does not allow, as `from -> to`. */
function disallowedImports(edges: { from: string; to: string }[], layers: Record<string, readonly string[]>): string[] {
  return edges
    .filter(({ from, to }) => {
      const a = topLevelOf(from);
      const b = topLevelOf(to);
      return a !== b && !(layers[a] ?? []).includes(b);
    })
    .map(({ from, to }) => `${from} -> ${to}`);
}

/** The cycles among top-level folders in `edges` (each as `a -> b -> … -> a`), empty when there is none. */
function folderCycles(edges: { from: string; to: string }[]): string[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = topLevelOf(from);
    const b = topLevelOf(to);
    if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, trail: string[]): void => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'open');
    for (const n of next.get(node) ?? []) visit(n, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of next.keys()) visit(node, []);
  return cycles;
}

describe('the allow-list of layers.json over the import graph', () => {
  const edges = importGraph();

  it('lists every top-level folder that holds TypeScript sources', () => {
    const holders = readdirSync(REPO_ROOT).filter(
      (name) =>
        !name.startsWith('.') &&
        name !== 'node_modules' &&
        name !== 'dist' &&
        statSync(path.join(REPO_ROOT, name)).isDirectory() &&
        sourceFiles(name).length > 0,
    );
    expect(holders.filter((name) => !TOP_LEVEL.includes(name))).toEqual([]);
  });

  it('holds: every import between top-level folders is one layers.json allows', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(disallowedImports(edges, LAYERS)).toEqual([]);
  });

  it('keeps the required edges out: hub/ imports neither offline-queue/ nor main/, offline-queue/ not main/, bench/ not tests/, base/ and common/ nothing', () => {
    expect(LAYERS['hub']).not.toContain('offline-queue');
    expect(LAYERS['hub']).not.toContain('main');
    expect(LAYERS['offline-queue']).not.toContain('main');
    expect(LAYERS['bench']).not.toContain('tests');
    expect(LAYERS['base']).toEqual([]);
    expect(LAYERS['common']).toEqual([]);
  });

  it('has no cycle between top-level folders', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it('finds a disallowed import and a cycle when there is one (the checks themselves work)', () => {
    const planted = [
      { from: path.join('hub', 'x.ts'), to: path.join('offline-queue', 'y.ts') },
      { from: path.join('offline-queue', 'y.ts'), to: path.join('hub', 'z.ts') },
    ];
    expect(disallowedImports(planted, LAYERS)).toEqual([`${planted[0]!.from} -> ${planted[0]!.to}`, `${planted[1]!.from} -> ${planted[1]!.to}`]);
    expect(folderCycles(planted)).toEqual(['hub -> offline-queue -> hub']);
  });
});

describe('layering', () => {
  it('finds the sources it checks', () => {
    expect(sourceFiles('main/core').length).toBeGreaterThan(3);
    expect(sourceFiles('renderer/src').length).toBeGreaterThan(3);
  });

  it('keeps electron out of the core, common/ and every Node-side module', () => {
    const offenders = NODE_LAYERS.flatMap(sourceFiles).filter((f) => importsOf(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('keeps Node-side modules from importing the renderer or the Electron shell', () => {
    const offenders = NODE_LAYERS.flatMap(sourceFiles).flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolveRelative(f, s))
        .filter((r): r is string => r !== null && (r.startsWith('renderer/') || r.startsWith('main/electron/')))
        .map((r) => `${f} -> ${r}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the core below its hosts: main/core imports neither main/host nor a shell', () => {
    const offenders = sourceFiles('main/core').flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolveRelative(f, s))
        .filter((r): r is string => r !== null && (r.startsWith('main/host/') || r.startsWith('main/web-shell/') || r.startsWith('main/electron/')))
        .map((r) => `${f} -> ${r}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps main/host the only part of main/ that imports hub/ (it starts the embedded reference hub)', () => {
    const offenders = sourceFiles('main')
      .filter((f) => !f.startsWith(path.join('main', 'host') + path.sep))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith('.'))
          .map((s) => resolveRelative(f, s))
          .filter((r): r is string => r !== null && r.startsWith('hub/'))
          .map((r) => `${f} -> ${r}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps common/ pure: only zod, re2js and common/ itself (and node:crypto in common/hub-protocol, which signs requests)', () => {
    const offenders = sourceFiles('common').flatMap((f) =>
      importsOf(f)
        .filter((s) => {
          if (s.startsWith('.')) return !(resolveRelative(f, s) ?? '').startsWith('common/');
          if (s === 'node:crypto' && f.startsWith(path.join('common', 'hub-protocol') + path.sep)) return false;
          return s !== 'zod' && s !== 're2js';
        })
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps base/ free of the product: Node modules, SQLite and base/ itself only', () => {
    // better-sqlite3: the durable-database opener is shared by hub/, offline-queue/ and main/, and base/ is their only common layer.
    const allowedPackages = new Set(['better-sqlite3']);
    const offenders = sourceFiles('base').flatMap((f) =>
      importsOf(f)
        .filter((s) => (s.startsWith('.') ? !(resolveRelative(f, s) ?? '').startsWith('base/') : !NODE_BUILTINS.has(s) && !allowedPackages.has(s)))
        .map((s) => `${f} -> ${s}`),
    );
    expect(sourceFiles('base').length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });

  it('keeps Node modules and everything but common/ out of the renderer', () => {
    const allowedPackages = new Set([
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'i18next',
      'react-i18next',
      'zod',
      're2js',
      // 证明打印's preview: pdf.js and its worker, a file of the build (renderer/src/screens/citizen/document/pdf-pages.ts).
      'pdfjs-dist',
      'pdfjs-dist/build/pdf.worker.min.mjs?url',
      // The menu's search by pinyin (screens/citizen/menu/service-search.ts) and the guide's QR code on screen (components/QrCode.tsx).
      'pinyin-pro',
      'qrcode',
      // Chinese text entry (renderer/src/input): 繁體/简体 conversion, and the data the build makes (scripts/chinese-input-vite-plugin.ts).
      'opencc-js/cn2t',
      'opencc-js/t2cn',
      'virtual:chinese-input/handwriting',
      'virtual:chinese-input/pinyin',
      // Line icons of the tiles and ways in (长辈版's menu, the attract screen).
      'lucide-react',
    ]);
    const offenders = sourceFiles('renderer/src').flatMap((f) =>
      importsOf(f)
        .filter((s) => {
          if (s.startsWith('.')) {
            const r = resolveRelative(f, s) ?? s;
            return !(r.startsWith('renderer/') || (r.startsWith('common/') && !r.startsWith('common/hub-protocol/')));
          }
          return NODE_BUILTINS.has(s) || !allowedPackages.has(s);
        })
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('uses no DOM globals in the core and common/', () => {
    const offenders = ['common', 'main/core', 'main/config', 'main/host']
      .flatMap(sourceFiles)
      // Not after a quote: 'document.print' is an RPC method and 'document.printed' an outbox kind, not the DOM.
      .filter((f) => /(?<!['"`])\b(document|window|navigator|localStorage)\s*\./.test(withoutComments(f)));
    expect(offenders).toEqual([]);
  });

  it('detects a violation when one is present (the check itself works)', () => {
    expect(importsOf('main/web-shell/web-shell.ts')).toContain('ws');
    expect(resolveRelative('main/web-shell/web-shell.ts', '../core/create-kiosk-core')).toBe(path.normalize('main/core/create-kiosk-core.ts'));
  });
});
