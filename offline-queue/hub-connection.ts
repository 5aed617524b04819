import type { KioskConfig } from '../common/config/schema';
import type { HubConnection } from './offline-queue-stack';

export interface HubFlags {
  hub?: string;
  terminalId?: string;
  secret?: string;
}

/** Raised when the configuration names a hub but lacks what is needed to talk to it. */
export class HubConnectionError extends Error {}

/**
 * The hub a terminal talks to: command-line flags over config.json. Null means none is
 * configured, i.e. the embedded default (the local reference hub).
 */
export function resolveHubConnection(config: KioskConfig, flags: HubFlags = {}): HubConnection | null {
  const url = flags.hub ?? config.hub.url;
  if (!url) return null;
  const terminalId = flags.terminalId ?? config.terminal.id;
  const secret = flags.secret ?? config.hub.terminalSecret;
  if (!secret) throw new HubConnectionError(`a hub is configured (${url}) but no terminal secret: set hub.terminalSecret in config.json or pass --secret`);
  return { url, terminalId, secret };
}
