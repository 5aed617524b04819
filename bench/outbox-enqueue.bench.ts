// Durable enqueues per second: each enqueue is its own transaction, committed with
// synchronous=FULL in WAL mode (one fsync of the WAL per commit), payload sealed with AES-256-GCM.
// The disk is shared with other processes, so rounds alternate between the outbox and bare
// SQLite INSERTs (same pragmas, same row size): the bare figure is the disk's ceiling right then.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../base/key-provider';
import { Outbox } from '../offline-queue/outbox';

const TARGET_PER_S = 2000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const PER_ROUND = Number(process.env.BENCH_ENQUEUES ?? 1000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (n: number, t0: bigint) => n / (Number(process.hrtime.bigint() - t0) / 1e9);

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-outbox-'));
try {
  const outbox = Outbox.open(path.join(dir, 'outbox.db'), { keyProvider: new StaticKeyProvider(randomBytes(32)), quotaBytes: 512 * 1048576 });
  const sync = outbox.db.pragma('synchronous', { simple: true });
  const mode = outbox.db.pragma('journal_mode', { simple: true });
  const payload = (i: number) => ({
    serviceCode: 'A',
    fields: { name: '王小明', idNumber: '110101199003071234', address: '北京市东城区某街道 1 号', n: i, note: 'x'.repeat(300) },
  });

  const bare = new Database(path.join(dir, 'bare.db'));
  bare.pragma('journal_mode = WAL');
  bare.pragma('synchronous = FULL');
  bare.exec('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT UNIQUE, v BLOB)');
  const insert = bare.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  const blob = randomBytes(560);

  for (let i = 0; i < 200; i++) outbox.enqueue('submission.created', payload(i)); // warm-up
  const outboxRates: number[] = [];
  const bareRates: number[] = [];
  let k = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) outbox.enqueue('submission.created', payload(i));
    outboxRates.push(rate(PER_ROUND, t0));
    t0 = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) insert.run(`k${k++}`, blob);
    bareRates.push(rate(PER_ROUND, t0));
  }
  outbox.close();
  bare.close();
  const m = median(outboxRates);
  const fmt = (xs: number[]) => `median ${Math.round(median(xs))} /s (min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;
  console.log(`durable enqueues (outbox): ${fmt(outboxRates)} over ${ROUNDS} rounds of ${PER_ROUND} (target ≥ ${TARGET_PER_S} /s)`);
  console.log(`bare SQLite INSERT+fsync:  ${fmt(bareRates)} in the alternating rounds (the disk's ceiling)`);
  console.log(
    `  journal_mode=${String(mode)}, synchronous=${String(sync)} (2 = FULL), one transaction per enqueue, quota check on, ~0.5 KiB sealed payload, on ${os.tmpdir()}`,
  );
  console.log(`  ${m >= TARGET_PER_S ? 'MEETS' : 'BELOW'} target (median); outbox/bare = ${(m / median(bareRates)).toFixed(2)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
