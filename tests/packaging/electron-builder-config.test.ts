import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { DebugLogger } from 'builder-util';

// electron-builder.yml checked offline, with electron-builder's own code: its loader, its schema
// validation, and its file matchers (minimatch underneath) applied to the real files in node_modules.

const projectDir = path.resolve(__dirname, '..', '..');
const configFile = path.join(projectDir, 'electron-builder.yml');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(projectDir, configFile, null);
});

type MatchFilter = (file: string, stat: Stats) => boolean;

function matcherFor(name: 'asarUnpack' | 'files'): MatchFilter {
  const matchers = getFileMatchers(config, name, path.join(projectDir, 'release', 'staging'), {
    macroExpander: (pattern: string) => pattern,
    customBuildOptions: {},
    globalOutDir: path.join(projectDir, 'release'),
    defaultSrc: projectDir,
  });
  const first = matchers?.[0];
  if (!first) throw new Error(`electron-builder.yml has no ${name} patterns`);
  return first.createFilter() as MatchFilter;
}

/** Relative paths of the real files under a folder of the project (recursively). */
function filesUnder(relativeDir: string, keep: (file: string) => boolean = () => true): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(projectDir, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() && keep(rel)) found.push(rel);
    }
  };
  walk(relativeDir);
  return found;
}

function matches(filter: MatchFilter, relativeFile: string): boolean {
  const absolute = path.join(projectDir, relativeFile);
  let stat: Stats;
  try {
    stat = statSync(absolute);
  } catch {
    stat = { isDirectory: () => false, isFile: () => true } as Stats; // a build output not built here
  }
  return filter(absolute, stat);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 configuration validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation is real: a misspelled option or fuse is rejected, naming where', async () => {
    const misspelledOption = { ...config, asarUnpak: ['**/*.node'] } as unknown as Configuration;
    await expect(validateConfiguration(misspelledOption, new DebugLogger(false))).rejects.toThrow(/asarUnpak/);
    const misspelledFuse = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as unknown as Configuration;
    await expect(validateConfiguration(misspelledFuse, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('builds AppImage and deb for Linux and an NSIS installer for Windows', () => {
    const linuxTargets = (config.linux?.target ?? []) as unknown[];
    expect(linuxTargets).toEqual(['AppImage', 'deb']);
    const winTargets = (config.win?.target ?? []) as { target: string }[];
    expect(winTargets.map((t) => t.target)).toEqual(['nsis']);
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Hall Kiosk');
  });

  it('starts the bundled main process, which is also package.json main', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { main: string };
    expect(config.extraMetadata).toMatchObject({ main: 'dist/electron/main.cjs' });
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or --inspect; app only from an integrity-checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).not.toBe(false);
  });

  it('rebuilds native modules for Electron when packaging, not at npm install', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(false);
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) {
      expect(pkg.scripts?.[hook] ?? '', hook).not.toMatch(/electron-rebuild|install-app-deps|@electron\/rebuild/);
    }
  });

  it('packs the built app (main, preload, renderer, assets) and not the sources or source maps', () => {
    const included = matcherFor('files');
    for (const file of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'assets/catalog/default-catalog.json',
      'package.json',
    ]) {
      expect(matches(included, file), file).toBe(true);
    }
    for (const file of ['main/electron/main.ts', 'tests/electron/shell.test.ts', 'dist/electron/main.cjs.map', 'renderer/main.tsx', 'electron-builder.yml']) {
      expect(matches(included, file), file).toBe(false);
    }
  });
});

describe('asarUnpack, matched against the real files in node_modules', () => {
  let unpacked: MatchFilter;
  beforeAll(() => {
    unpacked = matcherFor('asarUnpack');
  });

  it("unpacks better-sqlite3's native addon", () => {
    const addons = filesUnder('node_modules/better-sqlite3', (f) => f.endsWith('.node'));
    expect(addons).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    for (const file of addons) expect(matches(unpacked, file), file).toBe(true);
  });

  it('unpacks the serialport and node-hid prebuilt addons', () => {
    const addons = [...filesUnder('node_modules/@serialport/bindings-cpp/prebuilds'), ...filesUnder('node_modules/node-hid/prebuilds')].filter((f) =>
      f.endsWith('.node'),
    );
    expect(addons.length).toBeGreaterThan(2);
    for (const file of addons) expect(matches(unpacked, file), file).toBe(true);
  });

  it("unpacks the WebP decoder's WASM", () => {
    const wasm = filesUnder('node_modules/@jsquash/webp/codec/dec', (f) => f.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThanOrEqual(1);
    for (const file of wasm) expect(matches(unpacked, file), file).toBe(true);
  });

  it('unpacks every face-api model file', () => {
    const models = filesUnder('node_modules/@vladmandic/face-api/model');
    expect(models.length).toBeGreaterThan(5);
    for (const file of models) expect(matches(unpacked, file), file).toBe(true);
  });

  it('unpacks the tfjs WASM binaries', () => {
    const wasm = filesUnder('node_modules/@tensorflow/tfjs-backend-wasm/dist', (f) => f.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThanOrEqual(3);
    for (const file of wasm) expect(matches(unpacked, file), file).toBe(true);
  });

  it('leaves plain JavaScript and the app itself inside the archive', () => {
    for (const file of [
      'node_modules/zod/package.json',
      'node_modules/@vladmandic/face-api/dist/face-api.node-wasm.js',
      'node_modules/@tensorflow/tfjs-backend-wasm/dist/index.js',
      'dist/electron/main.cjs',
      'dist/renderer/index.html',
      'assets/catalog/default-catalog.json',
    ]) {
      expect(matches(unpacked, file), file).toBe(false);
    }
  });
});
