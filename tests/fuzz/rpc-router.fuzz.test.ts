import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { fuzzRng, RUN_SEED, type Rng } from './fuzz-kit';
import { rpcMethods, type RpcResult } from '../../common/rpc/contract';
import { rpcErrorSchema } from '../../common/rpc/errors';

/**
 * Random method names and inputs through the router of a whole kiosk on the embedded defaults:
 * every call must settle, as `{ ok: true, output }` or `{ ok: false, error }` with a known code,
 * and never throw, reject or hang. `FUZZ_SEED=<n>` repeats a run; `FUZZ_ROUNDS` sets its length.
 */
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 1500);
/** Far above any handler's own time on these inputs: reaching it means a call never settles. */
const SETTLE_MS = 20_000;
const PIN = '246810';

const METHODS = Object.keys(rpcMethods);
const A_JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';
const signature = {
  width: 600,
  height: 240,
  strokes: [
    [
      [40, 180],
      [90, 60],
    ],
    [
      [260, 120],
      [380, 130],
    ],
  ],
};

/** A valid input per method (what a screen would send), to mutate; `{}` for the others. */
function validSamples(token: string): Record<string, unknown> {
  return {
    'system.ping': { nonce: 'n1' },
    'session.reset': { reason: 'done' },
    'session.activity': { elder: false },
    'ticket.take': { serviceCode: 'A', priority: false, lang: 'zh-CN' },
    'results.print': { id: 'r1', lang: 'en' },
    'rating.submit': { serviceCode: 'A', rating: 2, reasons: ['waiting-time'] },
    'face.start': { mode: 'bind', storeConsent: { textVersion: 'v1' }, shareConsent: null },
    'face.frame': { sessionId: 's1', jpegBase64: A_JPEG },
    'face.cancel': { sessionId: 's1' },
    'tech.camera.analyze': { token: 'not-a-token', jpegBase64: A_JPEG },
    'staff.setInitialPin': { pin: '13572468' },
    'staff.login': { pin: '111111' },
    'staff.logout': { token: 'not-a-token' },
    'staff.changePin': { token: 'not-a-token', currentPin: '111111', newPin: '222222' },
    'staff.config.get': { token },
    'staff.devices.detect': { token: 'not-a-token' },
    'tech.summary': { token },
    'tech.idcard.read': { token: 'not-a-token', timeoutMs: 500 },
    'tech.printer.status': { token },
    'tech.queue': { token },
    'tech.queue.retryDead': { token: 'not-a-token', keys: ['k1'] },
    'tech.hub.check': { token: 'not-a-token' },
    'tech.bundle': { token: 'not-a-token' },
    'tech.scanner.wait': { token: 'not-a-token', timeoutMs: 500 },
    'staff.config.update': {
      token,
      changes: [
        { path: 'ui.voice', value: true },
        { path: 'ui.idleTimeoutS', value: 60 },
      ],
    },
    'appointment.find': { code: 'CORE-0001' },
    'appointment.checkIn': { appointmentId: 'a1', lang: 'zh-HK' },
    'form.start': { serviceCode: 'R1' },
    'form.validate': { serviceCode: 'R1', fieldId: 'phone', value: '13912345678' },
    'form.submit': { serviceCode: 'R1', values: { phone: '13912345678' }, signatures: { signature }, lang: 'en', submissionId: randomUUID() },
    'demo.card.place': { card: 'resident' },
    'demo.qr.scan': { code: 'CORE-0001' },
    'demo.printed': { limit: 3 },
  };
}

const STRINGS = [
  '',
  'a',
  'R1',
  'zh-CN',
  'en',
  PIN,
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '😀',
  '\u0000',
  '\u202e',
  'x'.repeat(5000),
  '1'.repeat(13),
  '../..',
  '%s%n',
  'null',
  '{}',
];
const NUMBERS = [0, -0, 1, -1, 1.5, 5, 20, 1e308, -1e308, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY];

function putKey(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, not assignment: `o.__proto__ = v` would set the prototype, JSON.parse makes a key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A random value as JSON (or a structured clone) can carry, at most `depth` levels deep. */
function randomValue(rng: Rng, depth: number): unknown {
  const kind = rng.int(depth > 0 ? 9 : 6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.float() < 0.5;
    case 2:
    case 3:
      return rng.pick(NUMBERS);
    case 4:
    case 5:
      return rng.pick(STRINGS);
    case 6:
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--)
        putKey(o, rng.pick([...STRINGS.slice(0, 12), 'pin', 'token', 'code', 'value', 'changes']), randomValue(rng, depth - 1));
      return o;
    }
    default:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth - 1));
  }
}

function nestedValue(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** One change to an input: a key gone, added or replaced, a value made huge, deep or odd. */
function mutate(rng: Rng, input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || rng.float() < 0.1) return randomValue(rng, 3);
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key = keys.length > 0 ? rng.pick(keys) : 'extra';
  switch (rng.int(7)) {
    case 0:
      delete copy[key];
      break;
    case 1:
      putKey(copy, rng.pick(STRINGS.slice(0, 12)), randomValue(rng, 2));
      break;
    case 2:
      putKey(copy, key, randomValue(rng, 3));
      break;
    case 3:
      putKey(copy, key, 'x'.repeat(rng.pick([65, 129, 1001, 4097, 70_000])));
      break;
    case 4:
      putKey(copy, key, nestedValue(rng.pick([5, 31, 33, 200, 5000]), rng.pick(['array', 'object'] as const)));
      break;
    case 5:
      putKey(copy, key, copy[key] !== null && typeof copy[key] === 'object' ? mutate(rng, copy[key]) : rng.pick(NUMBERS));
      break;
    default:
      putKey(
        copy,
        key,
        Array.from({ length: rng.pick([0, 1, 201, 1001]) }, () => copy[key]),
      );
  }
  return copy;
}

function randomMethod(rng: Rng): unknown {
  const roll = rng.float();
  if (roll < 0.75) return rng.pick(METHODS);
  if (roll < 0.9) {
    const name = rng.pick(METHODS);
    const at = rng.int(name.length);
    return name.slice(0, at) + rng.pick(['', 'x', '.', ' ', '\u0000']) + name.slice(at + 1);
  }
  return rng.pick<unknown>(['', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(1000), 7, null, undefined, {}, ['staff.login'], true]);
}

function randomInput(rng: Rng, method: unknown, samples: Record<string, unknown>): unknown {
  const sample = typeof method === 'string' && Object.hasOwn(samples, method) ? samples[method] : {};
  const roll = rng.float();
  if (roll < 0.2) return sample;
  if (roll < 0.7) {
    let input = sample;
    for (let n = 1 + rng.int(3); n > 0; n--) input = mutate(rng, input);
    return input;
  }
  if (roll < 0.8) return rng.pick<unknown>([undefined, null, 0, '', [], 'x', true]);
  if (roll < 0.85) return nestedValue(rng.pick([40, 1000, 20_000]), rng.pick(['array', 'object'] as const));
  return randomValue(rng, 4);
}

/** A call's shape, or why it is wrong. */
function shapeProblem(result: unknown): string | null {
  if (result === null || typeof result !== 'object') return `resolved to ${String(result)}`;
  const r = result as { ok?: unknown; output?: unknown; error?: unknown };
  if (r.ok === true) return 'output' in r ? null : 'ok without output';
  if (r.ok !== false) return 'neither ok nor failed';
  const parsed = rpcErrorSchema.safeParse(r.error);
  return parsed.success ? null : `error of unknown shape: ${JSON.stringify(r.error)?.slice(0, 200)}`;
}

function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ settled: false }>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  return Promise.race([promise.then((value) => ({ settled: true as const, value })), timeout]).finally(() => clearTimeout(timer));
}

describe('RPC router fuzz', () => {
  let kiosk: TestKiosk;
  let token = '';

  beforeAll(async () => {
    kiosk = await bootTestKiosk('rpc-fuzz');
    const set = await kiosk.core.invoke('staff.setInitialPin', { pin: PIN });
    token = set.ok ? (set.output as { token: string }).token : '';
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
  });

  it('answers every random call with a typed result, never a throw or a hang', async () => {
    expect(token).not.toBe('');
    const rng = fuzzRng('rpc-router');
    const samples = validSamples(token);
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let calls = 0;
    for (let round = 0; round < ROUNDS && failures.length < 5; round++) {
      const method = randomMethod(rng);
      const input = randomInput(rng, method, samples);
      const where = `round ${round} (FUZZ_SEED=${RUN_SEED}), method ${typeof method === 'string' ? JSON.stringify(method.slice(0, 40)) : typeof method}`;
      let outcome: Awaited<ReturnType<typeof settleWithin<RpcResult>>>;
      calls++;
      try {
        outcome = await settleWithin(kiosk.core.invoke(method, input), SETTLE_MS);
      } catch (err) {
        failures.push(`${where}: rejected with ${(err as Error)?.message}`);
        continue;
      }
      if (!outcome.settled) {
        failures.push(`${where}: no answer within ${SETTLE_MS} ms`);
        continue;
      }
      const problem = shapeProblem(outcome.value);
      if (problem) failures.push(`${where}: ${problem}`);
      const code = outcome.value.ok ? 'ok' : outcome.value.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
      // A handler that threw something untyped on a validated input is a bug, not a refusal.
      if (!outcome.value.ok && outcome.value.error.code === 'internal') failures.push(`${where}: internal: ${outcome.value.error.message}`);
    }
    console.log(`rpc router fuzz: ${calls} calls, answers by code: ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(failures).toEqual([]);
    // The run reached the handlers, not only the front door.
    expect(codes.get('ok') ?? 0).toBeGreaterThan(0);
    expect(await kiosk.core.invoke('system.ping', { nonce: 'after' })).toMatchObject({ ok: true });
  }, 120_000);
});
