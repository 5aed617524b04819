import type { HubDb } from './hub-db';

/** The hall's service catalog (each published version) and each terminal's pushed settings. */
export class HubCatalogConfig {
  constructor(private readonly db: HubDb) {}

  catalog(): { version: number; body: Record<string, unknown> } | undefined {
    const row = this.db.prepare('SELECT version, body FROM catalog ORDER BY version DESC LIMIT 1').get() as { version: number; body: string } | undefined;
    return row ? { version: row.version, body: JSON.parse(row.body) as Record<string, unknown> } : undefined;
  }

  /** Publishes a catalog; its version becomes max(given, current + 1). */
  publishCatalog(catalog: Record<string, unknown>, now: number): number {
    return this.db
      .transaction(() => {
        const current = this.catalog()?.version ?? 0;
        const given = typeof catalog.version === 'number' ? catalog.version : 0;
        const version = this.catalog() === undefined ? given : Math.max(given, current + 1);
        const body = { ...catalog, version };
        this.db.prepare('INSERT INTO catalog (version, body, published_at) VALUES (?, ?, ?)').run(version, JSON.stringify(body), now);
        return version;
      })
      .immediate();
  }

  configFor(terminalId: string): { version: number; settings: Record<string, unknown> } {
    const row = this.db.prepare('SELECT version, settings FROM terminal_config WHERE terminal_id = ?').get(terminalId) as
      { version: number; settings: string } | undefined;
    return row ? { version: row.version, settings: JSON.parse(row.settings) as Record<string, unknown> } : { version: 0, settings: {} };
  }

  pushConfig(terminalId: string, settings: Record<string, unknown>): number {
    return this.db
      .transaction(() => {
        const version = this.configFor(terminalId).version + 1;
        this.db
          .prepare(
            'INSERT INTO terminal_config (terminal_id, version, settings) VALUES (?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET version = excluded.version, settings = excluded.settings',
          )
          .run(terminalId, version, JSON.stringify(settings));
        return version;
      })
      .immediate();
  }
}
