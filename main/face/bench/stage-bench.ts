import { performance } from 'node:perf_hooks';
import type { FaceEngineClient } from '../engine/face-engine-client';
import type { BackendName } from '../engine/backend';
import { DEFAULT_MAX_SIDE } from '../engine/face-engine';
import type { AnalyzeResult } from '../engine/protocol';

export interface StageFigure {
  stage: string;
  medianMs: number;
  p95Ms: number;
}

export interface FaceBenchReport {
  backend: BackendName;
  width: number;
  height: number;
  maxSide: number;
  frames: number;
  stages: StageFigure[];
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function figure(stage: string, values: number[]): StageFigure {
  return { stage, medianMs: percentile(values, 50), p95Ms: percentile(values, 95) };
}

/**
 * Times each stage of the face worker on one photo sent as encoded bytes (the worker decodes it,
 * reduces it to the analysis size, detects, and measures the crop), for both detectors.
 */
export async function runFaceBench(engine: FaceEngineClient, photo: Uint8Array, frames: number): Promise<FaceBenchReport> {
  const info = await engine.start();
  const warm = await engine.analyze({ kind: 'encoded', bytes: photo }, { detector: 'fast', descriptors: false });
  const encoded: Record<'decode' | 'fastTotal' | 'fastInfer' | 'accurateInfer' | 'prepare' | 'stats', number[]> = {
    decode: [],
    fastTotal: [],
    fastInfer: [],
    accurateInfer: [],
    prepare: [],
    stats: [],
  };
  const record = (r: AnalyzeResult) => {
    encoded.decode.push(r.timings.decodeMs);
    encoded.prepare.push(r.timings.prepareMs);
    encoded.stats.push(r.timings.statsMs);
  };
  for (let i = 0; i < frames; i++) {
    const t0 = performance.now();
    const fast = await engine.analyze({ kind: 'encoded', bytes: photo }, { detector: 'fast', descriptors: true });
    encoded.fastTotal.push(performance.now() - t0);
    encoded.fastInfer.push(fast.timings.inferMs);
    record(fast);
    const accurate = await engine.analyze({ kind: 'encoded', bytes: photo }, { detector: 'accurate', descriptors: true });
    encoded.accurateInfer.push(accurate.timings.inferMs);
    record(accurate);
  }
  return {
    backend: info.backend,
    width: warm.width,
    height: warm.height,
    maxSide: DEFAULT_MAX_SIDE,
    frames,
    stages: [
      figure('decode', encoded.decode),
      figure('downscale+tensor', encoded.prepare),
      figure('fast detect+lm+desc', encoded.fastInfer),
      figure('ssd detect+lm+desc', encoded.accurateInfer),
      figure('crop stats', encoded.stats),
      figure('fast frame round trip', encoded.fastTotal),
    ],
  };
}
