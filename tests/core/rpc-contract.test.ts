import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { silentLogger } from '../../main/logging/logger';
import { rpcEvents, rpcMethods } from '../../common/rpc/contract';
import { RpcError } from '../../common/rpc/errors';
import { StaticKeyProvider } from '../../base/key-provider';
import { RpcRouter } from '../../main/core/rpc/router';

describe('RPC contract and the core that answers it', () => {
  let dataDir: string;
  let core: KioskCore;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-core-'));
    core = createKioskCore({ dataDir, shell: 'headless', logger: silentLogger(), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 1)) });
    await core.start();
  });
  afterEach(async () => {
    await core.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has a schema for the input and output of every method and the payload of every event', () => {
    for (const [name, def] of Object.entries(rpcMethods)) {
      expect(def.input, name).toBeDefined();
      expect(def.output, name).toBeDefined();
    }
    for (const [name, schema] of Object.entries(rpcEvents)) expect(schema.safeParse, name).toBeTypeOf('function');
  });

  it('answers a valid call', async () => {
    const r = await core.invoke('system.ping', { nonce: 'n-1' });
    expect(r).toMatchObject({ ok: true, output: { nonce: 'n-1' } });
    const about = await core.invoke('system.about', {});
    expect(about).toMatchObject({ ok: true, output: { dataDir, shell: 'headless', terminalId: 'T-0001' } });
  });

  it('answers a wrong type with invalid-input naming the field', async () => {
    const r = await core.invoke('system.ping', { nonce: 42 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-input');
    expect(r.error.issues?.map((i) => i.path)).toEqual(['nonce']);
    expect(r.error.message).toContain('nonce');
  });

  it('refuses fields the contract does not know (strict inputs)', async () => {
    const r = await core.invoke('session.reset', { reason: 'idle', sneaky: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses an enum value outside the contract', async () => {
    const r = await core.invoke('session.reset', { reason: 'reboot' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: 'reason' }] } });
  });

  it.each([null, undefined, 'text', 12, [], { __proto__: { nonce: 'x' } }])('never crashes on hostile input %j', async (input) => {
    const r = await core.invoke('system.ping', input);
    expect(r.ok).toBe(false);
  });

  it('answers an unknown method with unknown-method, including prototype names', async () => {
    for (const m of ['fs.readFile', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await core.invoke(m, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('refuses to compose two handlers for one method', () => {
    expect(() =>
      createKioskCore({
        dataDir,
        shell: 'headless',
        logger: silentLogger(),
        keyProvider: new StaticKeyProvider(Buffer.alloc(32, 1)),
        services: (ctx) => {
          ctx.router.handle('devices.states', () => ({ devices: [] }));
          return [];
        },
      }),
    ).toThrow(/devices.states already has a handler/);
  });
});

describe('RpcRouter error mapping', () => {
  it('passes a typed service error through', async () => {
    const router = new RpcRouter(silentLogger());
    router.handle('devices.states', () => {
      throw new RpcError('not-ready', 'printer is warming up');
    });
    expect(await router.dispatch('devices.states', {}, { origin: 'test' })).toEqual({
      ok: false,
      error: { code: 'not-ready', message: 'printer is warming up' },
    });
  });

  it('turns a crash into internal, with personal data masked out of the message', async () => {
    const router = new RpcRouter(silentLogger());
    router.handle('devices.states', () => {
      throw new Error('lookup failed for 310101199003071234');
    });
    const r = await router.dispatch('devices.states', {}, { origin: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(r)).not.toContain('310101199003071234');
    expect(JSON.stringify(r)).toContain('3101**********1234');
  });

  it('refuses an answer that breaks the output contract', async () => {
    const router = new RpcRouter(silentLogger());
    router.handle('system.ping', () => ({ nonce: 7 }) as unknown as { nonce: string; serverTime: number });
    expect(await router.dispatch('system.ping', { nonce: 'a' }, { origin: 'test' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers a method with no handler on this terminal as unavailable', async () => {
    const router = new RpcRouter(silentLogger());
    expect(await router.dispatch('catalog.get', {}, { origin: 'test' })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
