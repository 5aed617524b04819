import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, tightenPath } from '../base/private-files';
import { HUB_DB_FILE } from './hub-db';

/** AES-256-GCM key of what hub.db holds sealed (submission payloads, terminal secrets). */
export const HUB_KEY_FILE = 'hub.key';
/** Bearer token of the reference hub's admin/ endpoints. */
export const ADMIN_TOKEN_FILE = 'admin.token';

const TOKEN_BYTES = 32;

/**
 * A random secret kept in a 0600 file (base64url), created on first use. Creation is exclusive
 * (written aside, then hard-linked into place), so two processes starting at once on the same hub
 * directory end up with the same secret, never one each.
 */
export function readOrCreateSecretFile(file: string, bytes: number): Buffer {
  if (!existsSync(file)) {
    ensurePrivateDir(path.dirname(file)); // the data directory's rule: owner only (0700)
    const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(aside, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(bytes).toString('base64url') + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(aside, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(aside, { force: true });
    }
  }
  tightenPath(file);
  const value = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  if (value.length !== bytes) throw new Error(`${file} does not hold a ${bytes}-byte secret (found ${value.length} bytes)`);
  return value;
}

/** hub.key is gone (or is not the key) while hub.db holds rows sealed with it. */
export class HubKeyError extends Error {}

/**
 * The hub's data key (DATA/hub/hub.key), created at the hub's first start, and only then: while
 * hub.db holds sealed rows (`sealedRows` counts them), a missing hub.key is an error naming it, never
 * a new key (which would leave those rows unreadable and give two programs on one hub two keys).
 */
export function hubKey(hubDir: string, sealedRows: () => number): Buffer {
  const file = path.join(hubDir, HUB_KEY_FILE);
  if (!existsSync(file)) {
    const sealed = sealedRows();
    if (sealed > 0) {
      throw new HubKeyError(
        `${file} is missing, and ${path.join(hubDir, HUB_DB_FILE)} holds ${sealed} row(s) sealed with it: restore that hub.key ` +
          `(a new key would leave them unreadable), or move hub.db away to start an empty hub. No new key was made.`,
      );
    }
  }
  return readOrCreateSecretFile(file, 32);
}

/** The admin token of the hub in hubDir, created at its first start. */
export function adminTokenOf(hubDir: string): string {
  return readOrCreateSecretFile(path.join(hubDir, ADMIN_TOKEN_FILE), TOKEN_BYTES).toString('base64url');
}

/** The admin token of an existing hub (kioskctl, tests): never creates one. */
export function readAdminToken(hubDir: string): string {
  const file = path.join(hubDir, ADMIN_TOKEN_FILE);
  if (!existsSync(file)) throw new Error(`no admin token in ${hubDir} (${ADMIN_TOKEN_FILE} is written at the hub's first start)`);
  return adminTokenOf(hubDir);
}
