// Memory over many frames on the wasm backend: the worker's RSS, JS heap, wasm heap and live
// tensors at the start and the end. Target: flat (no growth beyond noise).
// Frames: first argument (default 5000; about 0.1-0.2 s each here, so 5000 take 10-15 minutes).
import { FaceEngineClient } from '../main/face/engine/face-engine-client';
import { cameraFrame } from './face-bench-frame';

const FRAMES = Number(process.argv[2] ?? 5000);
const MiB = 1048576;

const frame = await cameraFrame();
const engine = new FaceEngineClient({ worker: { backend: 'wasm' } });
await engine.start();
const input = { kind: 'rgba' as const, ...frame };
// Warm-up: the wasm heap grows to its working size on the first frames.
for (let i = 0; i < 20; i++) await engine.analyze(input, { detector: i % 5 === 0 ? 'accurate' : 'fast', descriptors: true });
const start = await engine.info();
const t0 = Date.now();
const samples: string[] = [];
for (let i = 1; i <= FRAMES; i++) {
  await engine.analyze(input, { detector: i % 25 === 0 ? 'accurate' : 'fast', descriptors: true });
  if (i % Math.max(1, Math.floor(FRAMES / 5)) === 0) {
    const m = await engine.info();
    samples.push(
      `  after ${i}: rss ${(m.rssBytes / MiB).toFixed(0)} MiB, heap ${(m.heapUsedBytes / MiB).toFixed(1)} MiB, wasm ${(m.wasmBytes / MiB).toFixed(0)} MiB, tensors ${m.tensors}`,
    );
  }
}
const end = await engine.info();
await engine.close();
const s = (m: typeof start) =>
  `rss ${(m.rssBytes / MiB).toFixed(0)} MiB, heap ${(m.heapUsedBytes / MiB).toFixed(1)} MiB, wasm ${(m.wasmBytes / MiB).toFixed(0)} MiB, tensors ${m.tensors}`;
console.log(`${FRAMES} frames (1 in 25 with the SSD detector) in ${((Date.now() - t0) / 1000).toFixed(0)} s, backend ${start.backend}`);
console.log(`start: ${s(start)}`);
for (const line of samples) console.log(line);
console.log(`end:   ${s(end)}`);
const flat = end.tensors === start.tensors && end.wasmBytes === start.wasmBytes && end.rssBytes - start.rssBytes < 64 * MiB;
console.log(`target: memory flat (same tensors and wasm heap, RSS growth < 64 MiB) ${flat ? 'OK' : 'MISSED'}`);
