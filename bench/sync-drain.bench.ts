// Draining a 100,000-entry backlog to the local reference hub (run in its own process, as in a
// hall), and the terminal's resident memory while doing so (should stay flat: batches of ≤ 500).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../base/key-provider';
import { Outbox } from '../offline-queue/outbox';
import { HubClient } from '../offline-queue/hub-client';
import { SyncEngine } from '../offline-queue/sync-engine';

const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 100_000);
const TARGET_S = 60;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-drain-'));
const SECRET = 'bench-secret-0123456789';

const hubProcess = spawn(
  process.execPath,
  ['--import', 'tsx', path.join(root, 'cli', 'kioskctl.ts'), 'hub', 'serve', '--port', '0', '--data', path.join(dir, 'hub'), '--terminal', `T-BENCH:${SECRET}`],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);

async function main(): Promise<void> {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    hubProcess.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /hub listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    hubProcess.on('exit', (code) => reject(new Error(`hub exited ${code}`)));
  });

  const outbox = Outbox.open(path.join(dir, 'outbox.db'), { keyProvider: new StaticKeyProvider(randomBytes(32)) });
  const fill0 = Date.now();
  for (let done = 0; done < BACKLOG;) {
    const n = Math.min(1000, BACKLOG - done);
    outbox.transaction(() => {
      for (let i = 0; i < n; i++) outbox.enqueue('submission.created', { serviceCode: 'A', fields: { name: '王小明', n: done + i, note: 'x'.repeat(200) } });
    });
    done += n;
  }
  console.log(`backlog of ${BACKLOG} entries written in ${((Date.now() - fill0) / 1000).toFixed(1)} s`);

  const client = new HubClient({ url, terminalId: 'T-BENCH', secret: SECRET, timeoutMs: 30_000 });
  const engine = new SyncEngine({ outbox, client, intervalMs: 3_600_000, backoff: { baseMs: 100, capMs: 2000 } });
  global.gc?.();
  const rssMiB = () => process.memoryUsage().rss / 1048576;
  const samples: { acked: number; rss: number }[] = [];
  const sampler = setInterval(() => samples.push({ acked: outbox.stats().acknowledged, rss: rssMiB() }), 250);
  const startRss = rssMiB();
  const t0 = Date.now();
  let delivered = 0;
  for (;;) {
    const r = await engine.syncNow();
    delivered += r.delivered;
    if (r.drained && r.error === null) break;
    if (r.error) await new Promise((res) => setTimeout(res, 200));
  }
  const seconds = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  const endRss = rssMiB();
  const quarter = (q: number) => samples.find((s) => s.acked >= (BACKLOG * q) / 4)?.rss ?? endRss;
  const peak = Math.max(startRss, endRss, ...samples.map((s) => s.rss));
  console.log(
    `drained ${delivered} entries in ${seconds.toFixed(1)} s = ${Math.round(delivered / seconds)} /s (target ≤ ${TARGET_S} s for 100,000): ${seconds <= TARGET_S ? 'MEETS' : 'MISSES'} target`,
  );
  console.log(
    `terminal RSS (MiB): start ${startRss.toFixed(0)}, at 25% ${quarter(1).toFixed(0)}, 50% ${quarter(2).toFixed(0)}, 75% ${quarter(3).toFixed(0)}, end ${endRss.toFixed(0)}, peak ${peak.toFixed(0)}` +
      ` (target: flat; growth 25%→end ${(endRss - quarter(1)).toFixed(0)} MiB)`,
  );
  client.close();
  outbox.close();
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    hubProcess.kill('SIGTERM');
    hubProcess.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  });
