import { createHash, randomUUID } from 'node:crypto';
import type { ResultDetails } from '../common/hub-protocol/answers';
import type { HubDb } from './hub-db';
import { demoResultsFor } from './demo-results';

export interface NewResult {
  id?: string;
  title: unknown;
  status: string;
  printable: boolean;
  body: unknown;
  /** Dates, department, reason, next step: sent as they are (docs/hub-protocol.md, “Result details”). */
  details?: ResultDetails;
}

/** Results (办件结果) by pseudonymous subject; with `demoResults`, each subject's first look seeds a few. */
export class HubResults {
  constructor(
    private readonly db: HubDb,
    private readonly demoResults: boolean,
    /** The hub's hall clock: the demo results' "by" days. */
    private readonly timeZone: string,
  ) {}

  /** The subject's results; `now` dates the demo ones seeded at this first look. */
  results(subject: string, now: number): unknown[] {
    if (this.demoResults) this.seedDemoResults(subject, now);
    const rows = this.db.prepare('SELECT id, title, status, printable, body, details FROM results WHERE subject = ? ORDER BY id').all(subject) as {
      id: string;
      title: string;
      status: string;
      printable: number;
      body: string;
      details: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      title: JSON.parse(r.title),
      status: r.status,
      printable: r.printable === 1,
      ...(JSON.parse(r.details) as ResultDetails),
      body: JSON.parse(r.body),
    }));
  }

  addResult(subject: string, r: NewResult): string {
    const id = r.id ?? randomUUID();
    this.db
      .prepare('INSERT INTO results (id, subject, title, status, printable, body, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, subject, JSON.stringify(r.title), r.status, r.printable ? 1 : 0, JSON.stringify(r.body), JSON.stringify(r.details ?? {}));
    return id;
  }

  private seedDemoResults(subject: string, now: number): void {
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM results_seeded WHERE subject = ?').get(subject)) return;
        this.db.prepare('INSERT INTO results_seeded (subject) VALUES (?)').run(subject);
        const seed = createHash('sha256').update(subject).digest();
        for (const r of demoResultsFor(seed, now, this.timeZone)) this.addResult(subject, r);
      })
      .immediate();
  }
}
