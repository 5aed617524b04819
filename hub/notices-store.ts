import type { HubNotice } from '../common/hub-protocol/answers';
import type { HubDb } from './hub-db';
import { demoNotices } from './demo-notices';

/**
 * The hall's notices (GET v1/notices): the whole list is set at once (POST admin/notices), each
 * setting a new version. The hub leaves out the expired ones; the terminal drops them as they
 * expire too, also offline.
 */
export class HubNotices {
  constructor(private readonly db: HubDb) {}

  /** A fresh hub with demo data on starts with the demo notices, dated from `now`. */
  seedDemo(now: number): void {
    if (this.latest() === undefined) this.set(demoNotices(now), now);
  }

  private latest(): { version: number; notices: HubNotice[] } | undefined {
    const row = this.db.prepare('SELECT version, body FROM notices ORDER BY version DESC LIMIT 1').get() as { version: number; body: string } | undefined;
    return row ? { version: row.version, notices: JSON.parse(row.body) as HubNotice[] } : undefined;
  }

  /** The notices not yet expired at `now` (those still to come included, for a terminal that goes offline). */
  current(now: number): { version: number; notices: HubNotice[] } {
    const latest = this.latest() ?? { version: 0, notices: [] };
    return { version: latest.version, notices: latest.notices.filter((n) => Date.parse(n.validUntil) > now) };
  }

  /** Replaces the notices; returns the new version. */
  set(notices: HubNotice[], now: number): number {
    return this.db
      .transaction(() => {
        const version = (this.latest()?.version ?? 0) + 1;
        this.db.prepare('INSERT INTO notices (version, body, set_at) VALUES (?, ?, ?)').run(version, JSON.stringify(notices), now);
        return version;
      })
      .immediate();
  }
}
