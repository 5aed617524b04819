// Per-frame cost of the tracking path on the wasm backend: fast detector (TinyFaceDetector) +
// 68 landmarks + 128-d descriptor on a 640x480 RGBA camera frame. Target: median ≤ 150 ms.
import { performance } from 'node:perf_hooks';
import { FaceEngineClient } from '../main/face/engine/face-engine-client';
import { cameraFrame, median, p95 } from './face-bench-frame';

const FRAMES = Number(process.argv[2] ?? 60);
const TARGET_MS = 150;

const frame = await cameraFrame();
const engine = new FaceEngineClient({ worker: { backend: 'wasm' } });
const info = await engine.start();
const input = { kind: 'rgba' as const, ...frame };
for (let i = 0; i < 5; i++) await engine.analyze(input, { detector: 'fast', descriptors: true });

const infer: number[] = [];
const roundTrip: number[] = [];
let faces = 0;
for (let i = 0; i < FRAMES; i++) {
  const t0 = performance.now();
  const r = await engine.analyze(input, { detector: 'fast', descriptors: true });
  roundTrip.push(performance.now() - t0);
  infer.push(r.timings.inferMs + r.timings.prepareMs + r.timings.statsMs);
  faces += r.faces.length;
}
const ssd: number[] = [];
for (let i = 0; i < Math.min(20, FRAMES); i++) ssd.push((await engine.analyze(input, { detector: 'accurate', descriptors: true })).timings.inferMs);
await engine.close();

console.log(`backend ${info.backend}, frame ${frame.width}x${frame.height}, ${FRAMES} frames, ${faces / FRAMES} face(s) per frame`);
console.log(
  `fast detect+landmarks+descriptor (in worker): median ${median(infer).toFixed(1)} ms, p95 ${p95(infer).toFixed(1)} ms   target median ≤ ${TARGET_MS} ms ${median(infer) <= TARGET_MS ? 'OK' : 'MISSED'}`,
);
console.log(`  same, round trip from the main thread:    median ${median(roundTrip).toFixed(1)} ms, p95 ${p95(roundTrip).toFixed(1)} ms`);
console.log(`accurate (SSD) detect+landmarks+descriptor: median ${median(ssd).toFixed(1)} ms, p95 ${p95(ssd).toFixed(1)} ms   (template frames only)`);
