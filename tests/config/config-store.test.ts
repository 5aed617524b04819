import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigStore } from '../../main/config/config-store';
import { ConfigValidationError } from '../../common/config/config-validation-error';
import { defaultConfig, validateConfig } from '../../common/config/schema';
import { writeFileAtomic } from '../../base/atomic-write';
import { runKioskctl } from '../helpers/kioskctl';

describe('configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is complete from {}: the embedded defaults', () => {
    const c = defaultConfig();
    expect(c.terminal.id).toBe('T-0001');
    expect(c.hub.url).toBeNull();
    expect(c.ui.languages).toEqual(['zh-CN', 'zh-HK', 'en']);
    expect(c.ui.defaultLanguage).toBe('zh-CN');
    expect(c.devices.idCard.baudRate).toBe(115200);
    expect(c.production).toBe(false);
  });

  it('writes the defaults on first start and reads them back', () => {
    const store = new ConfigStore(dir);
    expect(store.load().source).toBe('defaults');
    expect(JSON.parse(readFileSync(store.file, 'utf8'))).toEqual(defaultConfig());
    expect(new ConfigStore(dir).load().source).toBe('file');
  });

  it('names the field of every invalid value', () => {
    const r = validateConfig({ hub: { url: 'not a url' }, ui: { idleTimeoutS: 5, languages: [] }, terminal: { id: 'bad id!' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([...new Set(r.issues.map((i) => i.path))].sort()).toEqual(['hub.url', 'terminal.id', 'ui.idleTimeoutS', 'ui.languages']);
    expect(r.issues.find((i) => i.path === 'ui.idleTimeoutS')?.message).toMatch(/at least 15/);
  });

  it('identifies by the screen’s light by default; movements on request; anything else refused by name', () => {
    expect(defaultConfig().face.identifyLiveness).toBe('screen-light');
    expect(validateConfig({ face: { identifyLiveness: 'movements' } })).toMatchObject({ ok: true });
    const r = validateConfig({ face: { identifyLiveness: 'blink' } });
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'face.identifyLiveness', message: 'must be screen-light or movements' }] });
  });

  it('refuses unknown keys (typos are not silently ignored)', () => {
    const r = validateConfig({ ui: { idleTimeout: 30 } });
    expect(r.ok).toBe(false);
  });

  it('keeps the last good configuration when the file becomes invalid', () => {
    const store = new ConfigStore(dir);
    store.load();
    store.replace({ ...defaultConfig(), terminal: { ...defaultConfig().terminal, id: 'T-0042' } });
    writeFileSync(store.file, JSON.stringify({ ui: { idleTimeoutS: 99999 } }));
    const refusal = store.reload();
    expect(refusal).toBeInstanceOf(ConfigValidationError);
    expect(refusal?.issues[0]?.path).toBe('ui.idleTimeoutS');
    expect(store.config.terminal.id).toBe('T-0042');

    // After a restart the refused file still does not take over: the last good one is used.
    const restarted = new ConfigStore(dir);
    const report = restarted.load();
    expect(report.source).toBe('last-good');
    expect(report.refused?.message).toContain('ui.idleTimeoutS');
    expect(restarted.config.terminal.id).toBe('T-0042');
  });

  it('refuses a file that is not JSON, naming the problem', () => {
    writeFileSync(path.join(dir, 'config.json'), '{ "ui": ');
    const report = new ConfigStore(dir).load();
    expect(report.refused?.issues[0]?.message).toMatch(/not valid JSON/);
  });

  it('changes nothing and writes nothing when a replacement is invalid', () => {
    const store = new ConfigStore(dir);
    store.load();
    const before = readFileSync(store.file, 'utf8');
    let changed = 0;
    store.on('changed', () => changed++);
    expect(() => store.replace({ hub: { url: 'ftp://hub' } })).toThrow(/hub\.url/);
    expect(readFileSync(store.file, 'utf8')).toBe(before);
    expect(changed).toBe(0);
  });

  it('emits the change with the old and new configuration', () => {
    const store = new ConfigStore(dir);
    store.load();
    const seen: [number, number][] = [];
    store.on('changed', (next, prev) => seen.push([next.ui.idleTimeoutS, prev.ui.idleTimeoutS]));
    store.replace({ ui: { idleTimeoutS: 90 } });
    expect(seen).toEqual([[90, 60]]);
  });

  it('writes atomically: temp file renamed over the target, no temp left, 0600', () => {
    const file = path.join(dir, 'x.json');
    writeFileAtomic(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves the old content when the write fails half-way', () => {
    const file = path.join(dir, 'cfg.json');
    writeFileAtomic(file, 'good');
    // A directory where the temp file should go makes the write fail before the rename.
    const badDir = path.join(dir, 'missing-subdir', 'cfg.json');
    expect(() => writeFileAtomic(badDir, 'x')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('good');
    expect(existsSync(path.join(dir, 'missing-subdir'))).toBe(false);
  });

  describe('kioskctl config', () => {
    it('validate: exit 0 for a valid file', async () => {
      const f = path.join(dir, 'ok.json');
      writeFileSync(f, JSON.stringify({ ui: { idleTimeoutS: 30 } }));
      const r = await runKioskctl(['config', 'validate', f]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('valid');
    });

    it('validate: non-zero naming the field for an invalid file', async () => {
      const f = path.join(dir, 'bad.json');
      writeFileSync(f, JSON.stringify({ hub: { url: 'nope' } }));
      const r = await runKioskctl(['config', 'validate', f]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('hub.url');
    });

    it('show --json: the configuration in force with the secret masked', async () => {
      const store = new ConfigStore(dir);
      store.load();
      store.replace({ hub: { url: 'http://127.0.0.1:9/', terminalSecret: 'super-secret-value-123' } });
      const r = await runKioskctl(['config', 'show', '--data', dir, '--json']);
      expect(r.code).toBe(0);
      const shown = JSON.parse(r.stdout);
      expect(shown.config.hub.url).toBe('http://127.0.0.1:9/');
      expect(r.stdout).not.toContain('super-secret-value-123');
    });

    it('--help lists the commands', async () => {
      const r = await runKioskctl(['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('config');
    });
  });
});
