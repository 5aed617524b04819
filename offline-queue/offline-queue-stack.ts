import path from 'node:path';
import type { Logger } from 'pino';
import type { KioskConfig } from '../common/config/schema';
import type { Clock } from '../base/clock';
import type { CoreService } from '../base/lifecycle';
import { ConfigValidationError } from '../common/config/config-validation-error';
import type { KeyProvider } from '../base/key-provider';
import { HeartbeatService } from './heartbeat';
import { HubClient } from './hub-client';
import { HubPuller } from './hub-pulls';
import { Outbox } from './outbox';
import { OUTBOX_DB_FILE } from './outbox-db';
import { mergePushedSettings } from './pushed-settings';
import { SyncEngine } from './sync-engine';
import { TicketIssuer } from './ticket-issuer';
import { systemTimers, type Timers } from '../base/timers';

export interface HubConnection {
  url: string;
  terminalId: string;
  secret: string;
  /** PEM of the hall's CA (`hub.caFile`), trusted instead of the system's roots. */
  ca?: string;
}

/** A terminal without a usable hub (hub-connection.ts planTerminalHub): `problem` says why. */
export interface NoHub {
  problem: string;
}

/** The terminal's configuration as the queue uses it (main/config's ConfigStore). */
export interface QueueConfigSource {
  readonly config: KioskConfig;
  /** Puts a whole configuration in force; throws ConfigValidationError when the schema refuses it. */
  replace(candidate: unknown): KioskConfig;
  on(event: 'changed', listener: (next: KioskConfig) => void): unknown;
  off(event: 'changed', listener: (next: KioskConfig) => void): unknown;
}

export interface OfflineQueueStackOptions {
  dataDir: string;
  keyProvider: KeyProvider;
  config: QueueConfigSource;
  /** Without a usable hub nothing is sent: entries stay in the outbox, no sync, no heartbeat. */
  hub: HubConnection | NoHub;
  logger: Logger;
  appVersion: string;
  clock?: Clock;
  timers?: Timers;
  /** Device states for the heartbeat. */
  devices?: () => Record<string, unknown>;
  /** Ticket services to keep leases for; defaults to the `ticket` services of the cached catalog. */
  ticketServices?: () => string[];
  onPurgeSubject?: (subject: string) => void | Promise<void>;
}

/** Everything of the offline queue for one terminal, and the core services that run it. */
export interface OfflineQueueStack {
  readonly outbox: Outbox;
  readonly client: HubClient;
  readonly engine: SyncEngine;
  readonly issuer: TicketIssuer;
  readonly puller: HubPuller;
  readonly heartbeat: HeartbeatService;
  readonly services: CoreService[];
}

const HOUR_MS = 3_600_000;

export function quotaBytesOf(config: KioskConfig): number {
  return config.queue.quotaMiB * 1024 * 1024;
}

/**
 * Builds the outbox (DATA/outbox.db), hub client, sync engine, ticket issuer, pulls and
 * heartbeat on one terminal's configuration. The services start in order and stop in reverse;
 * the last one to stop closes the database.
 */
export function createOfflineQueueStack(o: OfflineQueueStackOptions): OfflineQueueStack {
  const clock = o.clock ?? { now: () => Date.now() };
  const timers = o.timers ?? systemTimers;
  const cfg = () => o.config.config;
  const outbox = Outbox.open(path.join(o.dataDir, OUTBOX_DB_FILE), { keyProvider: o.keyProvider, clock, quotaBytes: quotaBytesOf(cfg()) });
  const connected = !('problem' in o.hub);
  const client =
    'problem' in o.hub ? HubClient.notConfigured(cfg().terminal.id, o.hub.problem) : new HubClient({ ...o.hub, timeoutMs: cfg().hub.requestTimeoutMs, clock });
  const engine = new SyncEngine({ outbox, client, clock, timers, intervalMs: cfg().hub.syncIntervalS * 1000, logger: o.logger });
  const issuer = new TicketIssuer({ outbox, client, clock, logger: o.logger });
  const puller = new HubPuller({
    db: outbox.db,
    client,
    clock,
    logger: o.logger,
    applySettings: (settings) => {
      const merged = mergePushedSettings(cfg(), settings);
      if (!merged.ok) return merged.issues;
      try {
        o.config.replace(merged.config);
        return null;
      } catch (err) {
        if (err instanceof ConfigValidationError) return err.issues;
        throw err;
      }
    },
  });
  const ticketServices = o.ticketServices ?? (() => (puller.cachedCatalog()?.services ?? []).filter((s) => s.kind === 'ticket').map((s) => s.code));
  let refreshing: Promise<void> | null = null;
  const refreshFromHub = () => {
    refreshing ??= pullAndLease().finally(() => (refreshing = null));
    return refreshing;
  };
  const pullAndLease = async () => {
    await puller.pullCatalog().catch((err: unknown) => o.logger.warn({ err }, 'catalog pull failed'));
    await puller.pullConfig().catch((err: unknown) => o.logger.warn({ err }, 'config pull failed'));
    await puller.pullNotices().catch((err: unknown) => o.logger.warn({ err }, 'notices pull failed'));
    await puller.pullQueueStatus().catch((err: unknown) => o.logger.warn({ err }, 'queue status pull failed'));
    const services = ticketServices();
    if (services.length > 0) await issuer.ensureLeases(services).catch((err: unknown) => o.logger.warn({ err }, 'lease request failed'));
  };
  const heartbeat = new HeartbeatService({
    client,
    outbox,
    puller,
    clock,
    timers,
    intervalMs: cfg().hub.heartbeatIntervalS * 1000,
    appVersion: o.appVersion,
    devices: o.devices,
    onPurgeSubject: o.onPurgeSubject,
    logger: o.logger,
    onReachable: () => {
      engine.notifyConnectivity();
      void refreshFromHub();
    },
  });
  const onConfigChanged = (next: KioskConfig) => engine.setInterval(next.hub.syncIntervalS * 1000);

  let retentionTimer: unknown = null;
  const purge = () => {
    try {
      const removed = outbox.purgeAcknowledged(cfg().retention.acknowledgedPersonalDataDays);
      if (removed > 0) o.logger.info({ removed }, 'purged acknowledged outbox entries past their retention');
    } catch (err) {
      o.logger.error({ err }, 'outbox retention purge failed');
    }
    retentionTimer = timers.setTimeout(purge, HOUR_MS);
  };

  const services: CoreService[] = [
    {
      name: 'outbox',
      start: () => purge(),
      stop: () => {
        if (retentionTimer !== null) timers.clearTimeout(retentionTimer);
        client.close();
        outbox.close();
      },
    },
    {
      name: 'outbox-sync',
      start: () => {
        o.config.on('changed', onConfigChanged);
        if (connected) engine.start();
        else outbox.releaseAllInFlight();
      },
      stop: async () => {
        o.config.off('changed', onConfigChanged);
        await engine.stop();
        await issuer.settled();
      },
    },
    {
      name: 'hub-heartbeat',
      start: () => {
        if (connected) heartbeat.start();
      },
      stop: async () => {
        await heartbeat.stop();
        await refreshing;
      },
    },
  ];
  return { outbox, client, engine, issuer, puller, heartbeat, services };
}
