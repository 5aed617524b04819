import { createHash, randomUUID } from 'node:crypto';
import type { HubDb } from './hub-db';
import { demoResultsFor } from './demo-results';

/** Results (办件结果) by pseudonymous subject; with `demoResults`, each subject's first look seeds a few. */
export class HubResults {
  constructor(
    private readonly db: HubDb,
    private readonly demoResults: boolean,
  ) {}

  results(subject: string): unknown[] {
    if (this.demoResults) this.seedDemoResults(subject);
    const rows = this.db.prepare('SELECT id, title, status, printable, body FROM results WHERE subject = ? ORDER BY id').all(subject) as {
      id: string;
      title: string;
      status: string;
      printable: number;
      body: string;
    }[];
    return rows.map((r) => ({ id: r.id, title: JSON.parse(r.title), status: r.status, printable: r.printable === 1, body: JSON.parse(r.body) }));
  }

  addResult(subject: string, r: { id?: string; title: unknown; status: string; printable: boolean; body: unknown }): string {
    const id = r.id ?? randomUUID();
    this.db
      .prepare('INSERT INTO results (id, subject, title, status, printable, body) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, subject, JSON.stringify(r.title), r.status, r.printable ? 1 : 0, JSON.stringify(r.body));
    return id;
  }

  private seedDemoResults(subject: string): void {
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM results_seeded WHERE subject = ?').get(subject)) return;
        this.db.prepare('INSERT INTO results_seeded (subject) VALUES (?)').run(subject);
        const seed = createHash('sha256').update(subject).digest();
        for (const r of demoResultsFor(seed)) this.addResult(subject, r);
      })
      .immediate();
  }
}
