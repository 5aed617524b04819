import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../common/config/schema';
import type { HubConnection } from './offline-queue-stack';

export interface HubFlags {
  hub?: string;
  terminalId?: string;
  secret?: string;
}

/** Raised when the configuration names a hub but lacks what is needed to talk to it, or names none in production. */
export class HubConnectionError extends Error {}

/** How every report of a terminal without a usable hub begins (kioskctl diag, technician screen). */
export const HUB_NOT_CONFIGURED = 'hub not configured';

/** What the terminal does about its hub: the local reference hub, a configured one, or none it can use. */
export type HubPlan = { kind: 'embedded' } | { kind: 'configured'; connection: HubConnection } | { kind: 'not-configured'; problem: string };

/** The PEM certificates of `hub.caFile` (absolute, or relative to the data directory). */
function readCaFile(caFile: string, dataDir: string | undefined): string {
  const file = path.resolve(dataDir ?? '.', caFile);
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new HubConnectionError(`hub.caFile ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    new X509Certificate(pem);
  } catch (err) {
    throw new HubConnectionError(`hub.caFile ${file} is not a PEM certificate: ${(err as Error).message}`);
  }
  return pem;
}

/**
 * The hub a terminal talks to: command-line flags over config.json. Null means none is
 * configured outside production, i.e. the embedded default (the local reference hub). Throws
 * HubConnectionError, naming the setting, when the hub cannot be used: no URL in production (the
 * local reference hub never runs there), an http:// URL in production, no secret, an unreadable CA.
 */
export function resolveHubConnection(config: KioskConfig, flags: HubFlags = {}, dataDir?: string): HubConnection | null {
  const url = flags.hub ?? config.hub.url;
  if (!url) {
    if (config.production) {
      throw new HubConnectionError(
        `${HUB_NOT_CONFIGURED}: set hub.url (an https:// address) and hub.terminalSecret; "production": true never starts the local reference hub`,
      );
    }
    return null;
  }
  if (config.production && !/^https:/i.test(url)) {
    throw new HubConnectionError(
      `hub.url must be an https:// address when "production" is true (it is ${url.split(':')[0]}://…); nothing is sent to the hub until it is`,
    );
  }
  const terminalId = flags.terminalId ?? config.terminal.id;
  const secret = flags.secret ?? config.hub.terminalSecret;
  if (!secret) throw new HubConnectionError(`a hub is configured (${url}) but no terminal secret: set hub.terminalSecret in config.json or pass --secret`);
  const ca = config.hub.caFile ? readCaFile(config.hub.caFile, dataDir) : undefined;
  return { url, terminalId, secret, ...(ca !== undefined ? { ca } : {}) };
}

/**
 * resolveHubConnection as a value: a terminal that cannot use its hub still boots and says why
 * (`problem` begins with "hub not configured").
 */
export function planTerminalHub(config: KioskConfig, flags: HubFlags = {}, dataDir?: string): HubPlan {
  try {
    const connection = resolveHubConnection(config, flags, dataDir);
    return connection ? { kind: 'configured', connection } : { kind: 'embedded' };
  } catch (err) {
    if (err instanceof HubConnectionError) {
      return { kind: 'not-configured', problem: err.message.startsWith(HUB_NOT_CONFIGURED) ? err.message : `${HUB_NOT_CONFIGURED}: ${err.message}` };
    }
    throw err;
  }
}
