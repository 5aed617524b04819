import type { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import type { LivenessChallenge } from '../../main/face/messages';
import { LiveCameraFile } from './live-camera-file';
import { movementFrames, photoWithLandmarks, poseFrame, type LivePose } from './live-face';
import type { LightColour } from '../../main/face/screen-light';
import { ALL_LIGHT_COLOURS, faceEllipse, litFrame } from './screen-light-model';

const POSES: readonly LivePose[] = ['turn-image-right', 'turn-image-left', 'open-mouth', 'blink'];

export interface PromptedFaceOptions {
  /** From a prompt appearing to the movement starting (default 300 ms). */
  reactionMs?: number;
  /** Camera frame time (default 100 ms: 10 fps, as the .y4m says). */
  frameMs?: number;
  /** The same prompt still up this long after the movement ended: the movement is made again (default 1500 ms). */
  repeatAfterMs?: number;
}

/**
 * A person in front of Chromium's fake camera, made from one photo: a still, neutral face until a
 * liveness prompt is on the screen, then, after a reaction time, the movement it asks for (10 fps:
 * half-way, held, half-way back; cut short a reaction time after the prompt goes away), then still
 * again; the movement once more if the same prompt is still up a while later. While the screen
 * lights it with a colour (`lit`), the still face takes that colour. The caller says what the screen shows (`prompted`, `lit`); the person never
 * moves unasked, as the liveness check demands (a movement out of turn fails it).
 */
export class PromptedFace {
  private readonly options: Required<PromptedFaceOptions>;
  private prompt: LivenessChallenge | null = null;
  /** The colour the screen lights the face with (the screen-light check), or null. */
  private light: LightColour | null = null;
  private moving = false;
  /** While moving: when the prompt went away (the check took the movement); the person comes back a reaction time later. */
  private promptGoneAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Moves made, in order: what the person was asked and answered. */
  readonly moves: LivenessChallenge[] = [];

  private constructor(
    readonly camera: LiveCameraFile,
    private readonly frames: ReadonlyMap<string, Buffer>,
    options: PromptedFaceOptions,
  ) {
    this.options = { reactionMs: options.reactionMs ?? 300, frameMs: options.frameMs ?? 100, repeatAfterMs: options.repeatAfterMs ?? 1500 };
  }

  /**
   * The face of `photoFile` (exactly one face) in front of a 640×480 camera: a new camera file at
   * the path given, or a camera already in use (another person steps in front of it; do it while
   * no page is capturing, then `reset()` shows this person). Every pose is prepared once (the
   * engine finds the landmarks that place the warps).
   */
  static async create(engine: FaceEngineClient, photoFile: string, camera: string | LiveCameraFile, options: PromptedFaceOptions = {}): Promise<PromptedFace> {
    const { base, landmarks } = await photoWithLandmarks(engine, photoFile);
    if (typeof camera === 'string') camera = LiveCameraFile.create(camera, base);
    const frames = new Map<string, Buffer>([['neutral:0', camera.encode(base)]]);
    for (const pose of POSES) for (const k of [0.5, 1]) frames.set(`${pose}:${k}`, camera.encode(poseFrame(base, landmarks, pose, k)));
    const ellipse = faceEllipse(landmarks);
    for (const colour of ALL_LIGHT_COLOURS) frames.set(`lit:${colour}`, camera.encode(litFrame(base, ellipse, colour)));
    return new PromptedFace(camera, frames, options);
  }

  /** What the screen asks now: a challenge, or null while it says to hold still (or shows no prompt). */
  prompted(challenge: LivenessChallenge | null): void {
    if (challenge === this.prompt) return;
    this.prompt = challenge;
    if (this.moving) this.promptGoneAt ??= Date.now();
    if (challenge && !this.moving) this.answerAfter(this.options.reactionMs);
  }

  /** The screen's colour now (the screen-light check; null: its normal light): it falls on the face from the camera's next frame. */
  lit(colour: LightColour | null): void {
    if (colour === this.light) return;
    this.light = colour;
    if (!this.moving) this.showNeutral();
  }

  /** A still face with no prompt in front of the camera (a new session, or this person stepping in). */
  reset(): void {
    this.cancel();
    this.prompt = null;
    this.light = null;
    this.moving = false;
    this.promptGoneAt = null;
    this.showNeutral();
  }

  /** Stops moving; the camera file stays open (`camera.close()` closes it). */
  close(): void {
    this.closed = true;
    this.cancel();
  }

  private answerAfter(ms: number): void {
    this.cancel();
    this.timer = setTimeout(() => {
      const asked = this.prompt;
      if (asked) this.move(asked);
    }, ms);
  }

  private move(challenge: LivenessChallenge): void {
    this.moving = true;
    this.promptGoneAt = null;
    this.moves.push(challenge);
    const frames = movementFrames(challenge);
    let i = 0;
    const next = () => {
      if (this.closed) return;
      // The prompt is gone: back to neutral by the half-way frame, as a person who sees it go.
      if (this.promptGoneAt !== null && Date.now() - this.promptGoneAt >= this.options.reactionMs) i = Math.max(i, frames.length - 1);
      if (i < frames.length) {
        const f = frames[i++]!;
        this.camera.show(this.frames.get(`${f.pose}:${f.k}`)!);
        this.timer = setTimeout(next, this.options.frameMs);
        return;
      }
      this.moving = false;
      this.promptGoneAt = null;
      this.showNeutral();
      // Not taken (a frame missed, the movement too early): the same prompt is answered again.
      this.timer = setTimeout(() => {
        if (this.prompt === challenge) this.move(challenge);
        else if (this.prompt) this.answerAfter(this.options.reactionMs);
      }, this.options.repeatAfterMs);
    };
    next();
  }

  private showNeutral(): void {
    this.camera.show(this.frames.get(this.light ? `lit:${this.light}` : 'neutral:0')!);
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
