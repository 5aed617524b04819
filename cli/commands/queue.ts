import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ConfigStore } from '../../main/config/config-store';
import { defaultDataDir, resolveAssetsDir } from '../../main/config/paths';
import { FileKeyProvider } from '../../main/security/key-provider';
import { Outbox, OutboxEntryError, OutboxQuotaExceededError } from '../../offline-queue/outbox';
import { OUTBOX_DB_FILE } from '../../offline-queue/outbox-db';
import { isOutboxKind, OUTBOX_KINDS, type OutboxKind } from '../../common/hub-protocol/outbox-kinds';
import { HubClient } from '../../offline-queue/hub-client';
import { HubConnectionError, type HubFlags } from '../../offline-queue/hub-connection';
import { quotaBytesOf } from '../../offline-queue/offline-queue-stack';
import { SyncEngine } from '../../offline-queue/sync-engine';
import { connectTerminalHub, type TerminalHub } from '../../main/host/embedded-hub';
import { CliExit, commandGroup } from '../command-registry';

/**
 * Exit codes of the queue and sync commands: 0 done; 1 bad input or a refused entry;
 * 3 the hub could not take the backlog (unreachable, timed out); 4 the hub refused this
 * terminal's credentials (401).
 */
export const EXIT_NOT_DRAINED = 3;
export const EXIT_UNAUTHORIZED = 4;

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

interface DataOpts {
  data: string;
}

function openTerminalOutbox(dataDir: string): { outbox: Outbox; config: ConfigStore } {
  const config = new ConfigStore(dataDir);
  const report = config.load();
  if (report.refused) process.stderr.write(`warning: ${report.refused.message}; using the ${report.source} configuration\n`);
  const outbox = Outbox.open(path.join(dataDir, OUTBOX_DB_FILE), { keyProvider: new FileKeyProvider(dataDir), quotaBytes: quotaBytesOf(config.config) });
  return { outbox, config };
}

const out = (text: string) => writeSync(1, text.endsWith('\n') ? text : text + '\n');

function positiveInt(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliExit(1, `${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

/** Synthetic payloads that the reference hub accepts, one shape per kind; no real personal data. */
function demoPayload(kind: OutboxKind, n: number): Record<string, unknown> {
  switch (kind) {
    case 'submission.created':
      return { serviceCode: 'A', fields: { demo: true, n, name: `DEMO CITIZEN ${n}` } };
    case 'appointment.checked-in':
      return { appointmentId: `DEMO-${n}` };
    case 'evaluation.created':
      return { rating: 1 + (n % 5), comment: 'demo' };
    case 'face.bound':
      return { subject: `demo-subject-${n}`, template: Buffer.alloc(512).toString('base64'), shared: false };
    case 'face.unbound':
      return { subject: `demo-subject-${n}` };
    case 'face.processing-record':
      return { id: randomUUID(), event: 'bound', at: new Date().toISOString(), terminalId: 'demo', subject: `demo-subject-${n}`, detail: {} };
    case 'document.printed':
      return { documentId: `demo-document-${n}`, copies: 1, outcome: 'completed', pages: 1, printedAt: new Date().toISOString() };
    case 'device.event':
      return { device: 'printer', event: 'demo', n };
    case 'audit.event':
      return { action: 'demo', n };
    case 'ticket.abandoned':
      return { ticketKey: randomUUID(), serviceCode: 'A', replacedBy: `demo-${n}`, reason: 'demo', abandonedAt: new Date().toISOString() };
    case 'ticket.issued':
      throw new CliExit(1, 'ticket.issued entries take their numbers from a hub lease; issue tickets through the kiosk instead');
  }
}

async function connectHub(dataDir: string, config: ConfigStore, flags: HubFlags): Promise<{ client: HubClient; close: () => Promise<void> }> {
  let terminalHub: TerminalHub;
  try {
    terminalHub = await connectTerminalHub({ config: config.config, dataDir, assetsDir: resolveAssetsDir(moduleDir()), flags });
  } catch (err) {
    if (err instanceof HubConnectionError) throw new CliExit(1, err.message);
    throw err;
  }
  const connection = terminalHub.connection;
  const stopHub = () => terminalHub.stop();
  let client: HubClient;
  try {
    client = new HubClient({ ...connection, timeoutMs: config.config.hub.requestTimeoutMs });
  } catch (err) {
    await stopHub();
    throw new CliExit(1, (err as Error).message);
  }
  return {
    client,
    close: async () => {
      client.close();
      await stopHub();
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs the engine until the outbox is drained or the deadline passes; returns the last error. */
async function drain(
  engine: SyncEngine,
  outbox: Outbox,
  deadline: number,
): Promise<{ drained: boolean; error: string | null; delivered: number; dead: number }> {
  let delivered = 0;
  let dead = 0;
  for (;;) {
    const r = await engine.syncNow();
    delivered += r.delivered;
    dead += r.dead;
    const s = outbox.stats();
    if (r.error === null && s.pending === 0 && s.inFlight === 0) return { drained: true, error: null, delivered, dead };
    if (Date.now() >= deadline) return { drained: false, error: r.error ?? 'entries still pending', delivered, dead };
    const next = engine.status().nextAttemptAt;
    const wait = r.error === null ? 10 : next ? Date.parse(next) - Date.now() : 1000;
    await sleep(Math.max(5, Math.min(wait, deadline - Date.now())));
  }
}

/** --hub, --terminal-id, --secret: the hub a command talks to, over config.json's. */
export function hubOptions(cmd: Command): Command {
  return cmd
    .option('--hub <url>', 'hub base URL (default: hub.url of config.json; none: the local reference hub)')
    .option('--terminal-id <id>', 'terminal id (default: terminal.id of config.json)')
    .option('--secret <secret>', 'terminal secret (default: hub.terminalSecret of config.json)');
}

export function registerQueueCommands(program: Command): void {
  const queue = commandGroup(program, 'queue', 'the offline outbox: statistics, dead letters, demo entries');

  queue
    .command('stats')
    .description('entries pending, in flight, acknowledged and dead, and the age of the oldest pending one')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--json', 'one JSON object on stdout')
    .action((opts: DataOpts & { json?: boolean }) => {
      const { outbox } = openTerminalOutbox(opts.data);
      try {
        const s = outbox.stats();
        const shown = {
          pending: s.pending,
          inFlight: s.inFlight,
          acknowledged: s.acknowledged,
          dead: s.dead,
          oldestPendingAgeS: s.oldestPendingAgeS,
          acknowledgedToday: s.acknowledgedToday,
        };
        if (opts.json) out(JSON.stringify(shown));
        else
          out(
            Object.entries(shown)
              .map(([k, v]) => `${k.padEnd(18)} ${v ?? '-'}`)
              .join('\n'),
          );
      } finally {
        outbox.close();
      }
    });

  queue
    .command('dead')
    .description('the dead letters: entries the hub refused, with the reason (payloads are not shown)')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--json', 'one JSON array on stdout')
    .action((opts: DataOpts & { json?: boolean }) => {
      const { outbox } = openTerminalOutbox(opts.data);
      try {
        const dead = outbox.deadEntries();
        if (opts.json) out(JSON.stringify(dead));
        else if (dead.length === 0) out('no dead letters');
        else out(dead.map((d) => `${d.seq}\t${d.key}\t${d.kind}\t${d.deadAt}\t${d.reason}`).join('\n'));
      } finally {
        outbox.close();
      }
    });

  queue
    .command('retry-dead')
    .description('moves dead letters (all, or those given with --key) back to pending')
    .option('--data <dir>', 'data directory', defaultDataDir())
    .option('--key <key...>', 'only these keys')
    .action((opts: DataOpts & { key?: string[] }) => {
      const { outbox } = openTerminalOutbox(opts.data);
      try {
        out(`${outbox.retryDead(opts.key)} entries pending again`);
      } finally {
        outbox.close();
      }
    });

  hubOptions(
    queue
      .command('enqueue-demo')
      .description('writes synthetic entries through the outbox and prints each key once it is committed')
      .option('--data <dir>', 'data directory', defaultDataDir())
      .requiredOption('--count <n>', 'number of entries')
      .option('--kind <kind>', `entry kind (${OUTBOX_KINDS.filter((k) => k !== 'ticket.issued').join(', ')})`, 'submission.created')
      .option('--interval-ms <ms>', 'pause between entries', '0')
      .option('--sync', 'also run the sync engine, and exit once everything is delivered')
      .option('--sync-interval-ms <ms>', 'sync timer while entries are written (with --sync)', '100')
      .option('--backoff-base-ms <ms>', 'first backoff ceiling (with --sync)', '1000')
      .option('--backoff-cap-ms <ms>', 'largest backoff (with --sync)', '30000')
      .option('--timeout-s <s>', 'give up delivering after this long (with --sync)', '120'),
  ).action(
    async (
      opts: DataOpts &
        HubFlags & {
          count: string;
          kind: string;
          intervalMs: string;
          sync?: boolean;
          syncIntervalMs: string;
          backoffBaseMs: string;
          backoffCapMs: string;
          timeoutS: string;
        },
    ) => {
      const count = positiveInt('--count', opts.count);
      const intervalMs = positiveInt('--interval-ms', opts.intervalMs);
      if (!isOutboxKind(opts.kind)) throw new CliExit(1, `--kind "${opts.kind}" is not one of ${OUTBOX_KINDS.join(', ')}`);
      const kind = opts.kind;
      const { outbox, config } = openTerminalOutbox(opts.data);
      let hub: { client: HubClient; close: () => Promise<void> } | null = null;
      let engine: SyncEngine | null = null;
      try {
        if (opts.sync) {
          hub = await connectHub(opts.data, config, opts);
          engine = new SyncEngine({
            outbox,
            client: hub.client,
            intervalMs: positiveInt('--sync-interval-ms', opts.syncIntervalMs, 1),
            backoff: { baseMs: positiveInt('--backoff-base-ms', opts.backoffBaseMs, 1), capMs: positiveInt('--backoff-cap-ms', opts.backoffCapMs, 1) },
          });
          engine.start();
        }
        for (let i = 0; i < count; i++) {
          let key: string;
          try {
            key = outbox.enqueue(kind, demoPayload(kind, i));
          } catch (err) {
            if (err instanceof OutboxQuotaExceededError || err instanceof OutboxEntryError) throw new CliExit(1, err.message);
            throw err;
          }
          out(key);
          if (intervalMs > 0) await sleep(intervalMs);
          else if (engine && i % 50 === 49) await sleep(0);
        }
        if (engine) {
          const r = await drain(engine, outbox, Date.now() + positiveInt('--timeout-s', opts.timeoutS, 1) * 1000);
          if (!r.drained) throw new CliExit(engine.status().authProblem ? EXIT_UNAUTHORIZED : EXIT_NOT_DRAINED, `not delivered: ${r.error}`);
        }
      } finally {
        await engine?.stop();
        await hub?.close();
        outbox.close();
      }
    },
  );

  const sync = commandGroup(program, 'sync', 'deliver the outbox to the hub');
  hubOptions(
    sync
      .command('now')
      .description('delivers every pending entry now, retrying with backoff until done or --timeout-s')
      .option('--data <dir>', 'data directory', defaultDataDir())
      .option('--timeout-s <s>', 'give up after this long', '60')
      .option('--json', 'one JSON object on stdout'),
  ).action(async (opts: DataOpts & HubFlags & { timeoutS: string; json?: boolean }) => {
    const timeoutS = positiveInt('--timeout-s', opts.timeoutS, 1);
    const { outbox, config } = openTerminalOutbox(opts.data);
    let hub: { client: HubClient; close: () => Promise<void> } | null = null;
    let e: SyncEngine | null = null;
    try {
      hub = await connectHub(opts.data, config, opts);
      e = new SyncEngine({ outbox, client: hub.client, intervalMs: 3_600_000, backoff: { baseMs: 500, capMs: 10_000 } });
      // Entries a crashed process left in flight are sent again (the hub deduplicates by key).
      outbox.releaseAllInFlight();
      const r = await drain(e, outbox, Date.now() + timeoutS * 1000);
      const stats = outbox.stats();
      const status = e.status();
      const summary = { drained: r.drained, delivered: r.delivered, dead: r.dead, pending: stats.pending, error: r.error, authProblem: status.authProblem };
      out(
        opts.json ? JSON.stringify(summary) : `delivered ${r.delivered}, dead ${r.dead}, pending ${stats.pending}${r.error ? ` (last error: ${r.error})` : ''}`,
      );
      if (!r.drained) throw new CliExit(status.authProblem ? EXIT_UNAUTHORIZED : EXIT_NOT_DRAINED, '');
    } finally {
      await e?.stop();
      await hub?.close();
      outbox.close();
    }
  });
}
