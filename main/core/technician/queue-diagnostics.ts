import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../common/config/schema';
import type { DiagnosticsSection } from './diagnostics';
import { FileKeyProvider } from '../../security/key-provider';
import { HubClient } from '../../../offline-queue/hub-client';
import { resolveHubConnection } from '../../../offline-queue/hub-connection';
import { Outbox } from '../../../offline-queue/outbox';
import { OUTBOX_DB_FILE } from '../../../offline-queue/outbox-db';
import { quotaBytesOf } from '../../../offline-queue/offline-queue-stack';

const STUCK_AFTER_S = 3600;

/** `kioskctl diag`: the outbox's depth, age and dead letters, read from DATA/outbox.db. */
export const outboxDiagnostics: DiagnosticsSection = {
  name: 'outbox',
  async collect(dataDir: string, config: KioskConfig) {
    const file = path.join(dataDir, OUTBOX_DB_FILE);
    if (!existsSync(file)) return { data: { present: false }, attention: [] };
    const outbox = Outbox.open(file, { keyProvider: new FileKeyProvider(dataDir), quotaBytes: quotaBytesOf(config) });
    try {
      const stats = outbox.stats();
      const attention: string[] = [];
      if (stats.dead > 0) attention.push(`outbox: ${stats.dead} dead letters refused by the hub (kioskctl queue dead)`);
      if (stats.oldestPendingAgeS !== null && stats.oldestPendingAgeS > STUCK_AFTER_S) {
        attention.push(`outbox: the oldest entry has waited ${Math.round(stats.oldestPendingAgeS / 60)} min for the hub`);
      }
      return { data: { ...stats, usedBytes: outbox.usedBytes() }, attention };
    } finally {
      outbox.close();
    }
  },
};

/** `kioskctl diag`: whether the configured hub answers, how fast, and whether it accepts this terminal. */
export const hubDiagnostics: DiagnosticsSection = {
  name: 'hub',
  async collect(_dataDir: string, config: KioskConfig) {
    const connection = resolveHubConnection(config);
    if (!connection) return { data: { url: null, note: 'the local reference hub runs with the kiosk (embedded default)' }, attention: [] };
    const client = new HubClient({ ...connection, timeoutMs: config.hub.requestTimeoutMs });
    try {
      const started = performance.now();
      const r = await client.get('v1/config?since=0');
      const rttMs = Math.round(performance.now() - started);
      if (r.kind === 'ok' || r.kind === 'not-modified') return { data: { url: connection.url, reachable: true, rttMs }, attention: [] };
      if (r.kind === 'unauthorized') {
        const skew = r.skewMs === null ? '' : ` (clock skew ${Math.round(r.skewMs / 1000)} s)`;
        return {
          data: { url: connection.url, reachable: true, rttMs, unauthorized: r.message, clockSkewMs: r.skewMs },
          attention: [`hub: refuses this terminal's credentials: ${r.message}${skew}`],
        };
      }
      const why = r.kind === 'timeout' ? `no answer in ${r.timeoutMs} ms` : r.message;
      return { data: { url: connection.url, reachable: false, error: why }, attention: [`hub: ${connection.url} not reachable: ${why}`] };
    } finally {
      client.close();
    }
  },
};
