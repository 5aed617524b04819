// Over 300 lines: one face session's frame loop: gating, liveness, template frames and the outcome share its state.
import type { LocalizedText } from '../../common/i18n/languages';
import type { AnalyzeOptions, FaceObservation, FrameInput } from './engine/protocol';
import type { FrameOutcome } from './pipeline';
import type { FaceGallery } from './gallery/face-gallery';
import { LivenessCheck, type LivenessFailure, type LivenessOptions } from './liveness';
import { euclideanDistance, meanTemplate, probeVector, type DecisionPolicy } from '../../common/face/matching';
import type { LivenessChallenge, QualityReason } from './messages';
import { LIVENESS_PROMPTS } from './messages';
import type { Box } from './image/raw-image';
import type { LightColour } from './screen-light';
import type { HolderCheck, HolderVerification } from './verification/holder-check';
import { HOLDER_MISMATCH, HOLDER_UNVERIFIED } from './verification/messages';

/** How far apart two boxes' centres are, in pixels. */
export function centreDistance(a: Box, b: Box): number {
  return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
}

/** The face moved more than half a face width between two frames: another face may have come in. */
export function jumped(previous: Box, current: Box): boolean {
  return centreDistance(previous, current) > 0.5 * Math.max(previous.width, current.width);
}

/** What turns a frame into a gated face: FacePipeline in the core. */
export interface FrameAnalyzer {
  track(frame: FrameInput, lightAt?: AnalyzeOptions['lightAt']): Promise<FrameOutcome>;
  capture(frame: FrameInput, lightAt?: AnalyzeOptions['lightAt']): Promise<FrameOutcome>;
}

export type FaceFlowStep = 'position' | 'liveness' | 'capture' | 'done' | 'failed';

export type FaceFlowFailure =
  | 'liveness-timeout'
  | 'liveness-wrong-gesture'
  | 'liveness-early-gesture'
  /** The screen-light check: the face did not take the screen's colours (a photo, a flat picture). */
  | 'light-not-taken'
  /** The screen-light check: the face's colour changed, but not as the screen's did (a recording). */
  | 'light-wrong-colour'
  /** The screen-light check: the colours were taken in turn, but evenly over the face (a print where a face would be). */
  | 'light-flat-surface'
  | 'face-lost'
  | 'capture-timeout'
  | 'inconsistent-face'
  /** 人证核验: the live face is not the card holder's; nothing was bound. */
  | 'holder-mismatch'
  /** 人证核验 could not be made (no card photo decoder and the hub did not answer); nothing was bound. */
  | 'holder-unverified'
  /** Cancelled by the core (face.cancel, the session's end) before anything was bound. */
  | 'cancelled';

/**
 * How one attempt's liveness check ended, for the session's count of failed checks: `not-asked`
 * (no prompt shown yet), `asked` (a prompt was shown and the check had not ended: abandoned, if
 * the attempt ends so), `passed`, `failed`.
 */
export type LivenessAttempt = 'not-asked' | 'asked' | 'passed' | 'failed';

const LIVENESS_FAILURES: Record<LivenessFailure, FaceFlowFailure> = {
  timeout: 'liveness-timeout',
  'face-lost': 'face-lost',
  'wrong-gesture': 'liveness-wrong-gesture',
  'early-gesture': 'liveness-early-gesture',
};

/**
 * What the screen gets after each frame (over RPC): the step, a hint, the liveness prompt, the
 * face box for the guide, and at the end the result. Never a score, a template or a subject id.
 */
export interface FaceFlowView {
  step: FaceFlowStep;
  /** The quality gate that failed on this frame, with its sentence. */
  hint: { reason: QualityReason; text: LocalizedText } | null;
  liveness: { check: 'movements' | 'screen-light'; challenge: LivenessChallenge | null; completed: number; total: number; prompt: LocalizedText } | null;
  /** The screen-light check: the colour the screen lights the face with now (null: its normal light). */
  light: { colour: LightColour } | null;
  /** Face box as fractions of the frame (0..1), for drawing the guide; null when no single face. */
  faceBox: Box | null;
  /** Good template frames collected / needed (step `capture`). */
  captured: { count: number; needed: number } | null;
  result:
    | null
    | { kind: 'bound' }
    | { kind: 'identified' }
    | { kind: 'not-identified'; fallback: 'id-card' }
    | { kind: 'failed'; reason: FaceFlowFailure; fallback: 'id-card'; text: LocalizedText };
}

/** How identification checks liveness: the screen's light (default) or binding's movements. */
export type IdentifyLiveness = 'screen-light' | 'movements';

export type FaceFlowMode =
  | { kind: 'identify'; liveness?: IdentifyLiveness }
  | {
      kind: 'bind';
      subject: string;
      storeConsent: { textVersion: string };
      shareConsent: { textVersion: string } | null;
      /**
       * 人证核验: whether the live template is the card holder's. Only `match` binds; the core always
       * passes one (docs/face.md, Binding). Without it the template is bound as captured.
       */
      holder?: HolderVerification;
    };

export interface FaceFlowDeps {
  analyzer: FrameAnalyzer;
  gallery: FaceGallery;
  identifyPolicy: DecisionPolicy;
  /** Descriptors of the same session farther than this from their mean mean another face came in. */
  consistencyThreshold: number;
  clock: () => number;
  rng: () => number;
  liveness?: Omit<LivenessOptions, 'rng' | 'clock'>;
  /** Consecutive good tracking frames before liveness starts (default 1: the liveness baseline follows). */
  positionFrames?: number;
  /** Good frames averaged into a template (default 5 to bind, 3 to identify). */
  templateFrames?: number;
  /** Time allowed for the capture step (default 15 s). */
  captureTimeoutMs?: number;
}

/** One camera attempt as the core drives it: frames in, views out, the outcome kept in the core. */
export interface FaceAttempt {
  submitFrame(frame: FrameInput): Promise<FaceFlowView>;
  readonly finished: boolean;
  /** For the core only: the subject identified (identification), once the attempt is done. */
  readonly outcome: { subject: string | null };
  /** For the core only: where the attempt's liveness check stands. */
  readonly livenessAttempt: LivenessAttempt;
  /** The attempt is over (face.cancel, the session's end): nothing is bound or identified after this. */
  cancel(): void;
}

/** A face box as fractions of its frame (0..1), for the screen's guide. */
export function faceBoxFraction(box: Box, frame: { width: number; height: number }): Box {
  return { x: box.x / frame.width, y: box.y / frame.height, width: box.width / frame.width, height: box.height / frame.height };
}

/**
 * One face session on the kiosk (binding or identification): position → liveness → capture →
 * bind or identify. The renderer sends camera frames one at a time and shows the returned view;
 * frames are analysed and dropped, only the final template is kept (binding). The identified
 * subject stays in the core (`outcome`), the screen only learns that it worked.
 *
 * Template frames (accurate detector and descriptor) are taken while the liveness check waits out
 * its holds: the face is frontal and still there, and the drawn hold lasts longer than the frame
 * takes. One per hold, all but one of those needed; the rest, at least one, once the last
 * challenge is met and the face is back (`capture`). So the template's frames bracket the
 * challenges, and from the first of them to the last the face is followed frame by frame: never
 * two faces, never a jump, at most the liveness check's own missing frames while it runs, none
 * after it; and every descriptor must be the same person's (`finish`).
 */
/** Frames the capture step is given at least before its time limit applies. */
const CAPTURE_MIN_FRAMES = 30;

export class FaceFlow implements FaceAttempt {
  private step: FaceFlowStep = 'position';
  private goodInARow = 0;
  private readonly liveness: LivenessCheck;
  private readonly descriptors: Float32Array[] = [];
  private captureStartedAt = 0;
  private captureFrames = 0;
  private result: FaceFlowView['result'] = null;
  private identified: string | null = null;
  /**
   * Where the face was last seen, from the first template frame on (null before): the face that
   * did the liveness must be the one the template is made of.
   */
  private lastBox: Box | null = null;
  /** Where the face was on the last liveness frame (the capture step's starting point). */
  private lastLivenessBox: Box | null = null;
  /** The hold (by the challenges completed before it) the last template frame was taken in. */
  private heldFor = -1;
  /** The next frame goes to the accurate detector (a template frame). */
  private captureNext = false;
  private livenessAsked = false;
  /** The holder check is under way: frames arriving meanwhile change nothing. */
  private verifying = false;
  /** Cancelled by the core: a check or frame still awaited binds and identifies nothing. */
  private cancelled = false;

  constructor(
    private readonly deps: FaceFlowDeps,
    private readonly mode: FaceFlowMode,
  ) {
    this.liveness = new LivenessCheck({ ...deps.liveness, rng: deps.rng, clock: deps.clock });
  }

  /** For the core only: the subject identified (mode identify), once the flow is done. */
  get outcome(): { subject: string | null } {
    return { subject: this.identified };
  }

  /** For the core only: where this attempt's liveness check stands (LivenessAttempt). */
  get livenessAttempt(): LivenessAttempt {
    const phase = this.liveness.state.phase;
    if (phase === 'passed' || phase === 'failed') return phase;
    return this.livenessAsked ? 'asked' : 'not-asked';
  }

  get finished(): boolean {
    return this.step === 'done' || this.step === 'failed';
  }

  /** For the core: the attempt is over (face.cancel, the session's end); nothing is bound or identified after this. */
  cancel(): void {
    this.cancelled = true;
  }

  async submitFrame(frame: FrameInput): Promise<FaceFlowView> {
    if (this.finished || this.verifying) return this.view(null, null);
    if (this.step === 'capture') return this.captureFrame(frame);
    const template = this.step === 'liveness' && this.captureNext;
    this.captureNext = false;
    const outcome = template ? await this.deps.analyzer.capture(frame) : await this.deps.analyzer.track(frame);
    const singleFace = outcome.frame.faces.length === 1 ? outcome.frame.faces[0]! : null;
    if (this.step === 'position') {
      this.goodInARow = outcome.ok ? this.goodInARow + 1 : 0;
      if (this.goodInARow < (this.deps.positionFrames ?? 1)) return this.view(outcome, singleFace);
      this.step = 'liveness'; // this frame is the liveness check's first
    }
    if (!this.followed(outcome.frame.faces.length, singleFace, true)) return this.view(outcome, singleFace);
    if (template && outcome.ok && outcome.face.descriptor) {
      this.keepTemplateFrame(outcome.face.descriptor, singleFace!.box);
      this.heldFor = this.liveness.state.completed;
    }
    this.lastLivenessBox = singleFace ? singleFace.box : null;
    // A template frame's landmarks are comparable with the tracking frames' (on the same face the
    // accurate detector's put the mouth 0.02-0.03 more open, the yaw within 0.04), its appearance is
    // not: the crop's brightness, the eyes' reference, differs by up to a fifth with the other box.
    const state = this.liveness.update(
      singleFace ? singleFace.landmarks : null,
      singleFace && !template
        ? {
            eyeContrast: singleFace.eyeContrast,
            eyeLevel: singleFace.eyeLevel,
            cheekLuma: singleFace.cheekLuma,
            brightness: singleFace.brightness,
            sharpness: singleFace.sharpness,
          }
        : null,
    );
    if (state.challenge) this.livenessAsked = true;
    if (state.phase === 'passed') {
      this.step = 'capture';
      this.captureStartedAt = this.deps.clock();
    } else if (state.phase === 'failed') {
      // The check's own sentence: a movement out of turn is told apart from a timeout.
      this.fail(LIVENESS_FAILURES[state.failure ?? 'timeout'], state.prompt);
    } else if (state.holding && outcome.ok && this.heldFor !== state.completed && this.descriptors.length < this.templateFramesNeeded() - 1) {
      // A still, frontal face waiting out a hold: the next frame is a template frame (one per hold).
      this.captureNext = true;
    }
    return this.view(outcome, singleFace);
  }

  /**
   * The face must be followed from the first template frame to the last: exactly one face, not
   * jumped from where it was last seen (during the liveness check, a frame without a face is the
   * check's to count). False, and the session failed with `face-lost`, when it was not.
   */
  private followed(faces: number, face: FaceObservation | null, whileLiveness: boolean): boolean {
    if (whileLiveness && (!this.lastBox || faces === 0)) return true;
    if (!this.lastBox || !face || jumped(this.lastBox, face.box)) {
      this.fail('face-lost');
      return false;
    }
    this.lastBox = face.box;
    return true;
  }

  private keepTemplateFrame(descriptor: Float32Array, box: Box): void {
    this.descriptors.push(descriptor);
    this.lastBox = box;
  }

  private async captureFrame(frame: FrameInput): Promise<FaceFlowView> {
    // At least CAPTURE_MIN_FRAMES frames however long they take (a slow terminal), as the liveness check's limits.
    this.captureFrames++;
    if (this.deps.clock() - this.captureStartedAt > (this.deps.captureTimeoutMs ?? 15_000) && this.captureFrames > CAPTURE_MIN_FRAMES) {
      this.fail('capture-timeout');
      return this.view(null, null);
    }
    // The last challenge's movement may still be under way: a cheap frame until the face is good
    // again. The fast detector misses a face half turned away that the accurate one finds: where it
    // sees none, the accurate one has the last word (the face must stay in view, as it always did).
    let template = this.captureNext;
    let outcome = template ? await this.deps.analyzer.capture(frame) : await this.deps.analyzer.track(frame);
    if (!template && outcome.frame.faces.length === 0) {
      template = true;
      outcome = await this.deps.analyzer.capture(frame);
    }
    const singleFace = outcome.frame.faces.length === 1 ? outcome.frame.faces[0]! : null;
    // From the end of liveness to the last template frame the face must stay in view and not
    // jump: a face swapped in after the liveness check (another person, a photo) breaks the chain.
    this.lastBox ??= this.lastLivenessBox;
    if (!this.followed(outcome.frame.faces.length, singleFace, false)) return this.view(outcome, singleFace);
    this.captureNext = outcome.ok;
    if (template && outcome.ok && outcome.face.descriptor) this.keepTemplateFrame(outcome.face.descriptor, singleFace!.box);
    // The holds gave at most all but one: the last template frame is always one taken here.
    if (this.descriptors.length >= this.templateFramesNeeded()) await this.finish();
    return this.view(outcome, singleFace);
  }

  private templateFramesNeeded(): number {
    return this.deps.templateFrames ?? (this.mode.kind === 'bind' ? 5 : 3);
  }

  private async finish(): Promise<void> {
    const template = meanTemplate(this.descriptors);
    const consistent = this.descriptors.every((d) => euclideanDistance(probeVector(d), template) < this.deps.consistencyThreshold);
    this.forgetDescriptors();
    if (!consistent) {
      template.fill(0);
      this.fail('inconsistent-face');
      return;
    }
    if (this.mode.kind === 'bind' && this.mode.holder) {
      const check = await this.checkHolder(this.mode.holder, template);
      if (check !== 'match') {
        template.fill(0);
        if (check === 'no-match') this.fail('holder-mismatch', HOLDER_MISMATCH);
        else this.fail('holder-unverified', HOLDER_UNVERIFIED);
        return;
      }
    }
    // Cancelled while the holder check (or the last frame) was awaited: the citizen has gone.
    if (this.cancelled) {
      template.fill(0);
      this.fail('cancelled');
      return;
    }
    if (this.mode.kind === 'bind') {
      this.deps.gallery.bind({ subject: this.mode.subject, template, storeConsent: this.mode.storeConsent, shareConsent: this.mode.shareConsent });
      this.result = { kind: 'bound' };
    } else {
      const decision = this.deps.gallery.identify(template, this.deps.identifyPolicy);
      this.identified = decision.subject;
      this.result = decision.subject ? { kind: 'identified' } : { kind: 'not-identified', fallback: 'id-card' };
    }
    // The gallery keeps copies of its own: this one is the flow's to forget.
    template.fill(0);
    this.step = 'done';
  }

  /** The frames' descriptors are zeroed, not only dropped: nothing of the face waits in memory for the collector. */
  private forgetDescriptors(): void {
    for (const d of this.descriptors) d.fill(0);
    this.descriptors.length = 0;
  }

  /** The holder check's answer; one that throws counts as not made. */
  private async checkHolder(holder: HolderVerification, template: Float32Array): Promise<HolderCheck> {
    this.verifying = true;
    try {
      return (await holder(template)).check;
    } catch {
      return 'unavailable';
    } finally {
      this.verifying = false;
    }
  }

  private fail(reason: FaceFlowFailure, text: LocalizedText = LIVENESS_PROMPTS.failed): void {
    this.step = 'failed';
    this.forgetDescriptors();
    this.result = { kind: 'failed', reason, fallback: 'id-card', text };
  }

  private view(outcome: FrameOutcome | null, face: { box: Box } | null): FaceFlowView {
    const frame = outcome?.frame;
    const state = this.liveness.state;
    return {
      step: this.step,
      hint: outcome && !outcome.ok && !this.finished ? { reason: outcome.reason, text: outcome.message } : null,
      liveness:
        this.step === 'liveness'
          ? { check: 'movements', challenge: state.challenge, completed: state.completed, total: state.total, prompt: state.prompt }
          : null,
      light: null,
      faceBox: face && frame ? faceBoxFraction(face.box, frame) : null,
      captured:
        this.step === 'capture' ? { count: this.verifying ? this.templateFramesNeeded() : this.descriptors.length, needed: this.templateFramesNeeded() } : null,
      result: this.result,
    };
  }
}
