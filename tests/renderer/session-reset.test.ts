import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import { createSessionResetter } from '../../renderer/src/session/session-reset';

/** A bridge whose core is unreachable for the first `downFor` calls (a WebSocket reconnecting). */
function flakyBridge(downFor: number) {
  const calls: unknown[] = [];
  const bridge: KioskBridge = {
    invoke: async (method, input) => {
      calls.push({ method, input });
      return calls.length <= downFor
        ? { ok: false, error: { code: 'unavailable', message: 'the kiosk core is not connected' } }
        : { ok: true, output: { sessionId: `s-${calls.length}` } };
    },
    on: () => () => undefined,
  } as KioskBridge;
  return { client: new KioskClient(bridge), calls };
}

describe('ending the session from the screen', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks again until the core has reset the session: a lost reset would leave the last card in the core', async () => {
    const { client, calls } = flakyBridge(3);
    createSessionResetter(client, 1000)('idle');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(4);
    expect(calls.every((c) => JSON.stringify(c) === JSON.stringify({ method: 'session.reset', input: { reason: 'idle' } }))).toBe(true);
  });

  it('lets a newer reset replace one still pending, and gives up after the limit', async () => {
    const { client, calls } = flakyBridge(1000);
    const reset = createSessionResetter(client, 1000, 5000);
    reset('idle');
    await vi.advanceTimersByTimeAsync(2500);
    reset('done');
    await vi.advanceTimersByTimeAsync(60_000);
    const reasons = calls.map((c) => (c as { input: { reason: string } }).input.reason);
    expect(reasons.slice(0, 3)).toEqual(['idle', 'idle', 'idle']);
    expect(reasons.slice(3).every((r) => r === 'done')).toBe(true);
    expect(reasons.length).toBeLessThan(12);
  });
});
