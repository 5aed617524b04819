import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FaceEngineClient, FaceEngineError, defaultWorkerEntry } from '../../main/face/engine/face-engine-client';
import { resolveFaceModelDir, unpackedAsarPath } from '../../main/face/engine/model-dir';
import { faceFile } from './face-data';

describe('face engine client', () => {
  const lost: string[] = [];
  const engine = new FaceEngineClient({ worker: { allowCrashRequest: true }, onWorkerLost: (r) => lost.push(r) });
  const photo = readFileSync(faceFile('img20.jpg'));

  beforeAll(async () => {
    await engine.start();
  }, 180_000);
  afterAll(async () => {
    await engine.close();
  });

  it('reports the backend it runs on and where the models came from', async () => {
    const info = await engine.info();
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.backend);
    // On another backend, the reason tensorflow was skipped is given.
    expect(info.backend === 'tensorflow' ? 'tensorflow in use' : info.skipped.join(' ')).toMatch(/tensorflow/);
    expect(info.modelDir).toBe(resolveFaceModelDir());
    expect(info.tensors).toBeGreaterThan(0);
  });

  it('analyses frames without leaving tensors behind', async () => {
    const before = (await engine.info()).tensors;
    for (let i = 0; i < 4; i++) {
      const fast = await engine.analyze({ kind: 'encoded', bytes: photo }, { detector: 'fast', descriptors: true });
      expect(fast.faces).toHaveLength(1);
      expect(fast.faces[0]!.descriptor).toBeInstanceOf(Float32Array);
      expect(fast.faces[0]!.landmarks).toHaveLength(68);
      const accurate = await engine.analyze({ kind: 'encoded', bytes: photo }, { detector: 'accurate', descriptors: false });
      expect(accurate.faces[0]!.descriptor).toBeNull();
    }
    expect((await engine.info()).tensors).toBe(before);
  }, 120_000);

  it('answers a malformed frame with an error, not a crash', async () => {
    await expect(
      engine.analyze({ kind: 'rgba', width: 10, height: 10, data: new Uint8Array(12) }, { detector: 'fast', descriptors: false }),
    ).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(engine.analyze({ kind: 'encoded', bytes: new Uint8Array(0) }, { detector: 'fast', descriptors: false })).rejects.toMatchObject({
      code: 'unreadable-image',
    });
    expect((await engine.info()).backend).toBeTruthy();
  });

  it('fails the pending request when the worker crashes, then starts a fresh worker on the next request', async () => {
    const restarts = engine.restartCount;
    const err = await engine.crashForTest().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaceEngineError);
    expect((err as FaceEngineError).code).toBe('worker-crashed');
    expect(engine.restartCount).toBe(restarts + 1);
    expect(lost.at(-1)).toMatch(/exit code 70/);
    const again = await engine.analyze({ kind: 'encoded', bytes: photo }, { detector: 'fast', descriptors: false });
    expect(again.faces).toHaveLength(1);
  }, 180_000);

  it('gives up on a request the worker does not answer in time, and replaces the worker', async () => {
    const reasons: string[] = [];
    const impatient = new FaceEngineClient({ requestTimeoutMs: 1, onWorkerLost: (r) => reasons.push(r) });
    try {
      await impatient.start();
      const err = await impatient.analyze({ kind: 'encoded', bytes: photo }, { detector: 'accurate', descriptors: true }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'timeout' });
      expect(impatient.restartCount).toBe(1);
      expect(reasons).toEqual(['request timeout after 1 ms']);
    } finally {
      await impatient.close();
    }
  }, 180_000);

  it('refuses requests after close, and a start interrupted by close fails instead of hanging', async () => {
    const closed = new FaceEngineClient();
    await closed.close();
    await expect(closed.info()).rejects.toMatchObject({ code: 'closed' });
    const interrupted = new FaceEngineClient();
    const starting = interrupted.start().catch((e: unknown) => e);
    await interrupted.close();
    expect(await starting).toMatchObject({ code: 'closed' });
  });
});

describe('face engine files', () => {
  it('runs the worker from the TypeScript sources here, and from face/worker.js next to a bundle', () => {
    const entry = defaultWorkerEntry(path.resolve('main/face/engine/face-engine-client.ts'));
    expect(entry.file).toMatch(/worker\.ts$/);
    expect(entry.tsxEsmApi).toBeTruthy();
    expect(() => defaultWorkerEntry('/nowhere/dist/main.js')).toThrow(/face[\\/]worker\.js/);
  });

  it('reads the models from app.asar.unpacked inside a packaged app', () => {
    expect(unpackedAsarPath('/opt/Hall Kiosk/resources/app.asar/node_modules/@vladmandic/face-api/model')).toBe(
      '/opt/Hall Kiosk/resources/app.asar.unpacked/node_modules/@vladmandic/face-api/model',
    );
    expect(unpackedAsarPath('C:\\App\\resources\\app.asar\\node_modules\\x')).toBe('C:\\App\\resources\\app.asar.unpacked\\node_modules\\x');
    expect(unpackedAsarPath('/work/main/node_modules/x')).toBe('/work/main/node_modules/x');
  });
});
