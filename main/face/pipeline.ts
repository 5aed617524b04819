import type { LocalizedText } from '../../common/i18n/languages';
import type { FaceEngineClient } from './engine/face-engine-client';
import type { AnalyzeOptions, AnalyzeResult, FaceObservation, FrameInput } from './engine/protocol';
import { assertFrameWithin, CAMERA_FRAME_LIMIT, PHOTO_LIMIT } from './image/image-size-limit';
import { QUALITY_MESSAGES, type QualityReason } from './messages';
import { assessQuality, DEFAULT_QUALITY, type QualityThresholds } from './quality';

/** A frame's outcome: a usable face, or the reason (and the sentence) why not. */
export type FrameOutcome =
  { ok: true; face: FaceObservation; frame: AnalyzeResult } | { ok: false; reason: QualityReason; message: LocalizedText; frame: AnalyzeResult };

/**
 * Frames → faces → gates. Camera frames pass every quality gate; photos (CLI, calibration) are
 * only held to "exactly one face", since their framing is not the kiosk camera's. Each frame's
 * declared size is checked (camera frames against the camera's, photos against PHOTO_LIMIT)
 * before it goes to the engine: `ImageTooLargeError` / `ImageDecodeError` otherwise.
 */
export class FacePipeline {
  constructor(
    private readonly engine: FaceEngineClient,
    private readonly thresholds: QualityThresholds = DEFAULT_QUALITY,
  ) {}

  /** Tracking frame: fast detector, landmarks only (quality hints, liveness); the light patches at `lightAt` when given. */
  async track(frame: FrameInput, lightAt?: AnalyzeOptions['lightAt']): Promise<FrameOutcome> {
    assertFrameWithin(frame, CAMERA_FRAME_LIMIT);
    const result = await this.engine.analyze(frame, { detector: 'fast', descriptors: false, ...(lightAt ? { lightAt } : {}) });
    return this.gate(result, true);
  }

  /** Template frame: accurate detector with the descriptor, all gates; the light patches at `lightAt` when given. */
  async capture(frame: FrameInput, lightAt?: AnalyzeOptions['lightAt']): Promise<FrameOutcome> {
    assertFrameWithin(frame, CAMERA_FRAME_LIMIT);
    const result = await this.engine.analyze(frame, { detector: 'accurate', descriptors: true, ...(lightAt ? { lightAt } : {}) });
    return this.gate(result, true);
  }

  /** A quick look at who is there: fast detector with the descriptor, all gates (the same person as a template frame?). */
  async glance(frame: FrameInput): Promise<FrameOutcome> {
    assertFrameWithin(frame, CAMERA_FRAME_LIMIT);
    const result = await this.engine.analyze(frame, { detector: 'fast', descriptors: true });
    return this.gate(result, true);
  }

  /** A photo: accurate detector with the descriptor, exactly one face required. */
  async photo(frame: FrameInput): Promise<FrameOutcome> {
    assertFrameWithin(frame, PHOTO_LIMIT);
    const result = await this.engine.analyze(frame, { detector: 'accurate', descriptors: true });
    return this.gate(result, false);
  }

  private gate(result: AnalyzeResult, allGates: boolean): FrameOutcome {
    if (!allGates) {
      if (result.faces.length === 1) return { ok: true, face: result.faces[0]!, frame: result };
      const reason: QualityReason = result.faces.length === 0 ? 'no-face' : 'multiple-faces';
      return { ok: false, reason, message: QUALITY_MESSAGES[reason], frame: result };
    }
    const verdict = assessQuality(result, this.thresholds);
    if (verdict.ok) return { ok: true, face: verdict.face!, frame: result };
    return { ok: false, reason: verdict.reason!, message: verdict.message!, frame: result };
  }
}
