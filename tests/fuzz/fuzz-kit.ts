import vm from 'node:vm';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';

/**
 * What the fuzz tests share: a seeded Rng on the tests' one PRNG (`seededRandom`), the run's seed
 * (`testSeed('FUZZ_SEED')`: printed, and taken from FUZZ_SEED when set, so a failure is replayed
 * exactly), input mutators and a hang watchdog.
 *
 *   FUZZ_SEED=123456 npx vitest run --project unit tests/fuzz
 *   FUZZ_ITERATIONS=20000 ...   more inputs per target than the default
 */

export class Rng {
  private readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }

  float(): number {
    return this.next();
  }

  /** 0 ≤ n < maxExclusive */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /** min ≤ n ≤ max */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  bytes(length: number): Buffer {
    const out = Buffer.alloc(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }
}

/** This file's run seed: FUZZ_SEED when set, else fresh; printed either way. */
export const RUN_SEED = testSeed('FUZZ_SEED');

/** Inputs per target: bounded, so a run takes a few seconds; FUZZ_ITERATIONS overrides. */
export function iterations(defaultCount: number): number {
  const configured = process.env.FUZZ_ITERATIONS;
  if (configured === undefined) return defaultCount;
  if (!/^\d+$/.test(configured)) throw new Error(`FUZZ_ITERATIONS must be a positive integer, got ${JSON.stringify(configured)}`);
  return Number(configured);
}

/** Test timeout for a fuzz test: room for a busy machine, and for FUZZ_ITERATIONS runs. */
export const FUZZ_TEST_TIMEOUT_MS = process.env.FUZZ_ITERATIONS === undefined ? 60_000 : 3_600_000;

/** The target's PRNG, derived from the run's seed (printed once per file) and the target's name. */
export function fuzzRng(target: string): Rng {
  let h = 0x811c9dc5;
  for (const ch of target) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return new Rng((RUN_SEED ^ h) >>> 0);
}

/** How to replay a failure: names the seed and the input. */
export function replayHint(target: string, iteration: number, input: Uint8Array | string): string {
  const shown = typeof input === 'string' ? JSON.stringify(input.slice(0, 400)) : Buffer.from(input.subarray(0, 400)).toString('hex');
  return `${target}: FUZZ_SEED=${RUN_SEED}, iteration ${iteration}, input ${shown}${input.length > 400 ? '…' : ''}`;
}

/** Cuts bytes into 1..n chunks at random places (empty chunks included now and then). */
export function randomChunks(rng: Rng, bytes: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = rng.chance(0.05) ? 0 : rng.range(1, Math.max(1, rng.chance(0.5) ? 8 : bytes.length));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xaa, 0x96, 0x69, 0x90, 0x9f, 0x20, 0x30, 0x0a, 0x10, 0x04];

/** 1..maxEdits random edits: bit flips, byte sets, inserts, deletes, truncation, duplicated or moved slices. */
export function mutate(rng: Rng, input: Buffer, maxEdits = 4): Buffer {
  let out = Buffer.from(input);
  const edits = rng.range(1, maxEdits);
  for (let e = 0; e < edits; e++) {
    const at = out.length ? rng.int(out.length) : 0;
    switch (rng.int(7)) {
      case 0:
        if (out.length) out[at] = out[at]! ^ (1 << rng.int(8));
        break;
      case 1:
        if (out.length) out[at] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), rng.bytes(rng.range(1, 8)), out.subarray(at)]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + rng.range(1, 8))]);
        break;
      case 4:
        out = out.subarray(0, at);
        break;
      case 5: {
        const len = rng.range(1, 32);
        out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + len), out.subarray(at)]);
        break;
      }
      default: {
        const from = out.length ? rng.int(out.length) : 0;
        const slice = Buffer.from(out.subarray(from, from + rng.range(1, 16)));
        if (at + slice.length <= out.length) slice.copy(out, at);
        break;
      }
    }
  }
  return out;
}

export class HangError extends Error {
  override name = 'HangError';
}

const watchdog = vm.createContext({ job: null as (() => unknown) | null });
const runJob = new vm.Script('job()');

/**
 * Runs a synchronous decoder call and fails if it has not returned within `ms`: a decoder stuck
 * in a loop never yields to the event loop, so only V8's execution timeout can stop it. The bound
 * is generous (a hang check, not a speed check).
 */
export function returnsWithin<T>(ms: number, what: () => string, fn: () => T): T {
  (watchdog as { job: (() => unknown) | null }).job = fn;
  try {
    return runJob.runInContext(watchdog, { timeout: ms }) as T;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new HangError(`no return within ${ms} ms: ${what()}`);
    throw err;
  } finally {
    (watchdog as { job: (() => unknown) | null }).job = null;
  }
}
