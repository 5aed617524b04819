// The process's footprint while the soak runs: resident memory, heap, open file descriptors and
// the event loop's delay. Memory is read after a full GC (node --expose-gc), so that the figures
// show what is kept, not what is waiting to be collected.
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface ResourceSample {
  label: string;
  journeys: number;
  elapsedS: number;
  rssMiB: number;
  /** Of the RSS: anonymous memory, and file-backed pages. */
  anonMiB: number;
  fileMiB: number;
  heapMiB: number;
  /** The JS heap's committed size (used and free pages). */
  heapTotalMiB: number;
  externalMiB: number;
  /** The worker threads' JS heaps (used / committed); they are not collected by the main thread's GC. */
  workerHeapMiB: number;
  workerHeapTotalMiB: number;
  fds: number;
}

const MiB = 1024 * 1024;
/** The event-loop monitor's timer: each reading is this interval plus how late the loop was. */
export const LOOP_RESOLUTION_MS = 10;

/** Resident memory by kind (Linux /proc/self/status): anonymous (heaps, malloc, wasm) and file-backed (code, mapped files). */
function residentByKind(): { anonMiB: number; fileMiB: number } {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { anonMiB: kib('RssAnon') / 1024, fileMiB: kib('RssFile') / 1024 };
  } catch {
    return { anonMiB: NaN, fileMiB: NaN };
  }
}

/** The JS heaps of the process's worker threads (the face engine's), from a diagnostic report. */
function workerHeaps(): { usedMiB: number; totalMiB: number } {
  const report = process.report?.getReport() as unknown as { workers?: { javascriptHeap?: { usedMemory: number; totalMemory: number } }[] } | undefined;
  let used = 0;
  let total = 0;
  for (const w of report?.workers ?? []) {
    used += w.javascriptHeap?.usedMemory ?? 0;
    total += w.javascriptHeap?.totalMemory ?? 0;
  }
  return { usedMiB: used / MiB, totalMiB: total / MiB };
}

export function openFileDescriptors(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return NaN; // not Linux
  }
}

export class ResourceMonitor {
  readonly samples: ResourceSample[] = [];
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private readonly t0 = performance.now();

  startLoopMonitor(): void {
    this.loop.enable();
  }

  stopLoopMonitor(): void {
    this.loop.disable();
  }

  /** Event-loop delay in ms over the monitored time: p50, p99, max. */
  loopDelay(): { p50: number; p99: number; max: number } {
    const ms = (ns: number) => ns / 1e6;
    return { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) };
  }

  sample(label: string, journeys: number): ResourceSample {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    const workers = workerHeaps();
    const s: ResourceSample = {
      label,
      journeys,
      elapsedS: (performance.now() - this.t0) / 1000,
      rssMiB: m.rss / MiB,
      ...residentByKind(),
      heapMiB: m.heapUsed / MiB,
      heapTotalMiB: m.heapTotal / MiB,
      externalMiB: (m.external + m.arrayBuffers) / MiB,
      workerHeapMiB: workers.usedMiB,
      workerHeapTotalMiB: workers.totalMiB,
      fds: openFileDescriptors(),
    };
    this.samples.push(s);
    return s;
  }
}

export function formatSample(s: ResourceSample): string {
  return (
    `${s.label.padEnd(6)} journeys ${String(s.journeys).padStart(6)}  t ${s.elapsedS.toFixed(0).padStart(5)} s  ` +
    `RSS ${s.rssMiB.toFixed(1).padStart(6)} MiB (anon ${s.anonMiB.toFixed(0)}, file ${s.fileMiB.toFixed(0)})  heap ${s.heapMiB.toFixed(1).padStart(5)}/${s.heapTotalMiB.toFixed(0)} MiB  external ${s.externalMiB.toFixed(1).padStart(4)} MiB  worker heap ${s.workerHeapMiB.toFixed(0)}/${s.workerHeapTotalMiB.toFixed(0)} MiB  fds ${s.fds}`
  );
}
