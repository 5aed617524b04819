import type { Logger } from 'pino';
import { catalogSchema, type Catalog } from '../common/catalog/schema';
import { formatIssuePath, type ConfigIssue } from '../common/config/schema';
import {
  catalogAnswerSchema,
  configAnswerSchema,
  noticesAnswerSchema,
  queueStatusAnswerSchema,
  type HubNotice,
  type QueueStatusAnswer,
} from '../common/hub-protocol/answers';
import type { Clock } from '../base/clock';
import type { HubResponse } from './hub-client';
import { readHubAnswer } from './hub-answers';
import type { SqliteDb } from './outbox-db';
import { describeFailure } from './retry-policy';

export interface HubGetter {
  get(relativePath: string): Promise<HubResponse>;
}

export type PullOutcome =
  | { status: 'updated'; version: number }
  | { status: 'unchanged'; version: number | null }
  | { status: 'unreachable'; error: string }
  | { status: 'refused'; version: number | null; issues: ConfigIssue[] };

/** Applies pushed settings; returns the issues when they are refused (nothing changes then). */
export type ApplySettings = (settings: Record<string, unknown>, version: number) => ConfigIssue[] | null;

export interface ConfigRefusal {
  version: number;
  at: string;
  issues: ConfigIssue[];
}

/** The waiting counts as last pulled, with when (the terminal's clock). */
export interface PulledQueueStatus {
  fetchedAt: number;
  status: QueueStatusAnswer;
}

/**
 * Pulls the catalog and this terminal's pushed settings (HUB-PROTOCOL.md, GET v1/catalog and
 * v1/config) with `since` versions, and caches them in outbox.db so the terminal keeps working
 * with the last good ones while the hub is unreachable. Invalid documents are refused and the
 * refusal is kept for the heartbeat. The hall's notices and waiting counts (GET v1/notices,
 * v1/queue-status) are cached the same way; the reader judges how old a count may be.
 */
export class HubPuller {
  private readonly db: SqliteDb;
  private readonly client: HubGetter;
  private readonly applySettings: ApplySettings | undefined;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;

  constructor(options: { db: SqliteDb; client: HubGetter; applySettings?: ApplySettings; clock?: Clock; logger?: Logger }) {
    this.db = options.db;
    this.client = options.client;
    this.applySettings = options.applySettings;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.logger = options.logger;
  }

  private cached(name: string): { version: number; body: string } | undefined {
    return this.db.prepare('SELECT version, body FROM cached_documents WHERE name = ?').get(name) as { version: number; body: string } | undefined;
  }

  private store(name: string, version: number, body: unknown): void {
    this.db
      .prepare(
        'INSERT INTO cached_documents (name, version, body, fetched_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, body = excluded.body, fetched_at = excluded.fetched_at',
      )
      .run(name, version, JSON.stringify(body), this.clock.now());
  }

  /** The last catalog pulled from the hub (validated), or null: callers then use the shipped default. */
  cachedCatalog(): Catalog | null {
    const row = this.cached('catalog');
    if (!row) return null;
    const parsed = catalogSchema.safeParse(JSON.parse(row.body));
    return parsed.success ? parsed.data : null;
  }

  catalogVersion(): number | null {
    return this.cached('catalog')?.version ?? null;
  }

  configVersion(): number | null {
    return this.cached('config')?.version ?? null;
  }

  /** The last pushed settings accepted (re-applied at start), or null. */
  cachedSettings(): Record<string, unknown> | null {
    const row = this.cached('config');
    return row ? (JSON.parse(row.body) as Record<string, unknown>) : null;
  }

  configRefusal(): ConfigRefusal | null {
    const row = this.db.prepare("SELECT value FROM sync_state WHERE name = 'config.refused'").get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as ConfigRefusal) : null;
  }

  async pullCatalog(force = false): Promise<PullOutcome> {
    const since = force ? null : this.catalogVersion();
    // An answer that is not a catalog document at all is the hub being unavailable; a catalog
    // document that fails the terminal's catalog rules is refused. Either way the cache stays.
    const r = readHubAnswer(
      await this.client.get(since === null ? 'v1/catalog' : `v1/catalog?since=${since}`),
      catalogAnswerSchema,
      'GET v1/catalog',
      this.logger,
    );
    if (r.kind === 'not-modified') return { status: 'unchanged', version: since };
    if (r.kind !== 'answer') return { status: 'unreachable', error: describeFailure(r) };
    const parsed = catalogSchema.safeParse(r.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
      this.logger?.error({ issues }, 'catalog from the hub refused; keeping the cached one');
      return { status: 'refused', version: r.value.version, issues };
    }
    if (parsed.data.version === this.catalogVersion()) return { status: 'unchanged', version: parsed.data.version };
    this.store('catalog', parsed.data.version, parsed.data);
    return { status: 'updated', version: parsed.data.version };
  }

  async pullConfig(force = false): Promise<PullOutcome> {
    const since = force ? null : this.configVersion();
    // A malformed document is the hub being unavailable (the settings in force stay); settings the
    // terminal's configuration schema refuses are a refusal, reported in the heartbeat.
    const r = readHubAnswer(await this.client.get(since === null ? 'v1/config' : `v1/config?since=${since}`), configAnswerSchema, 'GET v1/config', this.logger);
    if (r.kind === 'not-modified') return { status: 'unchanged', version: since };
    if (r.kind !== 'answer') return { status: 'unreachable', error: describeFailure(r) };
    const { version, settings } = r.value;
    if (version === this.configVersion() && force === false) return { status: 'unchanged', version };
    const issues = this.applySettings ? this.applySettings(settings, version) : null;
    if (issues) return this.refuse(version, issues);
    this.store('config', version, settings);
    this.db.prepare("DELETE FROM sync_state WHERE name = 'config.refused'").run();
    return { status: 'updated', version };
  }

  /** The notices last pulled (expired ones included: the reader drops them by date). */
  cachedNotices(): HubNotice[] {
    const row = this.cached('notices');
    return row ? (JSON.parse(row.body) as HubNotice[]) : [];
  }

  async pullNotices(): Promise<PullOutcome> {
    const since = this.cached('notices')?.version ?? null;
    const r = readHubAnswer(
      await this.client.get(since === null ? 'v1/notices' : `v1/notices?since=${since}`),
      noticesAnswerSchema,
      'GET v1/notices',
      this.logger,
    );
    if (r.kind === 'not-modified') return { status: 'unchanged', version: since };
    if (r.kind !== 'answer') return { status: 'unreachable', error: describeFailure(r) };
    this.store('notices', r.value.version, r.value.notices);
    return { status: 'updated', version: r.value.version };
  }

  /** The waiting counts last pulled and when, or null; never refreshed from anything but the hub. */
  cachedQueueStatus(): PulledQueueStatus | null {
    const row = this.db.prepare("SELECT body, fetched_at FROM cached_documents WHERE name = 'queue-status'").get() as
      { body: string; fetched_at: number } | undefined;
    return row ? { fetchedAt: row.fetched_at, status: JSON.parse(row.body) as QueueStatusAnswer } : null;
  }

  async pullQueueStatus(): Promise<PullOutcome> {
    const r = readHubAnswer(await this.client.get('v1/queue-status'), queueStatusAnswerSchema, 'GET v1/queue-status', this.logger);
    if (r.kind !== 'answer') return { status: 'unreachable', error: describeFailure(r) };
    this.store('queue-status', 0, r.value);
    return { status: 'updated', version: 0 };
  }

  private refuse(version: number, issues: ConfigIssue[]): PullOutcome {
    const previous = this.configRefusal();
    const refusal: ConfigRefusal = { version, at: new Date(this.clock.now()).toISOString(), issues };
    this.db
      .prepare("INSERT INTO sync_state (name, value) VALUES ('config.refused', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(refusal));
    if (previous?.version !== version) this.logger?.error({ version, issues }, 'settings pushed by the hub refused; keeping the settings in force');
    return { status: 'refused', version, issues };
  }
}
