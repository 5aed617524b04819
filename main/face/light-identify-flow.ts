import type { FaceObservation, FrameInput, Point } from './engine/protocol';
import type { FrameOutcome } from './pipeline';
import { euclideanDistance, probeVector } from '../../common/face/matching';
import {
  centreDistance,
  faceBoxFraction,
  jumped,
  type FaceAttempt,
  type FrameAnalyzer,
  type FaceFlowDeps,
  type FaceFlowFailure,
  type FaceFlowStep,
  type FaceFlowView,
  type LivenessAttempt,
} from './face-flow';
import { ScreenLightCheck, type ScreenLightFailure, type ScreenLightOptions } from './screen-light';
import type { Box } from './image/raw-image';
import { LIVENESS_PROMPTS } from './messages';
import type { LocalizedText } from '../../common/i18n/languages';

const LIGHT_FAILURES: Record<ScreenLightFailure, FaceFlowFailure> = {
  'face-lost': 'face-lost',
  'not-lit': 'light-not-taken',
  'wrong-colour': 'light-wrong-colour',
  flat: 'light-flat-surface',
};

/** Frames the capture step is given at least before its time limit applies. */
const CAPTURE_MIN_FRAMES = 30;

/** The pipeline as this flow uses it: also a quick look with the descriptor (FacePipeline.glance). */
export interface LightFrameAnalyzer extends FrameAnalyzer {
  glance(frame: FrameInput): Promise<FrameOutcome>;
}

export interface LightIdentifyDeps extends FaceFlowDeps {
  analyzer: LightFrameAnalyzer;
  light?: Omit<ScreenLightOptions, 'rng' | 'clock'>;
}

/**
 * 刷脸办事 with the screen-light check (docs/face.md, Identification): position → the template
 * frame (accurate detector) → the screen lights the face with its drawn colours while the face is
 * followed frame by frame → a quick look confirms the same person → identify. The citizen holds
 * still and looks at the screen; nothing is asked of them. From the template frame to the last
 * look the face is followed: never two faces, never a jump, at most the check's own missing
 * frames, the light measured only while the face stays where it was positioned.
 */
export class LightIdentifyFlow implements FaceAttempt {
  private step: FaceFlowStep = 'position';
  private readonly check: ScreenLightCheck;
  /** The template frame's descriptor (accurate detector), taken before the colours. */
  private template: Float32Array | null = null;
  private lastBox: Box | null = null;
  /** Where the face was when it was first positioned: the light is measured there on every frame (the face holds still). */
  private anchor: { box: Box; landmarks: Point[] } | null = null;
  private captureNext = false;
  private captureStartedAt = 0;
  private captureFrames = 0;
  private result: FaceFlowView['result'] = null;
  private identified: string | null = null;
  private cancelled = false;

  constructor(private readonly deps: LightIdentifyDeps) {
    this.check = new ScreenLightCheck({ ...deps.light, rng: deps.rng, clock: deps.clock });
  }

  get outcome(): { subject: string | null } {
    return { subject: this.identified };
  }

  get livenessAttempt(): LivenessAttempt {
    const phase = this.check.state.phase;
    if (phase === 'passed' || phase === 'failed') return phase;
    return phase === 'flashing' ? 'asked' : 'not-asked';
  }

  get finished(): boolean {
    return this.step === 'done' || this.step === 'failed';
  }

  cancel(): void {
    this.cancelled = true;
  }

  async submitFrame(frame: FrameInput): Promise<FaceFlowView> {
    if (this.finished) return this.view(null, null);
    const arrivedAt = this.deps.clock();
    const anchor = this.anchor ?? undefined;
    const { analyzer } = this.deps;
    const outcome =
      this.step === 'capture' ? await analyzer.glance(frame) : this.captureNext ? await analyzer.capture(frame, anchor) : await analyzer.track(frame, anchor);
    const face = outcome.frame.faces.length === 1 ? outcome.frame.faces[0]! : null;
    if (this.cancelled) return this.fail('cancelled');
    if (this.step === 'position') {
      if (!outcome.ok) return this.view(outcome, face);
      // The next frame is the template frame, before any colour. This frame and that one are the
      // check's frames of the face in the hall's own light.
      this.step = 'liveness';
      this.lastBox = outcome.face.box;
      this.anchor = { box: outcome.face.box, landmarks: outcome.face.landmarks };
      this.captureNext = true;
      this.check.update(outcome.face.light, arrivedAt);
      return this.view(outcome, face);
    }
    if (!this.followed(outcome.frame.faces.length, face, this.step === 'liveness')) return this.view(outcome, face);
    if (this.step === 'capture') return this.confirm(outcome, face);
    if (this.captureNext) {
      // A template frame that is not good enough is taken again before the colours begin.
      const descriptor = outcome.ok ? outcome.face.descriptor : null;
      if (!descriptor) return this.view(outcome, face);
      this.template = descriptor;
      this.captureNext = false;
    }
    const state = this.check.update(this.measurable(face) ? outcome.frame.lightAt : null, arrivedAt);
    if (state.phase === 'failed') return this.fail(LIGHT_FAILURES[state.failure!], state.prompt, outcome, face);
    if (state.phase === 'passed') {
      this.step = 'capture';
      this.captureStartedAt = this.deps.clock();
    }
    return this.view(outcome, face);
  }

  /** From the first template frame on: exactly one face, not jumped; during the check a frame without a face is the check's to count. */
  private followed(faces: number, face: FaceObservation | null, duringCheck: boolean): boolean {
    if (duringCheck && faces === 0) return true;
    if (!this.lastBox || !face || jumped(this.lastBox, face.box)) {
      this.fail('face-lost');
      return false;
    }
    this.lastBox = face.box;
    return true;
  }

  /** The face is where it was positioned (its centre within a tenth of its width): the anchored patches lie on it. */
  private measurable(face: FaceObservation | null): boolean {
    if (!face || !this.anchor) return false;
    return centreDistance(this.anchor.box, face.box) <= 0.1 * this.anchor.box.width;
  }

  /**
   * After the check, a quick look (fast detector with its descriptor) confirms the face followed
   * through it is the template's: a face swapped in since would differ. Then identification, on the
   * template frame alone (the accurate detector's, as the thresholds were chosen on).
   */
  private async confirm(outcome: FrameOutcome, face: FaceObservation | null): Promise<FaceFlowView> {
    this.captureFrames++;
    const glance = outcome.ok ? outcome.face.descriptor : null;
    if (!glance) {
      if (this.deps.clock() - this.captureStartedAt > (this.deps.captureTimeoutMs ?? 15_000) && this.captureFrames > CAPTURE_MIN_FRAMES) {
        return this.fail('capture-timeout', LIVENESS_PROMPTS.failed, outcome, face);
      }
      return this.view(outcome, face);
    }
    const template = this.template!;
    const same = euclideanDistance(probeVector(glance), probeVector(template)) < this.deps.consistencyThreshold;
    glance.fill(0);
    if (!same || this.cancelled) return this.fail(this.cancelled ? 'cancelled' : 'inconsistent-face', LIVENESS_PROMPTS.failed, outcome, face);
    const decision = this.deps.gallery.identify(template, this.deps.identifyPolicy);
    this.forgetTemplate();
    this.identified = decision.subject;
    this.result = decision.subject ? { kind: 'identified' } : { kind: 'not-identified', fallback: 'id-card' };
    this.step = 'done';
    return this.view(outcome, face);
  }

  /** The template is zeroed, not only dropped: nothing of the face waits in memory for the collector. */
  private forgetTemplate(): void {
    this.template?.fill(0);
    this.template = null;
  }

  private fail(
    reason: FaceFlowFailure,
    text: LocalizedText = LIVENESS_PROMPTS.failed,
    outcome: FrameOutcome | null = null,
    face: FaceObservation | null = null,
  ): FaceFlowView {
    this.step = 'failed';
    this.forgetTemplate();
    this.result = { kind: 'failed', reason, fallback: 'id-card', text };
    return this.view(outcome, face);
  }

  private view(outcome: FrameOutcome | null, face: FaceObservation | null): FaceFlowView {
    const state = this.check.state;
    return {
      step: this.step,
      hint: outcome && !outcome.ok && !this.finished ? { reason: outcome.reason, text: outcome.message } : null,
      liveness:
        this.step === 'liveness'
          ? { check: 'screen-light', challenge: null, completed: state.phase === 'flashing' ? state.shown - 1 : 0, total: state.total, prompt: state.prompt }
          : null,
      light: this.step === 'liveness' && state.colour ? { colour: state.colour } : null,
      faceBox: face && outcome ? faceBoxFraction(face.box, outcome.frame) : null,
      captured: null,
      result: this.result,
    };
  }
}
