import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { KioskConfig } from '../../common/config/schema';
import { HUB_NOT_CONFIGURED, planTerminalHub, resolveHubConnection, type HubFlags } from '../../offline-queue/hub-connection';
import type { HubConnection, NoHub } from '../../offline-queue/offline-queue-stack';
import { defaultCatalogFile, startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubKeyError } from '../../hub/hub-secret-files';

export interface EmbeddedHub {
  hub: ReferenceHub;
  url: string;
  terminalId: string;
  secret: string;
}

/**
 * The embedded default (hub.url null): a reference hub on loopback with its data in DATA/hub and
 * this terminal registered under a random secret kept in the hub's database, so restarts reuse it.
 */
export async function startEmbeddedHub(options: {
  dataDir: string;
  terminalId: string;
  assetsDir: string;
  port?: number;
  /** The terminal's hall clock (`terminal.timeZone`): the embedded hub serves this terminal's hall. */
  timeZone?: string;
}): Promise<EmbeddedHub> {
  const hub = await startReferenceHub({
    dataDir: path.join(options.dataDir, 'hub'),
    port: options.port ?? 0,
    host: '127.0.0.1',
    catalogFile: defaultCatalogFile(options.assetsDir),
    demoAppointments: true,
    ...(options.timeZone !== undefined ? { timeZone: options.timeZone } : {}),
  });
  let secret: string | undefined;
  try {
    secret = hub.store.secretOf(options.terminalId);
  } catch {
    // The key opens hub.db (checked at open) but not this row: this hub is the kiosk's own, so it registers the terminal anew.
    secret = undefined;
  }
  if (!secret) {
    secret = randomBytes(24).toString('base64url');
    hub.store.addTerminal(options.terminalId, secret, Date.now());
  }
  return { hub, url: hub.url, terminalId: options.terminalId, secret };
}

/** The hub a terminal uses: the configured one (flags over config.json), else the embedded default. */
export interface TerminalHub {
  connection: HubConnection;
  /** Set when the embedded default was started. */
  embedded: EmbeddedHub | null;
  stop(): Promise<void>;
}

/**
 * Resolves the terminal's hub connection, starting the local reference hub when none is
 * configured (`hub.url` null, outside production). Throws HubConnectionError when the hub cannot
 * be used (hub-connection.ts: no URL in production, http:// in production, no secret, bad CA file).
 */
export async function connectTerminalHub(options: { config: KioskConfig; dataDir: string; assetsDir: string; flags?: HubFlags }): Promise<TerminalHub> {
  const configured = resolveHubConnection(options.config, options.flags ?? {}, options.dataDir);
  if (configured) return { connection: configured, embedded: null, stop: async () => {} };
  const embedded = await startEmbeddedHub({
    dataDir: options.dataDir,
    terminalId: options.flags?.terminalId ?? options.config.terminal.id,
    assetsDir: options.assetsDir,
    timeZone: options.config.terminal.timeZone,
  });
  return {
    connection: { url: embedded.url, terminalId: embedded.terminalId, secret: embedded.secret },
    embedded,
    stop: () => embedded.hub.stop(),
  };
}

/** The hub of a booting kiosk: as connectTerminalHub, or none with the reason, so that the kiosk still boots. */
export interface KioskHub {
  connection: HubConnection | NoHub;
  embedded: EmbeddedHub | null;
  stop(): Promise<void>;
}

/**
 * connectTerminalHub for the kiosk itself: a hub it cannot use (production without hub.url, an
 * http:// hub in production, …) is not an error that stops the boot, which would only restart the
 * kiosk into the same error; the kiosk runs with its outbox filling, and says why (diag, technician).
 */
export async function openKioskHub(options: { config: KioskConfig; dataDir: string; assetsDir: string; flags?: HubFlags }): Promise<KioskHub> {
  const plan = planTerminalHub(options.config, options.flags ?? {}, options.dataDir);
  if (plan.kind === 'not-configured') return { connection: { problem: plan.problem }, embedded: null, stop: async () => {} };
  try {
    return await connectTerminalHub(options);
  } catch (err) {
    // The local hub's hub.key is lost or wrong: its data stays as it is, and the kiosk says why.
    if (err instanceof HubKeyError)
      return { connection: { problem: `${HUB_NOT_CONFIGURED}: the local reference hub cannot start: ${err.message}` }, embedded: null, stop: async () => {} };
    throw err;
  }
}
