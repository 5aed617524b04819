import { performance } from 'node:perf_hooks';
import { ImageDecodeError, type ImageDecoder } from '../image/image-decoder';
import { eyeMeasures } from '../image/eye-appearance';
import { lightPatches } from '../image/light-patches';
import { assertRawImage, cropStats, downscaleToMaxSide, toRgb, type RawImage } from '../image/raw-image';
import { loadBackend, type BackendName, type LoadedBackend } from './backend';
import { resolveFaceModelDir } from './model-dir';
import type { AnalyzeOptions, AnalyzeResult, EngineInfo, FaceObservation, FrameInput } from './protocol';

export const DEFAULT_MAX_SIDE = 640;
const TINY_INPUT_SIZE = 320;
const TINY_MIN_SCORE = 0.5;
const SSD_MIN_CONFIDENCE = 0.5;

/** A frame that cannot be analysed, with a code the client maps to a reason. */
export class FrameError extends Error {
  constructor(
    readonly code: 'unreadable-image' | 'unsupported-image' | 'decoder-missing' | 'invalid-request',
    message: string,
  ) {
    super(message);
  }
}

/**
 * face-api on tfjs: loads the backend and the four models once, then turns frames into faces
 * (box, landmarks, descriptor, crop brightness and sharpness). Runs inside the face worker;
 * every tensor it creates is disposed before `analyze` returns.
 */
export class FaceEngine {
  private constructor(
    private readonly backend: LoadedBackend,
    private readonly modelDir: string,
    private readonly decoder: ImageDecoder,
  ) {}

  static async create(decoder: ImageDecoder, options: { backend?: BackendName; modelDir?: string } = {}): Promise<FaceEngine> {
    const backend = await loadBackend(options.backend);
    const modelDir = options.modelDir ?? resolveFaceModelDir();
    const nets = backend.faceapi.nets;
    await Promise.all([
      nets.ssdMobilenetv1.loadFromDisk(modelDir),
      nets.tinyFaceDetector.loadFromDisk(modelDir),
      nets.faceLandmark68Net.loadFromDisk(modelDir),
      nets.faceRecognitionNet.loadFromDisk(modelDir),
    ]);
    return new FaceEngine(backend, modelDir, decoder);
  }

  info(): EngineInfo {
    const mem = this.backend.tf.memory();
    const usage = process.memoryUsage();
    const wasmBytes = this.backend.name === 'wasm' ? wasmHeapBytes(this.backend) : 0;
    return {
      backend: this.backend.name,
      skipped: this.backend.skipped,
      modelDir: this.modelDir,
      tensors: mem.numTensors,
      tensorBytes: mem.numBytes,
      rssBytes: usage.rss,
      heapUsedBytes: usage.heapUsed,
      wasmBytes,
    };
  }

  async analyze(frame: FrameInput, options: AnalyzeOptions): Promise<AnalyzeResult> {
    const t0 = performance.now();
    const image = await this.toRawImage(frame);
    const t1 = performance.now();
    const { image: small, scale } = downscaleToMaxSide(image, options.maxSide ?? DEFAULT_MAX_SIDE);
    const { faceapi, tf } = this.backend;
    const input = tf.tensor3d(toRgb(small), [small.height, small.width, 3], 'int32');
    const t2 = performance.now();
    let detections: Array<{
      detection: { box: { x: number; y: number; width: number; height: number }; score: number };
      landmarks: { positions: Array<{ x: number; y: number }> };
      descriptor?: Float32Array;
    }>;
    try {
      const detectorOptions =
        options.detector === 'fast'
          ? new faceapi.TinyFaceDetectorOptions({ inputSize: TINY_INPUT_SIZE, scoreThreshold: TINY_MIN_SCORE })
          : new faceapi.SsdMobilenetv1Options({ minConfidence: SSD_MIN_CONFIDENCE });
      const withLandmarks = faceapi.detectAllFaces(input, detectorOptions).withFaceLandmarks();
      detections = options.descriptors ? await withLandmarks.withFaceDescriptors() : await withLandmarks;
    } finally {
      input.dispose();
    }
    const t3 = performance.now();
    const inv = 1 / scale;
    const faces: FaceObservation[] = detections.map((d) => {
      const b = d.detection.box;
      const smallBox = { x: b.x, y: b.y, width: b.width, height: b.height };
      const stats = cropStats(small, smallBox);
      const smallLandmarks = d.landmarks.positions.map((p) => [p.x, p.y] as const);
      const eyes = eyeMeasures(small, smallLandmarks);
      return {
        box: { x: b.x * inv, y: b.y * inv, width: b.width * inv, height: b.height * inv },
        score: d.detection.score,
        landmarks: d.landmarks.positions.map((p) => [p.x * inv, p.y * inv] as const),
        descriptor: d.descriptor ? Float32Array.from(d.descriptor) : null,
        brightness: stats.brightness,
        sharpness: stats.sharpness,
        eyeContrast: eyes?.contrast ?? null,
        eyeLevel: eyes?.level ?? null,
        cheekLuma: eyes?.cheekLuma ?? null,
        light: lightPatches(small, smallBox, smallLandmarks),
      };
    });
    const at = options.lightAt;
    const lightAt = at
      ? lightPatches(
          small,
          { x: at.box.x * scale, y: at.box.y * scale, width: at.box.width * scale, height: at.box.height * scale },
          at.landmarks.map((p) => [p[0] * scale, p[1] * scale] as const),
        )
      : null;
    const t4 = performance.now();
    return {
      width: image.width,
      height: image.height,
      faces,
      lightAt,
      timings: { decodeMs: t1 - t0, prepareMs: t2 - t1, inferMs: t3 - t2, statsMs: t4 - t3 },
      backend: this.backend.name,
    };
  }

  private async toRawImage(frame: FrameInput): Promise<RawImage> {
    if (frame.kind === 'rgba') {
      const image = { width: frame.width, height: frame.height, data: frame.data };
      try {
        assertRawImage(image);
      } catch (err) {
        throw new FrameError('invalid-request', (err as Error).message);
      }
      return image;
    }
    if (frame.kind !== 'encoded' || !(frame.bytes instanceof Uint8Array)) {
      throw new FrameError('invalid-request', 'a frame is { kind: "encoded", bytes } or { kind: "rgba", width, height, data }');
    }
    try {
      return await this.decoder.decode(frame.bytes);
    } catch (err) {
      if (err instanceof ImageDecodeError) {
        const code = err.code === 'unreadable' ? 'unreadable-image' : err.code === 'unsupported-format' ? 'unsupported-image' : 'decoder-missing';
        throw new FrameError(code, err.message);
      }
      throw err;
    }
  }
}

function wasmHeapBytes(backend: LoadedBackend): number {
  const wasmBackend = backend.tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return wasmBackend.wasm?.HEAPU8?.byteLength ?? 0;
}
