import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installedElectronBinary } from '../../main/electron/installed-electron';

describe('installedElectronBinary', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-electron-pkg-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is null for a package whose binary was never downloaded (npm ci without scripts), and starts no download', () => {
    writeFileSync(path.join(dir, 'index.js'), "throw new Error('index.js would download Electron');");
    expect(installedElectronBinary(dir, {})).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(installedElectronBinary(dir, {})).toBeNull();
  });

  it('is the extracted executable named by path.txt, or under ELECTRON_OVERRIDE_DIST_PATH', () => {
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(installedElectronBinary(dir, {})).toBe(path.join(dir, 'dist', 'electron'));
    const override = path.join(dir, 'override');
    mkdirSync(override);
    expect(installedElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeNull();
    writeFileSync(path.join(override, 'electron'), '');
    expect(installedElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
  });
});
