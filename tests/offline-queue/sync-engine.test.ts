import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubResponse } from '../../offline-queue/hub-client';
import type { Outbox, OutboxItem } from '../../offline-queue/outbox';
import { backoffDelay, classifyBatchResponse, DEFAULT_BACKOFF } from '../../offline-queue/retry-policy';
import { SyncEngine, type BatchPoster } from '../../offline-queue/sync-engine';
import type { Timers } from '../../base/timers';
import { ManualClock, openTestOutbox, tempDir } from './helpers';

class FakeTimers implements Timers {
  scheduled: { fn: () => void; ms: number; id: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.scheduled.push({ fn, ms, id });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.scheduled = this.scheduled.filter((s) => s.id !== h);
  }
  get last() {
    return this.scheduled[this.scheduled.length - 1];
  }
}

type Answer = (items: OutboxItem[]) => HubResponse;

class FakeHub implements BatchPoster {
  readonly terminalId = 'T-0001';
  batches: OutboxItem[][] = [];
  answers: Answer[] = [];
  fallback: Answer = (items) => ({ kind: 'ok', status: 200, body: { results: items.map((i) => ({ key: i.key, status: 'accepted' })) } });
  async post(_path: string, body: unknown): Promise<HubResponse> {
    const items = (JSON.parse(body as string) as { items: OutboxItem[] }).items;
    this.batches.push(items);
    return (this.answers.shift() ?? this.fallback)(items);
  }
}

let dir: string;
let cleanup: () => void;
let outbox: Outbox;
let hub: FakeHub;
let timers: FakeTimers;
let clock: ManualClock;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  clock = new ManualClock();
  outbox = openTestOutbox(dir, { clock });
  hub = new FakeHub();
  timers = new FakeTimers();
});
afterEach(() => {
  outbox.close();
  cleanup();
});

const engine = (random = () => 0.5) =>
  new SyncEngine({ outbox, client: hub, clock, random, timers, intervalMs: 15_000, backoff: { baseMs: 1000, capMs: 60_000 } });
const fill = (n: number) => Array.from({ length: n }, (_, i) => outbox.enqueue('audit.event', { action: `a${i}` }));

describe('retry classification', () => {
  it.each<[HubResponse, string]>([
    [{ kind: 'ok', status: 200, body: {} }, 'deliver'],
    [{ kind: 'network-error', message: 'ECONNREFUSED' }, 'retry'],
    [{ kind: 'timeout', timeoutMs: 10 }, 'retry'],
    [{ kind: 'bad-response', status: 200, message: 'x' }, 'retry'],
    [{ kind: 'http-error', status: 500, code: null, message: '', retryAfterMs: null }, 'retry'],
    [{ kind: 'http-error', status: 503, code: null, message: '', retryAfterMs: 5000 }, 'retry'],
    [{ kind: 'http-error', status: 429, code: null, message: '', retryAfterMs: 5000 }, 'retry'],
    [{ kind: 'http-error', status: 408, code: null, message: '', retryAfterMs: null }, 'retry'],
    [{ kind: 'http-error', status: 404, code: null, message: '', retryAfterMs: null }, 'retry'],
    [{ kind: 'unauthorized', status: 401, message: '', serverTime: 1, skewMs: 1 }, 'auth'],
    [{ kind: 'http-error', status: 400, code: 'bad-request', message: '', retryAfterMs: null }, 'split'],
    [{ kind: 'http-error', status: 413, code: 'too-large', message: '', retryAfterMs: null }, 'split'],
    [{ kind: 'http-error', status: 422, code: null, message: '', retryAfterMs: null }, 'split'],
  ])('%o → %s', (response, expected) => {
    expect(classifyBatchResponse(response)).toBe(expected);
  });
});

describe('backoff', () => {
  const policy = { ...DEFAULT_BACKOFF, baseMs: 1000, capMs: 60_000 };
  it('is full jitter in [0, min(cap, base·2^(n-1))]', () => {
    for (let n = 1; n <= 12; n++) {
      const ceiling = Math.min(60_000, 1000 * 2 ** (n - 1));
      expect(backoffDelay(n, policy, () => 0)).toBe(0);
      expect(backoffDelay(n, policy, () => 0.999999)).toBeLessThan(ceiling);
      expect(backoffDelay(n, policy, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    }
    expect(backoffDelay(1000, policy, () => 0.5)).toBe(30_000);
  });
  it('waits at least Retry-After, bounded by maxRetryAfterMs', () => {
    expect(backoffDelay(1, policy, () => 0.1, 30_000)).toBe(30_000);
    expect(backoffDelay(20, policy, () => 0.9, 1000)).toBe(54_000);
    expect(backoffDelay(1, { ...policy, maxRetryAfterMs: 10_000 }, () => 0, 3_600_000)).toBe(10_000);
  });
});

describe('SyncEngine', () => {
  it('delivers everything in seq order in batches of at most 500 and acknowledges it', async () => {
    const keys = fill(1200);
    const e = engine();
    const r = await e.syncNow();
    expect(r).toEqual({ delivered: 1200, dead: 0, drained: true, error: null });
    expect(hub.batches.map((b) => b.length)).toEqual([500, 500, 200]);
    const sent = hub.batches.flat();
    expect(sent.map((i) => i.key)).toEqual(keys);
    expect(sent.map((i) => i.seq)).toEqual([...sent.map((i) => i.seq)].sort((a, b) => a - b));
    expect(outbox.stats()).toMatchObject({ pending: 0, inFlight: 0, acknowledged: 1200 });
  });

  it('keeps batches under the byte limit', async () => {
    for (let i = 0; i < 12; i++) outbox.enqueue('audit.event', { action: 'big', pad: 'x'.repeat(100_000) });
    const e = new SyncEngine({ outbox, client: hub, clock, timers, intervalMs: 1000, maxBatchBytes: 450_000 });
    await e.syncNow();
    expect(hub.batches.map((b) => b.length)).toEqual([4, 4, 4]);
  });

  it('treats duplicate like accepted, moves rejected entries to the dead letters and carries on past them', async () => {
    const [a, b] = fill(3);
    const d = fill(1);
    hub.answers.push((items) => ({
      kind: 'ok',
      status: 200,
      body: {
        results: items
          .reverse()
          .map((i) =>
            i.key === b
              ? { key: b, status: 'rejected', reason: 'schema: payload.action missing' }
              : { key: i.key, status: i.key === a ? 'duplicate' : 'accepted' },
          ),
      },
    }));
    const r = await engine().syncNow();
    expect(r).toMatchObject({ delivered: 3, dead: 1, drained: true });
    expect(outbox.deadEntries()).toEqual([expect.objectContaining({ key: b, reason: 'schema: payload.action missing' })]);
    expect(outbox.get(d[0]!)?.state).toBe('acknowledged');
  });

  it('narrows a batch the hub refuses as a whole down to the one entry at fault', async () => {
    const keys = fill(8);
    const bad = keys[5]!;
    hub.fallback = (items) =>
      items.some((i) => i.key === bad)
        ? { kind: 'http-error', status: 400, code: 'bad-request', message: 'unreadable item', retryAfterMs: null }
        : { kind: 'ok', status: 200, body: { results: items.map((i) => ({ key: i.key, status: 'accepted' })) } };
    const r = await engine().syncNow();
    expect(r).toMatchObject({ delivered: 7, dead: 1, drained: true, error: null });
    expect(outbox.deadEntries().map((d) => d.key)).toEqual([bad]);
    expect(outbox.deadEntries()[0]!.reason).toMatch(/HTTP 400/);
  });

  it.each<[string, HubResponse]>([
    ['network error', { kind: 'network-error', message: 'ECONNREFUSED' }],
    ['timeout', { kind: 'timeout', timeoutMs: 10_000 }],
    ['503', { kind: 'http-error', status: 503, code: null, message: 'down', retryAfterMs: null }],
  ])('on %s keeps every entry pending and schedules a jittered exponential retry', async (_name, failure) => {
    fill(3);
    hub.fallback = () => failure;
    const e = engine(() => 0.999);
    e.start();
    await e.syncNow();
    expect(outbox.stats()).toMatchObject({ pending: 3, inFlight: 0, acknowledged: 0 });
    const delays: number[] = [];
    for (let n = 0; n < 8; n++) {
      const t = timers.last!;
      delays.push(t.ms);
      timers.clearTimeout(t.id);
      await e.syncNow();
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000].map((c) => Math.floor(0.999 * c)));
    expect(e.status()).toMatchObject({ consecutiveFailures: 9, lastError: { message: expect.any(String) }, authProblem: null });
    await e.stop();
  });

  it('honours Retry-After on 429 and 503', async () => {
    fill(1);
    hub.answers.push(() => ({ kind: 'http-error', status: 429, code: null, message: 'slow down', retryAfterMs: 45_000 }));
    const e = engine(() => 0);
    e.start();
    await e.syncNow();
    expect(timers.last!.ms).toBe(45_000);
    expect(Date.parse(e.status().nextAttemptAt!)).toBe(clock.now() + 45_000);
    await e.stop();
  });

  it('reports 401 as an authentication problem with the clock skew, cleared by the next success', async () => {
    fill(1);
    hub.answers.push(() => ({ kind: 'unauthorized', status: 401, message: 'X-Timestamp is 400 s behind', serverTime: 1, skewMs: 400_000 }));
    const e = engine();
    e.start();
    await e.syncNow();
    expect(e.status().authProblem).toMatchObject({ message: /400 s behind/, clockSkewMs: 400_000 });
    expect(outbox.stats().pending).toBe(1);
    await e.syncNow();
    expect(e.status().authProblem).toBeNull();
    expect(outbox.stats().acknowledged).toBe(1);
    await e.stop();
  });

  it('syncs at once when connectivity returns instead of waiting out the backoff', async () => {
    fill(2);
    hub.answers.push(() => ({ kind: 'network-error', message: 'ENETUNREACH' }));
    const e = engine(() => 0.999);
    e.start();
    await e.syncNow();
    expect(timers.last!.ms).toBeGreaterThan(0);
    e.notifyConnectivity();
    await e.syncNow();
    expect(outbox.stats().acknowledged).toBe(2);
    expect(timers.last!.ms).toBe(15_000);
    await e.stop();
  });

  it('on start puts entries a crash left in flight back to pending and sends them first', async () => {
    const keys = fill(3);
    outbox.claimBatch(2, 1 << 20);
    expect(outbox.stats().inFlight).toBe(2);
    const e = engine();
    e.start();
    expect(outbox.stats()).toMatchObject({ inFlight: 0, pending: 3 });
    await e.syncNow();
    expect(hub.batches[0]!.map((i) => i.key)).toEqual(keys);
    await e.stop();
  });
});
