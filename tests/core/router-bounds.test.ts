import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import { silentLogger } from '../../main/logging/logger';
import { StaticKeyProvider } from '../../base/key-provider';
import { RpcRouter } from '../../main/core/rpc/router';
import { INPUT_LIMITS, inputBoundsProblem } from '../../main/core/rpc/input-bounds';
import { rpcMethods, SIGNATURE_LIMITS } from '../../common/rpc/contract';

const DEEP = 100_000;

/** `[[[…[0]…]]]` or `{a:{a:…}}`, `levels` deep, built without recursion. */
function nested(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 0;
  for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** The biggest `form.submit` the contract allows: 100 values and 4 signatures of 4000 points each. */
function largestFormSubmit(): Record<string, unknown> {
  const values = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, 'x'.repeat(1000)]));
  const perStroke = SIGNATURE_LIMITS.maxPoints / SIGNATURE_LIMITS.maxStrokes;
  const signature = () => ({
    width: 600,
    height: 240,
    strokes: Array.from({ length: SIGNATURE_LIMITS.maxStrokes }, (_, s) => Array.from({ length: perStroke }, (_, p) => [s, p])),
  });
  const signatures = Object.fromEntries(['s1', 's2', 's3', 's4'].map((id) => [id, signature()]));
  return { serviceCode: 'R1', values, signatures, lang: 'zh-CN', submissionId: randomUUID() };
}

describe('RPC input bounds', () => {
  let dir: string;
  let core: KioskCore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-router-bounds-'));
    core = createKioskCore({ dataDir: dir, shell: 'headless', logger: silentLogger(), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
    await core.start();
  });
  afterAll(async () => {
    await core?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['array', 'object'] as const)('refuses %s nesting 100,000 deep with a clear error instead of overflowing the stack', async (kind) => {
    const answer = await core.invoke('staff.login', { pin: nested(DEEP, kind) });
    expect(answer).toEqual({ ok: false, error: { code: 'invalid-input', message: 'invalid input for staff.login: input nested deeper than 32 levels' } });
    // As the whole input too, and the core goes on answering.
    expect(await core.invoke('staff.config.update', nested(DEEP, kind))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('input nested deeper than 32 levels') },
    });
    const deepValue = { token: 'x', changes: [{ path: 'services.shown', value: nested(DEEP, kind) }] };
    expect(await core.invoke('staff.config.update', deepValue)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('input nested deeper than 32 levels') },
    });
    expect(await core.invoke('staff.status', {})).toMatchObject({ ok: true });
  });

  it('takes 32 levels and refuses 33', () => {
    expect(inputBoundsProblem(nested(32, 'object'))).toBeNull();
    expect(inputBoundsProblem(nested(33, 'array'))).toBe('input nested deeper than 32 levels');
  });

  it('refuses huge key counts, long strings and sparse giant arrays before zod walks them', async () => {
    const manyKeys: Record<string, number> = {};
    for (let i = 0; i < 300_000; i++) manyKeys[`k${i}`] = i;
    expect(await core.invoke('staff.config.update', { token: 'x', changes: [{ path: 'services.shown', value: manyKeys }] })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'invalid input for staff.config.update: input has more than 100000 values' },
    });
    expect(await core.invoke('staff.login', { pin: new Array(2 ** 32 - 1) })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('more than 100000 values') },
    });
    expect(await core.invoke('staff.login', { pin: '1'.repeat(INPUT_LIMITS.maxStringLength + 1) })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'invalid input for staff.login: input has a string longer than 4000000 characters' },
    });
    const twoFrames = { pin: 'A'.repeat(INPUT_LIMITS.maxStringLength), extra: ['A'.repeat(INPUT_LIMITS.maxStringLength), 'A'] };
    expect(await core.invoke('staff.login', twoFrames)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('exceed 8000000 characters in all') },
    });
  });

  it('lets the largest real inputs through: a full form with four signatures, a full camera frame', () => {
    const form = largestFormSubmit();
    expect(rpcMethods['form.submit'].input.safeParse(form).success).toBe(true);
    expect(inputBoundsProblem(form)).toBeNull();
    const frame = { sessionId: 'session-1', jpegBase64: 'A'.repeat(INPUT_LIMITS.maxStringLength) };
    expect(rpcMethods['face.frame'].input.safeParse(frame).success).toBe(true);
    expect(inputBoundsProblem(frame)).toBeNull();
  });

  it('refuses a Proxy and an object with getters without running their code (in-process callers)', async () => {
    let trapsRun = 0;
    const trap = () => {
      trapsRun++;
      throw new Error('trap ran');
    };
    const proxy = new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap });
    expect(await core.invoke('staff.login', proxy)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'invalid input for staff.login: input is not plain JSON data (it holds a Proxy)' },
    });
    expect(await core.invoke('staff.login', { pin: proxy })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const withGetter = {
      get pin(): string {
        return trap();
      },
    };
    expect(await core.invoke('staff.login', withGetter)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('getter or setter at "pin"') },
    });
    const arrayWithGetter: unknown[] = [1];
    Object.defineProperty(arrayWithGetter, 0, { get: trap });
    expect(await core.invoke('staff.config.update', { token: 'x', changes: arrayWithGetter })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await core.invoke('staff.login', { pin: () => '246810' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('a function') },
    });
    expect(await core.invoke('staff.login', { pin: new Date() })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(trapsRun).toBe(0);
  });

  it('answers a method name it cannot even print', async () => {
    const unprintable = {
      toString() {
        throw new Error('no');
      },
    };
    expect(await core.invoke(unprintable, {})).toEqual({ ok: false, error: { code: 'unknown-method', message: 'unknown method of type object' } });
    expect(await core.invoke(Symbol('x'), {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(
      await core.invoke(
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
          },
        ),
        {},
      ),
    ).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('turns a handler that throws something other than an Error into internal', async () => {
    const router = new RpcRouter(silentLogger());
    router.handle('staff.status', () => {
      throw null;
    });
    router.handle('session.reset', () =>
      Promise.reject(
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
            getPrototypeOf: () => {
              throw new Error('trap');
            },
          },
        ),
      ),
    );
    expect(await router.dispatch('staff.status', {}, { origin: 'test' })).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await router.dispatch('session.reset', { reason: 'done' }, { origin: 'test' })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
