import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { ensurePrivateDir } from '../../base/private-files';
import path from 'node:path';
import { defaultConfig, validateConfig, type KioskConfig } from '../../common/config/schema';
import { writeFileAtomic } from '../../base/atomic-write';
import { ConfigValidationError } from '../../common/config/config-validation-error';

export const CONFIG_FILE_NAME = 'config.json';

export interface LoadReport {
  source: 'file' | 'defaults' | 'last-good';
  /** Set when the file on disk was refused; the configuration in force is then the last good one. */
  refused?: ConfigValidationError;
}

function readJson(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigValidationError(file, [{ path: '(root)', message: `not valid JSON: ${(err as Error).message}` }]);
  }
}

function parseFile(file: string): KioskConfig {
  const result = validateConfig(readJson(file));
  if (!result.ok) throw new ConfigValidationError(file, result.issues);
  return result.config;
}

/** Checks a configuration file without loading it into a terminal (kioskctl config validate). */
export function validateConfigFile(file: string): KioskConfig {
  if (!existsSync(file)) throw new ConfigValidationError(file, [{ path: '(root)', message: 'file not found' }]);
  return parseFile(file);
}

/**
 * The configuration of one terminal: `config.json` in the data directory, validated with the
 * shared schema. A refused file never replaces the configuration in force; `config.last-good.json`
 * keeps the last accepted one across restarts. Writes are atomic.
 *
 * Events: 'changed' (next: KioskConfig, previous: KioskConfig).
 */
export class ConfigStore extends EventEmitter {
  private current: KioskConfig;
  readonly file: string;
  private readonly lastGoodFile: string;
  private _lastRefusal: ConfigValidationError | undefined;

  constructor(dataDir: string) {
    super();
    ensurePrivateDir(dataDir);
    this.file = path.join(dataDir, CONFIG_FILE_NAME);
    this.lastGoodFile = path.join(dataDir, 'config.last-good.json');
    this.current = defaultConfig();
  }

  get config(): KioskConfig {
    return this.current;
  }

  get lastRefusal(): ConfigValidationError | undefined {
    return this._lastRefusal;
  }

  /** Loads config.json; writes the defaults when there is none. */
  load(): LoadReport {
    if (!existsSync(this.file)) {
      this.current = defaultConfig();
      this.persist(this.current);
      return { source: 'defaults' };
    }
    try {
      this.current = parseFile(this.file);
      writeFileAtomic(this.lastGoodFile, JSON.stringify(this.current, null, 2) + '\n');
      this._lastRefusal = undefined;
      return { source: 'file' };
    } catch (err) {
      if (!(err instanceof ConfigValidationError)) throw err;
      this._lastRefusal = err;
      if (existsSync(this.lastGoodFile)) {
        try {
          this.current = parseFile(this.lastGoodFile);
          return { source: 'last-good', refused: err };
        } catch {
          /* fall through to defaults */
        }
      }
      this.current = defaultConfig();
      return { source: 'defaults', refused: err };
    }
  }

  /** Re-reads the file; on refusal the configuration in force stays and the refusal is returned. */
  reload(): ConfigValidationError | undefined {
    try {
      const next = parseFile(this.file);
      this.apply(next, false);
      this._lastRefusal = undefined;
      return undefined;
    } catch (err) {
      if (!(err instanceof ConfigValidationError)) throw err;
      this._lastRefusal = err;
      return err;
    }
  }

  /**
   * Validates `candidate` as a whole configuration and, if valid, writes and applies it.
   * Throws ConfigValidationError (naming each field) and changes nothing when it is not.
   */
  replace(candidate: unknown): KioskConfig {
    const result = validateConfig(candidate);
    if (!result.ok) throw new ConfigValidationError(null, result.issues);
    this.apply(result.config, true);
    return result.config;
  }

  private apply(next: KioskConfig, write: boolean): void {
    const previous = this.current;
    if (write) this.persist(next);
    else writeFileAtomic(this.lastGoodFile, JSON.stringify(next, null, 2) + '\n');
    this.current = next;
    this.emit('changed', next, previous);
  }

  private persist(config: KioskConfig): void {
    const text = JSON.stringify(config, null, 2) + '\n';
    writeFileAtomic(this.file, text);
    writeFileAtomic(this.lastGoodFile, text);
  }
}
