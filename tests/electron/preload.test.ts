import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { rpcEvents } from '../../common/rpc/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL, KIOSK_EVENT_NAMES } from '../../main/electron/ipc-channels';
import { createKioskBridge, type KioskBridge } from '../../main/electron/kiosk-bridge';

const exposed = vi.hoisted(() => ({ calls: [] as unknown[][] }));

vi.mock('electron', () => {
  const ipcRenderer = { invoke: async () => ({ ok: true, output: {} }), on: () => undefined, removeListener: () => undefined };
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.calls.push([key, api]) },
    ipcRenderer,
  };
});

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: unknown[][] = [];
  answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, output: { ok: 1 } });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push([channel, ...args]);
    return this.answer(channel, ...args);
  }
}

describe('preload', () => {
  beforeAll(async () => {
    await import('../../main/electron/preload');
  });

  it('exposes exactly window.kiosk = { invoke, on } and nothing else', () => {
    expect(exposed.calls).toHaveLength(1);
    const [key, api] = exposed.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('kiosk');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it('knows exactly the contract events', () => {
    expect([...KIOSK_EVENT_NAMES].sort()).toEqual(Object.keys(rpcEvents).sort());
  });
});

describe('window.kiosk.invoke', () => {
  it('passes method and input to the main process and returns its result', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createKioskBridge(ipc as never);
    await expect(bridge.invoke('system.ping', { nonce: 'a' })).resolves.toEqual({ ok: true, output: { ok: 1 } });
    expect(ipc.invoked).toEqual([[INVOKE_CHANNEL, 'system.ping', { nonce: 'a' }]]);
  });

  it('answers a method that is not a string with a typed error, without calling the main process', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createKioskBridge(ipc as never) as unknown as { invoke(method: unknown, input: unknown): Promise<unknown> };
    for (const method of [42, null, undefined, {}, '', 'x'.repeat(65)]) {
      await expect(bridge.invoke(method, {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('never rejects: an input that cannot be cloned or a broken channel become typed errors', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createKioskBridge(ipc as never);
    ipc.answer = async () => {
      throw new Error('Error: An object could not be cloned.');
    };
    await expect(bridge.invoke('system.ping', { nonce: 'a' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    ipc.answer = async () => {
      throw new Error("No handler registered for 'kiosk:invoke'");
    };
    await expect(bridge.invoke('system.ping', { nonce: 'a' })).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('window.kiosk.on', () => {
  function setup(): { ipc: FakeIpcRenderer; bridge: KioskBridge } {
    const ipc = new FakeIpcRenderer();
    return { ipc, bridge: createKioskBridge(ipc as never) };
  }

  it('delivers the payload of the named event only, without the IPC event object', () => {
    const { ipc, bridge } = setup();
    const seen: unknown[][] = [];
    bridge.on('session.reset', (...args: unknown[]) => seen.push(args));
    const ipcEvent = { sender: { secret: true } };
    ipc.emit(EVENT_CHANNEL, ipcEvent, 'device.state', { device: 'printer' });
    ipc.emit(EVENT_CHANNEL, ipcEvent, 'session.reset', { sessionId: 's1', reason: 'idle' });
    expect(seen).toEqual([[{ sessionId: 's1', reason: 'idle' }]]);
  });

  it('returns an unsubscribe function that stops delivery', () => {
    const { ipc, bridge } = setup();
    const seen: unknown[] = [];
    const off = bridge.on('device.state', (payload) => seen.push(payload));
    ipc.emit(EVENT_CHANNEL, {}, 'device.state', { n: 1 });
    off();
    off();
    ipc.emit(EVENT_CHANNEL, {}, 'device.state', { n: 2 });
    expect(seen).toEqual([{ n: 1 }]);
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('refuses an unknown event name or a handler that is not a function', () => {
    const { ipc, bridge } = setup();
    const loose = bridge as unknown as { on(event: unknown, handler: unknown): unknown };
    expect(() => loose.on('ipc-message', () => undefined)).toThrow(/unknown event "ipc-message"/);
    expect(() => loose.on('__proto__', () => undefined)).toThrow(/unknown event/);
    expect(() => loose.on(7, () => undefined)).toThrow(/unknown event/);
    expect(() => loose.on('session.reset', 'not a function')).toThrow(/handler must be a function/);
    expect(ipc.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});
