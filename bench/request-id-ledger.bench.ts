// The reference hub's replay check per request (hub/request-id-ledger.ts): claims per second and
// the time one claim holds the event loop (p50/p99), against the former ledger (re-prepared
// statements, an IMMEDIATE transaction, synchronous=FULL in hub.db) written out here for comparison.
// Figures only, no pass/fail: the disk is shared with whatever else runs.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { RequestIdLedger } from '../hub/request-id-ledger';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 3000);
const TERMINALS = 20;

function formerClaim(db: Database.Database, terminalId: string, requestId: string, timestamp: number, now: number): string {
  return db
    .transaction(() => {
      if (db.prepare('SELECT 1 FROM request_ids WHERE terminal_id = ? AND request_id = ?').get(terminalId, requestId)) return 'replayed';
      db.prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM request_ids WHERE terminal_id = ? AND expires_at >= ? LIMIT ?)').get(terminalId, now, 10_000);
      db.prepare('INSERT INTO request_ids (terminal_id, request_id, expires_at) VALUES (?, ?, ?)').run(terminalId, requestId, timestamp + 300_000);
      return 'fresh';
    })
    .immediate();
}

function measure(label: string, claim: (terminalId: string, requestId: string, now: number) => unknown): void {
  const ids = Array.from({ length: CLAIMS }, () => randomBytes(16).toString('hex'));
  const times: number[] = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CLAIMS; i++) {
    const s = process.hrtime.bigint();
    claim(`T-${i % TERMINALS}`, ids[i]!, Date.now());
    times.push(Number(process.hrtime.bigint() - s) / 1000);
  }
  const total = Number(process.hrtime.bigint() - t0) / 1e9;
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))]!.toFixed(0);
  console.log(`${label.padEnd(44)} ${(CLAIMS / total).toFixed(0).padStart(7)} claims/s   p50 ${pct(0.5)} µs   p99 ${pct(0.99)} µs`);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-ledger-'));
try {
  const former = new Database(path.join(dir, 'hub.db'));
  former.pragma('journal_mode = WAL');
  former.pragma('synchronous = FULL');
  former.exec(
    'CREATE TABLE request_ids (terminal_id TEXT NOT NULL, request_id TEXT NOT NULL, expires_at INTEGER NOT NULL, PRIMARY KEY (terminal_id, request_id)) WITHOUT ROWID; CREATE INDEX request_ids_expiry ON request_ids (expires_at);',
  );
  measure('before: prepare + IMMEDIATE + FULL in hub.db', (t, r, now) => formerClaim(former, t, r, now, now));
  former.close();

  const ledger = RequestIdLedger.open(dir, { now: Date.now() });
  measure('now: memory + one prepared write, NORMAL', (t, r, now) => ledger.claim(t, r, now, now));
  ledger.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
