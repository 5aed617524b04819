import { DEFAULT_HALL_TIME_ZONE, isTimeZone } from '../../common/time/hall-clock';
import { existsSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { resolveAssetsDir } from '../../main/config/paths';
import { HUB_DB_FILE, openHubDb } from '../../hub/hub-db';
import { COMMAND_TYPES, HubStore } from '../../hub/hub-store';
import { defaultCatalogFile, startReferenceHub, type TerminalCredential } from '../../hub/reference-hub';
import { TERMINAL_ID_PATTERN } from '../../common/hub-protocol/signing';
import { CliExit, commandGroup } from '../command-registry';
import { addAppointmentFromAdmin } from '../../hub/appointment-handlers';
import { ADMIN_TOKEN_FILE, HubKeyError, readAdminToken } from '../../hub/hub-secret-files';

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

const out = (text: string) => writeSync(1, text.endsWith('\n') ? text : text + '\n');

function parseTerminal(value: string, previous: TerminalCredential[] = []): TerminalCredential[] {
  const i = value.indexOf(':');
  const id = i > 0 ? value.slice(0, i) : '';
  const secret = i > 0 ? value.slice(i + 1) : '';
  if (!TERMINAL_ID_PATTERN.test(id)) throw new CliExit(1, `--terminal "${value.split(':')[0]}:…" needs ID:SECRET with ID 1–64 characters of A-Za-z0-9._-`);
  if (secret.length < 16) throw new CliExit(1, `--terminal ${id}: the secret must be at least 16 characters`);
  return [...previous, { id, secret }];
}

function rate(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new CliExit(1, `${name} must be a number from 0 to 1, got "${value}"`);
  return n;
}

function collectTerminalId(value: string, previous: string[] = []): string[] {
  if (!TERMINAL_ID_PATTERN.test(value)) throw new CliExit(1, `--allow-v1 "${value}" is not a terminal id (1–64 characters of A-Za-z0-9._-)`);
  return [...previous, value];
}

/**
 * The hub's store in dataDir. `existing`: the command only reads a hub, so a directory without
 * hub.db is a wrong --data, not a new hub. A lost or wrong hub.key is an error naming it (no new key).
 */
export function openStore(dataDir: string, options: { existing?: boolean } = {}): HubStore {
  if (options.existing && !existsSync(path.join(dataDir, HUB_DB_FILE))) {
    throw new CliExit(1, `no ${HUB_DB_FILE} in ${dataDir}: --data must be the hub's data directory (the kiosk's local hub keeps it in DATA/hub)`);
  }
  const db = openHubDb(dataDir);
  try {
    return new HubStore(db, { demoResults: false });
  } catch (err) {
    db.close();
    if (err instanceof HubKeyError) throw new CliExit(1, err.message);
    throw err;
  }
}

export function registerHubCommands(program: Command): void {
  const hub = commandGroup(program, 'hub', 'the reference hub (HUB-PROTOCOL.md) for development, tests and demos');

  hub
    .command('serve')
    .description(
      `runs the reference hub until SIGINT/SIGTERM; admin endpoints under /admin/ answer loopback clients with the token in DATA/${ADMIN_TOKEN_FILE}`,
    )
    .requiredOption('--data <dir>', 'hub data directory (hub.db)')
    .option('--port <n>', 'TCP port (0: any free port)', '8780')
    .option('--host <address>', 'listen address', '127.0.0.1')
    .option('--terminal <id:secret>', 'register a terminal (repeatable)', parseTerminal, [] as TerminalCredential[])
    .option(
      '--allow-v1 <id>',
      'accept requests without a request id from this terminal (HUB-PROTOCOL.md version 1 only; replayable within 300 s; repeatable)',
      collectTerminalId,
      [] as string[],
    )
    .option('--catalog <file>', 'initial catalog (default: assets/catalog/default-catalog.json)')
    .option('--time-zone <zone>', "the hall's IANA time zone: tickets restart at 001 at its midnight", DEFAULT_HALL_TIME_ZONE)
    .option('--fail-rate <r>', 'share of requests answered 503 (0–1)')
    .option('--drop-response-rate <r>', 'share of requests stored but never answered (0–1)')
    .option('--latency-ms <n>', 'delay before every request')
    .option('--no-demo-results', 'do not seed demo results for subjects')
    .option('--tls-key <file>', 'serve https with this private key (PEM); needs --tls-cert')
    .option('--tls-cert <file>', 'the certificate chain (PEM) for --tls-key')
    .action(
      async (opts: {
        data: string;
        port: string;
        host: string;
        terminal: TerminalCredential[];
        allowV1: string[];
        catalog?: string;
        timeZone: string;
        failRate?: string;
        dropResponseRate?: string;
        latencyMs?: string;
        demoResults: boolean;
        tlsKey?: string;
        tlsCert?: string;
      }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliExit(1, `--port must be 0–65535, got "${opts.port}"`);
        const latencyMs = opts.latencyMs === undefined ? undefined : Number(opts.latencyMs);
        if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0)) throw new CliExit(1, `--latency-ms must be a non-negative integer`);
        if (!isTimeZone(opts.timeZone)) throw new CliExit(1, `--time-zone must be an IANA time zone name such as Asia/Shanghai, got "${opts.timeZone}"`);
        if ((opts.tlsKey === undefined) !== (opts.tlsCert === undefined)) throw new CliExit(1, '--tls-key and --tls-cert go together');
        let tls: { key: Buffer; cert: Buffer } | undefined;
        try {
          tls = opts.tlsKey && opts.tlsCert ? { key: readFileSync(opts.tlsKey), cert: readFileSync(opts.tlsCert) } : undefined;
        } catch (err) {
          throw new CliExit(1, `TLS files cannot be read: ${(err as Error).message}`);
        }
        let running;
        try {
          running = await startReferenceHub({
            dataDir: opts.data,
            port,
            host: opts.host,
            terminals: opts.terminal,
            v1Terminals: opts.allowV1,
            catalogFile: opts.catalog ?? defaultCatalogFile(resolveAssetsDir(moduleDir())),
            demoResults: opts.demoResults,
            demoNotices: opts.demoResults,
            timeZone: opts.timeZone,
            faults: { failRate: rate('--fail-rate', opts.failRate), dropResponseRate: rate('--drop-response-rate', opts.dropResponseRate), latencyMs },
            ...(tls ? { tls } : {}),
          });
        } catch (err) {
          throw new CliExit(1, `hub could not start: ${(err as Error).message}`);
        }
        out(
          `hub listening on ${running.url} (data ${opts.data}, terminals: ${opts.terminal.map((t) => t.id).join(', ') || 'those in hub.db'}; admin token in ${path.join(opts.data, ADMIN_TOKEN_FILE)})`,
        );
        if (opts.allowV1.length > 0) out(`requests without a request id accepted from ${opts.allowV1.join(', ')}: those can be replayed within 300 s`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await running.stop();
      },
    );

  hub
    .command('admin-token')
    .description(`prints the bearer token of the hub's admin/ endpoints (DATA/${ADMIN_TOKEN_FILE}, written at the hub's first start)`)
    .requiredOption('--data <dir>', 'hub data directory')
    .action((opts: { data: string }) => {
      try {
        out(readAdminToken(opts.data));
      } catch (err) {
        throw new CliExit(1, (err as Error).message);
      }
    });

  hub
    .command('dump')
    .description('what the hub holds: items (in arrival order), tickets, leases, versions, heartbeats, commands')
    .requiredOption('--data <dir>', 'hub data directory')
    .option('--json', 'one JSON object on stdout')
    .option('--reveal', 'include payloads and command arguments (personal data)')
    .action((opts: { data: string; json?: boolean; reveal?: boolean }) => {
      const store = openStore(opts.data, { existing: true });
      try {
        const dump = store.dump(opts.reveal === true);
        if (opts.json) out(JSON.stringify(dump));
        else {
          const items = dump.items as { terminalId: string }[];
          const byTerminal = new Map<string, number>();
          for (const i of items) byTerminal.set(i.terminalId, (byTerminal.get(i.terminalId) ?? 0) + 1);
          out(
            [
              `terminals: ${(dump.terminals as string[]).join(', ') || '-'}`,
              `items: ${items.length} (${[...byTerminal].map(([t, n]) => `${t}: ${n}`).join(', ') || '-'})`,
              `tickets: ${(dump.tickets as unknown[]).length}, leases: ${(dump.leases as unknown[]).length}`,
              `catalog version: ${String(dump.catalogVersion)}`,
              `commands: ${(dump.commands as unknown[]).length}, heartbeats: ${(dump.heartbeats as unknown[]).length}`,
              `appointments: ${(dump.appointments as unknown[]).length} (checked in: ${(dump.appointments as { status: string }[]).filter((x) => x.status === 'checked-in').length})`,
            ].join('\n'),
          );
        }
      } finally {
        store.db.close();
      }
    });

  hub
    .command('command')
    .description('queues a command for a terminal, delivered with its next heartbeat')
    .requiredOption('--data <dir>', 'hub data directory')
    .requiredOption('--terminal <id>', 'terminal id')
    .requiredOption('--type <type>', COMMAND_TYPES.join(' | '))
    .option('--args <json>', 'arguments as a JSON object, e.g. {"subject":"S-1"}', '{}')
    .action((opts: { data: string; terminal: string; type: string; args: string }) => {
      if (!TERMINAL_ID_PATTERN.test(opts.terminal)) throw new CliExit(1, `--terminal "${opts.terminal}" is not a terminal id`);
      if (!(COMMAND_TYPES as readonly string[]).includes(opts.type)) throw new CliExit(1, `--type must be one of ${COMMAND_TYPES.join(', ')}`);
      let args: unknown;
      try {
        args = JSON.parse(opts.args);
      } catch {
        throw new CliExit(1, '--args is not JSON');
      }
      if (!args || typeof args !== 'object' || Array.isArray(args)) throw new CliExit(1, '--args must be a JSON object');
      const store = openStore(opts.data);
      try {
        out(store.enqueueCommand(opts.terminal, opts.type, args as Record<string, unknown>, Date.now()));
      } finally {
        store.db.close();
      }
    });

  hub
    .command('add-appointment')
    .description('adds an appointment (docs/appointments.md); prints its id and the code of its QR')
    .requiredOption('--data <dir>', 'hub data directory')
    .requiredOption('--service <code>', 'service code of the catalog')
    .requiredOption('--start <iso>', 'slot start, ISO-8601 with a time zone, or +MIN / -MIN from now')
    .option('--minutes <n>', 'slot length in minutes', '30')
    .option('--code <code>', 'the QR content (default: a new APPT-… code)')
    .option('--subject <id>', "the citizen's pseudonymous subject id (for lookups by ID card)")
    .option('--status <status>', 'booked | checked-in | cancelled', 'booked')
    .option('--json', 'the appointment as JSON on stdout')
    .action((opts: { data: string; service: string; start: string; minutes: string; code?: string; subject?: string; status: string; json?: boolean }) => {
      const relative = /^[+-]\d{1,6}$/.test(opts.start) ? Date.now() + Number(opts.start) * 60_000 : null;
      const start = relative ?? Date.parse(opts.start);
      if (Number.isNaN(start)) throw new CliExit(1, `--start must be an ISO-8601 date-time or +MIN / -MIN, got "${opts.start}"`);
      const minutes = Number(opts.minutes);
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
        throw new CliExit(1, `--minutes must be an integer from 1 to 1440, got "${opts.minutes}"`);
      const store = openStore(opts.data);
      try {
        const reply = addAppointmentFromAdmin(store, {
          serviceCode: opts.service,
          slotStart: new Date(start).toISOString(),
          slotEnd: new Date(start + minutes * 60_000).toISOString(),
          status: opts.status,
          ...(opts.code !== undefined ? { code: opts.code } : {}),
          ...(opts.subject !== undefined ? { subject: opts.subject } : {}),
        });
        if (reply.status !== 200) throw new CliExit(1, `appointment not added: ${(reply.body as { message: string }).message}`);
        const a = reply.body as { id: string; code: string };
        out(opts.json ? JSON.stringify(a) : `${a.id} ${a.code}`);
      } finally {
        store.db.close();
      }
    });

  hub
    .command('push-config')
    .description('pushes settings to a terminal (GET v1/config); the terminal validates them')
    .requiredOption('--data <dir>', 'hub data directory')
    .requiredOption('--terminal <id>', 'terminal id')
    .requiredOption('--settings <json>', 'settings as a JSON object, e.g. {"ui":{"idleTimeoutS":90}}')
    .action((opts: { data: string; terminal: string; settings: string }) => {
      let settings: unknown;
      try {
        settings = JSON.parse(opts.settings);
      } catch {
        throw new CliExit(1, '--settings is not JSON');
      }
      if (!settings || typeof settings !== 'object' || Array.isArray(settings)) throw new CliExit(1, '--settings must be a JSON object');
      const store = openStore(opts.data);
      try {
        out(`config version ${store.pushConfig(opts.terminal, settings as Record<string, unknown>)}`);
      } finally {
        store.db.close();
      }
    });
}
