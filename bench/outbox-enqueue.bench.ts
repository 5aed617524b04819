// Durable enqueues per second: each enqueue is its own transaction, committed with
// synchronous=FULL in WAL mode (one fsync of the WAL per commit), payload sealed with AES-256-GCM.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../main/security/key-provider';
import { Outbox } from '../offline-queue/outbox';

const TARGET_PER_S = 2000;
const N = Number(process.env.BENCH_ENQUEUES ?? 5000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-outbox-'));
try {
  const outbox = Outbox.open(path.join(dir, 'outbox.db'), { keyProvider: new StaticKeyProvider(randomBytes(32)) });
  const sync = outbox.db.pragma('synchronous', { simple: true });
  const mode = outbox.db.pragma('journal_mode', { simple: true });
  const payload = (i: number) => ({ serviceCode: 'A', fields: { name: '王小明', idNumber: '110101199003071234', address: '北京市东城区某街道 1 号', n: i, note: 'x'.repeat(300) } });
  for (let i = 0; i < 200; i++) outbox.enqueue('submission.created', payload(i)); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) outbox.enqueue('submission.created', payload(i));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rate = N / seconds;
  outbox.close();
  console.log(`durable enqueues: ${N} in ${seconds.toFixed(2)} s = ${Math.round(rate)} /s (target ≥ ${TARGET_PER_S} /s)`);
  console.log(`  journal_mode=${String(mode)}, synchronous=${String(sync)} (2 = FULL), one transaction per enqueue, ~0.5 KiB sealed payload, on ${os.tmpdir()}`);
  console.log(`  ${rate >= TARGET_PER_S ? 'MEETS' : 'BELOW'} target`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
