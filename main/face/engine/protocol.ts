import type { LightPatches } from '../image/light-patches';
import type { Box } from '../image/raw-image';
import type { BackendName } from './backend';

/**
 * A camera frame or a photo as the renderer or the CLI hands it over: encoded bytes (JPEG, PNG
 * or WebP) or raw RGBA pixels. Frames are analysed in memory and never stored.
 */
export type FrameInput = { kind: 'encoded'; bytes: Uint8Array } | { kind: 'rgba'; width: number; height: number; data: Uint8Array };

/** `fast`: TinyFaceDetector (tracking, liveness); `accurate`: SSD MobileNet v1 (templates). */
export type DetectorKind = 'fast' | 'accurate';

export interface AnalyzeOptions {
  detector: DetectorKind;
  /** Compute the 128-d descriptor of every face (otherwise boxes and landmarks only). */
  descriptors: boolean;
  /** Longer side the frame is reduced to before detection (default 640). */
  maxSide?: number;
  /**
   * Measure the screen-light patches where a face was on an earlier frame (its box and landmarks,
   * in frame coordinates): the same pixels frame after frame, whatever the detector's jitter
   * (`AnalyzeResult.lightAt`).
   */
  lightAt?: { box: Box; landmarks: Point[] };
}

export type Point = readonly [number, number];

/** One detected face, in the coordinates of the original frame. */
export interface FaceObservation {
  box: Box;
  score: number;
  /** The 68 landmarks (iBUG order). */
  landmarks: Point[];
  descriptor: Float32Array | null;
  brightness: number;
  sharpness: number;
  /** Luma spread inside the eye outlines over the cheek's luma (white and iris visible); null when not measurable. For blinks. */
  eyeContrast: number | null;
  /** Median luma inside the eye outlines over the cheek's (a closed lid rises towards the cheek, a shadow does not); null when not measurable. For blinks. */
  eyeLevel: number | null;
  /** Median luma (0..255) of the cheeks just below the eyes, the reference of the eye measures; null when not measurable. */
  cheekLuma: number | null;
  /** Mean colour of the face's skin and of the hall beside the head, for the screen-light check. */
  light: LightPatches;
}

export interface StageTimings {
  decodeMs: number;
  /** Downscaling and tensor creation. */
  prepareMs: number;
  /** Detection + landmarks + descriptors, as face-api runs them together. */
  inferMs: number;
  /** Brightness and sharpness of each face crop. */
  statsMs: number;
}

export interface AnalyzeResult {
  width: number;
  height: number;
  faces: FaceObservation[];
  /** The light patches at `AnalyzeOptions.lightAt` (null when not asked). */
  lightAt: LightPatches | null;
  timings: StageTimings;
  backend: BackendName;
}

export interface EngineInfo {
  backend: BackendName;
  skipped: string[];
  modelDir: string;
  tensors: number;
  tensorBytes: number;
  /** The worker's own memory, for the flat-memory benchmark. */
  rssBytes: number;
  heapUsedBytes: number;
  wasmBytes: number;
}

export type EngineRequest = { type: 'analyze'; frame: FrameInput; options: AnalyzeOptions } | { type: 'info' } | { type: 'crash' };

export type EngineErrorCode = 'unreadable-image' | 'unsupported-image' | 'decoder-missing' | 'invalid-request' | 'engine-failed';

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: EngineErrorCode; message: string } }
  | { id: 0; ready: true; info: EngineInfo }
  | { id: 0; ready: false; error: { code: EngineErrorCode; message: string } };

export interface WorkerOptions {
  /** Force a slower backend (tests of the fallback, benchmarks). */
  backend?: BackendName;
  /** Honour the `crash` request (tests of the client's restart). */
  allowCrashRequest?: boolean;
}
