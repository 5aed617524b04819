import { describe, expect, it } from 'vitest';
import type { RpcResult } from '../../common/rpc/contract';
import { forwardEvents, registerInvokeHandler, senderRefusal } from '../../main/electron/ipc-bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../main/electron/ipc-channels';
import { FakeWebContents } from './fake-electron';

type Listener = (event: 'session.reset' | 'ui.settings-changed' | 'device.state', payload: unknown) => void;

function fakeCore() {
  const calls: unknown[][] = [];
  const listeners = new Set<Listener>();
  return {
    calls,
    listeners,
    async invoke(method: unknown, input: unknown, ctx: unknown): Promise<RpcResult> {
      calls.push([method, input, ctx]);
      return { ok: true, output: { nonce: 'n', serverTime: 1 } } as RpcResult;
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event: Parameters<Listener>[0], payload: unknown) {
      for (const listener of listeners) listener(event, payload);
    },
  };
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<RpcResult>>();
  return {
    handlers,
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<RpcResult>) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  };
}

const topFrame = (url: string) => ({ senderFrame: { url, parent: null } });

describe('kiosk:invoke sender check', () => {
  it('dispatches a call from the app top frame to the core as a renderer call', async () => {
    const core = fakeCore();
    const ipc = fakeIpcMain();
    registerInvokeHandler(ipc as never, core);
    const handler = ipc.handlers.get(INVOKE_CHANNEL);
    const result = await handler?.(topFrame('app://kiosk/'), 'system.ping', { nonce: 'n' });
    expect(result).toEqual({ ok: true, output: { nonce: 'n', serverTime: 1 } });
    expect(core.calls).toEqual([['system.ping', { nonce: 'n' }, { origin: 'renderer' }]]);
  });

  it('refuses a call from a foreign frame with a typed forbidden error and dispatches nothing', async () => {
    const core = fakeCore();
    const ipc = fakeIpcMain();
    const warnings: unknown[] = [];
    registerInvokeHandler(ipc as never, core, { warn: (fields) => warnings.push(fields) });
    const handler = ipc.handlers.get(INVOKE_CHANNEL);
    for (const event of [
      topFrame('https://evil.example/page?id=310101199001011234'),
      topFrame('file:///tmp/x.html'),
      topFrame('app://other/'),
      { senderFrame: { url: 'app://kiosk/', parent: { url: 'app://kiosk/' } } },
      { senderFrame: null },
    ]) {
      const result = await handler?.(event, 'system.about', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(core.calls).toEqual([]);
    expect(warnings).toHaveLength(5);
    expect(JSON.stringify(warnings)).not.toContain('310101199001011234');
  });

  it('names the refused origin, not the full URL', () => {
    const refusal = senderRefusal({ url: 'https://evil.example/a?b=c', parent: null });
    expect(refusal).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('https://evil.example') } });
    expect(JSON.stringify(refusal)).not.toContain('b=c');
    expect(senderRefusal({ url: 'app://kiosk/about', parent: null })).toBeNull();
  });

  it('removes its handler on request', () => {
    const ipc = fakeIpcMain();
    const remove = registerInvokeHandler(ipc as never, fakeCore());
    expect(ipc.handlers.has(INVOKE_CHANNEL)).toBe(true);
    remove();
    expect(ipc.handlers.has(INVOKE_CHANNEL)).toBe(false);
  });
});

describe('event forwarding', () => {
  it('sends core events to the app renderer on kiosk:event', () => {
    const core = fakeCore();
    const contents = new FakeWebContents();
    contents.url = 'app://kiosk/';
    forwardEvents(core, contents as never);
    core.emit('session.reset', { sessionId: 's1', reason: 'idle' });
    expect(contents.sent).toEqual([[EVENT_CHANNEL, 'session.reset', { sessionId: 's1', reason: 'idle' }]]);
  });

  it('sends nothing to a page that is not the app, nor to a destroyed renderer, and unsubscribes on destroy', () => {
    const core = fakeCore();
    const contents = new FakeWebContents();
    contents.url = 'https://evil.example/';
    forwardEvents(core, contents as never);
    core.emit('session.reset', { sessionId: 's1', reason: 'idle' });
    contents.url = 'app://kiosk/';
    contents.destroyed = true;
    core.emit('session.reset', { sessionId: 's2', reason: 'idle' });
    expect(contents.sent).toEqual([]);
    contents.emit('destroyed');
    expect(core.listeners.size).toBe(0);
  });
});
