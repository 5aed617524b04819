// Handwriting candidates after the last stroke (issue #15): from posting the strokes to the matcher's
// worker to its answer, as the pad does after each stroke. Target ≤ 150 ms median. Characters from
// the simulated writer (testing/chinese-input/simulated-writer.ts), seed HANDWRITING_SEED or 15.
import { Worker } from 'node:worker_threads';
import { HALL_CHARACTERS, writeCharacter } from '../testing/chinese-input/simulated-writer';
import { seededRandom } from '../base/prng';
import { latencySummary } from './latency-figures';

const TARGET_MS = 150;
const seed = Number(process.env.HANDWRITING_SEED ?? 15);
console.log(`HANDWRITING_SEED=${seed}`);

// A worker thread does not get the parent's tsx hooks: it registers them before loading its entry.
const entry = new URL('./handwriting-worker.ts', import.meta.url).href;
const worker = new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
await new Promise<void>((resolve) => worker.once('message', () => resolve()));

let nextId = 0;
const recognise = (strokes: [number, number][][]) =>
  new Promise<string[]>((resolve) => {
    const id = nextId++;
    const onAnswer = (answer: { id: number; candidates: string[] }) => {
      if (answer.id !== id) return;
      worker.off('message', onAnswer);
      resolve(answer.candidates);
    };
    worker.on('message', onAnswer);
    worker.postMessage({ id, strokes });
  });

const random = seededRandom(seed);
const written = HALL_CHARACTERS.map((char) => ({
  char,
  strokes: writeCharacter(char, random, 320, { joinStrokes: random() < 0.3, swapStrokes: random() < 0.3 }),
}));
for (const { strokes } of written.slice(0, 10)) await recognise(strokes); // warm-up

const samples: number[] = [];
let top5 = 0;
for (const { char, strokes } of written) {
  const t0 = performance.now();
  const candidates = await recognise(strokes);
  samples.push(performance.now() - t0);
  if (candidates.slice(0, 5).includes(char)) top5++;
}
await worker.terminate();
const met = latencySummary(`handwriting candidates after the last stroke (${written.length} characters, 9,565 templates)`, samples, TARGET_MS);
console.log(`top-5 on these characters: ${top5}/${written.length}`);
process.exit(met ? 0 : 1);
