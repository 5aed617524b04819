import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../testing/repo-root';

/** The layering rules of eslint.config.js, checked again over the real import graph. */

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
  for (const re of [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g]) {
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

const NODE_LAYERS = ['common', 'main/core', 'main/config', 'main/logging', 'main/security', 'main/host', 'main/face', 'main/web-shell', 'devices', 'offline-queue', 'hub', 'cli'];

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

  it('keeps common/ pure: only zod, re2js and common/ itself', () => {
    const offenders = sourceFiles('common').flatMap((f) =>
      importsOf(f)
        .filter((s) => (s.startsWith('.') ? !(resolveRelative(f, s) ?? '').startsWith('common/') : s !== 'zod' && s !== 're2js'))
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps Node modules and everything but common/ out of the renderer', () => {
    const allowedPackages = new Set(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'i18next', 'react-i18next', 'zod', 're2js']);
    const offenders = sourceFiles('renderer/src').flatMap((f) =>
      importsOf(f)
        .filter((s) => {
          if (s.startsWith('.')) {
            const r = resolveRelative(f, s) ?? s;
            return !(r.startsWith('renderer/') || r.startsWith('common/'));
          }
          return NODE_BUILTINS.has(s) || !allowedPackages.has(s);
        })
        .map((s) => `${f} -> ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('uses no DOM globals in the core and common/', () => {
    const offenders = ['common', 'main/core', 'main/config', 'main/host'].flatMap(sourceFiles).filter((f) =>
      /\b(document|window|navigator|localStorage)\s*\./.test(withoutComments(f)),
    );
    expect(offenders).toEqual([]);
  });

  it('detects a violation when one is present (the check itself works)', () => {
    expect(importsOf('main/web-shell/web-shell.ts')).toContain('ws');
    expect(resolveRelative('main/web-shell/web-shell.ts', '../core/create-kiosk-core')).toBe(path.normalize('main/core/create-kiosk-core.ts'));
  });
});
