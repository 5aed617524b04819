import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { REPO_ROOT, runKioskctl, spawnKioskctl } from '../helpers/kioskctl';
import { tempDir } from './helpers';

const TERMINAL = 'T-CRASH';
const SECRET = 'crash-test-secret-0123456789';
const ROUNDS = 20;

/** Small seeded PRNG so a failing run can be replayed with its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let hub: ReferenceHub;
let hubDir: ReturnType<typeof tempDir>;
let termDir: ReturnType<typeof tempDir>;
beforeAll(async () => {
  hubDir = tempDir('crash-hub-');
  termDir = tempDir('crash-term-');
  hub = await startReferenceHub({
    dataDir: hubDir.dir,
    catalogFile: path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'),
    terminals: [{ id: TERMINAL, secret: SECRET }],
    faults: { failRate: 0.3, dropResponseRate: 0.2 },
  });
});
afterAll(async () => {
  await hub?.stop();
  hubDir?.cleanup();
  termDir?.cleanup();
});

/** Runs one child that writes and syncs, killing it with SIGKILL after a random moment; returns the keys it printed. */
function crashRound(random: () => number): Promise<{ keys: string[]; killed: boolean }> {
  const hubFlags = ['--hub', hub.url, '--terminal-id', TERMINAL, '--secret', SECRET];
  const child = spawnKioskctl([
    'queue', 'enqueue-demo', '--data', termDir.dir, '--count', '200', '--interval-ms', '8', '--sync',
    '--sync-interval-ms', '25', '--backoff-base-ms', '20', '--backoff-cap-ms', '250', '--timeout-s', '60', ...hubFlags,
  ]);
  return new Promise((resolve, reject) => {
    let buffer = '';
    let killTimer: NodeJS.Timeout | null = null;
    let killed = false;
    // One round in five is killed blind, possibly while starting or releasing in-flight entries.
    if (random() < 0.2) killTimer = setTimeout(() => (killed = child.kill('SIGKILL')), Math.floor(random() * 2500));
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      // first key printed: the child is up; kill it at a random moment from now
      if (killTimer === null && buffer.includes('\n')) {
        killTimer = setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, Math.floor(random() * 700));
      }
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child exited ${code}: ${stderr}`));
      const lines = buffer.split('\n');
      lines.pop(); // a line without its newline was not printed in full
      resolve({ keys: lines.filter((l) => l.length > 0), killed: killed && signal === 'SIGKILL' });
    });
  });
}

describe('crash and fault test (real processes, SIGKILL, 30% failures, 20% dropped responses)', () => {
  it('every printed key reaches the hub exactly once, nothing else does, and seq arrives in increasing order', async () => {
    const seed = Date.now() % 1_000_000;
    const random = mulberry32(seed);
    const printed: string[] = [];
    let kills = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const r = await crashRound(random);
      printed.push(...r.keys);
      if (r.killed) kills++;
    }
    // 200 entries at 8 ms take longer than any kill delay: every round ends in SIGKILL
    expect(kills, `seed ${seed}`).toBe(ROUNDS);

    const final = await runKioskctl(['sync', 'now', '--data', termDir.dir, '--hub', hub.url, '--terminal-id', TERMINAL, '--secret', SECRET, '--timeout-s', '90', '--json'], {
      timeoutMs: 120_000,
    });
    expect(final.code, `seed ${seed}: ${final.stderr}${final.stdout}`).toBe(0);

    const items = (hub.store.dump().items as { key: string; terminalId: string; seq: number }[]).filter((i) => i.terminalId === TERMINAL);
    const held = items.map((i) => i.key);
    expect(new Set(held).size, `seed ${seed}: a key stored twice`).toBe(held.length);
    const heldSet = new Set(held);
    const missing = printed.filter((k) => !heldSet.has(k));
    expect(missing, `seed ${seed}: printed keys missing at the hub`).toEqual([]);
    expect(new Set(printed).size).toBe(printed.length);

    // A key the hub holds but the child never printed can only be one committed in the instant
    // between its commit and its print when SIGKILL came: at most one per kill, and it must be in
    // the terminal's own outbox (never a key the terminal did not create).
    const local = new Database(path.join(termDir.dir, 'outbox.db'), { readonly: true });
    const localKeys = new Set((local.prepare('SELECT key FROM outbox').all() as { key: string }[]).map((r) => r.key));
    const stats = local.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
    const retried = (local.prepare('SELECT COUNT(*) AS n FROM outbox WHERE attempts > 1').get() as { n: number }).n;
    local.close();
    expect(retried, 'the injected faults made some batches go more than once').toBeGreaterThan(0);
    const printedSet = new Set(printed);
    const unprinted = held.filter((k) => !printedSet.has(k));
    expect(unprinted.every((k) => localKeys.has(k)), `seed ${seed}`).toBe(true);
    expect(unprinted.length, `seed ${seed}`).toBeLessThanOrEqual(kills);
    expect(stats, `seed ${seed}`).toEqual([{ state: 'acknowledged', n: held.length }]);

    const seqs = items.map((i) => i.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!, `seed ${seed}: seq order at arrival ${i}`).toBeGreaterThan(seqs[i - 1]!);
    expect(printed.length).toBeGreaterThan(ROUNDS);
  }, 240_000);
});
