// 1:N search over 100,000 random L2-normalised templates in the in-memory Float32Array index.
// Target: ≤ 10 ms per search.
import { performance } from 'node:perf_hooks';
import { TemplateIndex } from '../main/face/gallery/template-index';
import { l2Normalize } from '../main/face/matching';
import { median, p95 } from './face-bench-frame';

const SUBJECTS = Number(process.argv[2] ?? 100_000);
const SEARCHES = 200;
const TARGET_MS = 10;

let seed = 12345;
const rng = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
const randomTemplate = () => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));

const index = new TemplateIndex(SUBJECTS);
const enrolled: Float32Array[] = [];
const t0 = performance.now();
for (let i = 0; i < SUBJECTS; i++) {
  const t = randomTemplate();
  if (i % 1000 === 0) enrolled.push(t);
  index.put(`s${i}`, t);
}
const buildMs = performance.now() - t0;

const times: number[] = [];
for (let i = 0; i < SEARCHES; i++) {
  // Half the probes are an enrolled face seen again, half are strangers.
  const probe = i % 2 === 0 ? randomTemplate() : l2Normalize(Float32Array.from(enrolled[i % enrolled.length]!, (v) => v + (rng() - 0.5) * 0.02));
  const s = performance.now();
  index.nearestTwo(probe);
  times.push(performance.now() - s);
}
console.log(`${index.usesSimd ? 'WebAssembly SIMD' : 'JS'} kernel, ${SUBJECTS} templates (index built in ${buildMs.toFixed(0)} ms, ${((SUBJECTS * 512) / 1048576).toFixed(1)} MiB), ${SEARCHES} searches`);
console.log(`1:N nearest-two search: median ${median(times).toFixed(2)} ms, p95 ${p95(times).toFixed(2)} ms   target ≤ ${TARGET_MS} ms ${median(times) <= TARGET_MS ? 'OK' : 'MISSED'}`);
