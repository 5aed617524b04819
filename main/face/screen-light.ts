import type { LocalizedText } from '../../common/i18n/languages';
import type { LightPatches } from './image/light-patches';
import {
  baselineOf,
  LIGHT_COLOURS,
  MAX_COLOURS,
  norm,
  shiftOf,
  sideRatio,
  type Light,
  type LightColour,
  type LitFrame,
  type Sample,
} from './screen-light-measures';
import { LIGHT_PROMPTS } from './messages';

export { LIGHT_COLOURS, MAX_COLOURS, type LightColour } from './screen-light-measures';

const PALETTE = Object.keys(LIGHT_COLOURS) as LightColour[];

export interface ScreenLightOptions {
  /** Random source for the colours and how long each is shown (production: `secureRandom`). */
  rng: () => number;
  /** Milliseconds clock (injected). */
  clock: () => number;
  /** Colours per check (default and most 5: one sequence in 6 × 5⁴ = 3,750; no colour twice in a row). */
  colours?: number;
  /** Each colour is shown for a time drawn from `stepMinMs`..`stepMaxMs` (defaults 250-350 ms) ... */
  stepMinMs?: number;
  stepMaxMs?: number;
  /** ... and over at least this many frames (default 2): a slow terminal shows each colour longer. */
  stepMinFrames?: number;
  /** Frames of the face in the screen's own light before the first colour (default 2: every shift is measured against their mean). */
  baselineFrames?: number;
  /**
   * After the last colour the screen is back to normal for at most this long (default 300 ms) and
   * this many frames (default 2): the camera's delay. The check passes as soon as a delay explains
   * every frame so far.
   */
  tailMs?: number;
  tailMinFrames?: number;
  /** The camera's delay is searched up to this (default 400 ms), in steps of `lagStepMs` (default 20). */
  maxLagMs?: number;
  lagStepMs?: number;
  /** A frame taken this close to a change of colour (after the delay) saw both: it is not judged (default 50 ms). */
  guardMs?: number;
  /** The face's change of light, beyond the hall's, must reach this (relative, over the channels; default 0.03; a live face ~0.08) ... */
  minShift?: number;
  /** ... and point the colour's way (cosine with the colour's channels; default 0.9; red against yellow is 0.71, against green 0). */
  minAgreement?: number;
  /**
   * The outer cheeks' change of colour over the nose bridge's must stay below this (default 0.88):
   * a face turns its cheeks away from the screen (a live face ~0.7), a flat picture does not (1).
   */
  maxSideRatio?: number;
  /** Frames judged that may disagree with the colour the delay gives them (default 1: a delay wobbling by a camera frame). */
  maxDisagreeing?: number;
  /** Frames in a row without exactly one measurable face after which the check fails (default 3). */
  maxMissingFrames?: number;
}

/**
 * `face-lost`: no single face for too many frames; `not-lit`: the face did not take the screen's
 * colours (a photo, a screen or a flat picture lit as evenly as the wall behind it); `wrong-colour`:
 * its colour changed, but not as the screen's did (a recording of another check); `flat`: it took
 * the colours in turn, but evenly from the nose to the cheeks (a print held where a face would be).
 */
export type ScreenLightFailure = 'face-lost' | 'not-lit' | 'wrong-colour' | 'flat';

export interface ScreenLightState {
  phase: 'baseline' | 'flashing' | 'passed' | 'failed';
  /** The colour the screen shows now; null: its normal light. */
  colour: LightColour | null;
  /** Colours shown so far / all colours. */
  shown: number;
  total: number;
  failure: ScreenLightFailure | null;
  prompt: LocalizedText;
}

/**
 * The screen-light check of identification (炫彩活体; docs/face.md, Identification): the screen
 * lights the citizen's face with a sequence of colours drawn for this check, and the face, a few
 * tens of centimetres away, must take each colour in turn, more than the hall behind it does. A
 * recording cannot know the sequence; a photo or a phone screen takes no colour or takes it as
 * evenly as its own background. The citizen only holds still for about two seconds.
 *
 * Each frame's `LightPatches` is fed to `update` as it arrives; the colour in the returned state
 * is what the screen shows from then on. The camera sees a change some time later (its delay, and
 * the screen's): the check finds that delay, up to `maxLagMs`, as the one that explains the frames.
 */
export class ScreenLightCheck {
  private readonly o: Required<Omit<ScreenLightOptions, 'rng' | 'clock'>>;
  private readonly sequence: LightColour[] = [];
  private readonly stepMs: number[] = [];
  private readonly baseline: Light[] = [];
  private readonly samples: Sample[] = [];
  /** When each colour went up (and, last, when the screen went back to normal). */
  private readonly changes: number[] = [];
  private framesSinceChange = 0;
  private missing = 0;
  private current: ScreenLightState;

  constructor(private readonly options: ScreenLightOptions) {
    this.o = {
      colours: options.colours ?? 5,
      stepMinMs: options.stepMinMs ?? 150,
      stepMaxMs: options.stepMaxMs ?? 250,
      stepMinFrames: options.stepMinFrames ?? 2,
      baselineFrames: options.baselineFrames ?? 2,
      tailMs: options.tailMs ?? 300,
      tailMinFrames: options.tailMinFrames ?? 2,
      maxLagMs: options.maxLagMs ?? 400,
      lagStepMs: options.lagStepMs ?? 20,
      guardMs: options.guardMs ?? 50,
      minShift: options.minShift ?? 0.03,
      maxDisagreeing: options.maxDisagreeing ?? 1,
      maxSideRatio: options.maxSideRatio ?? 0.88,
      minAgreement: options.minAgreement ?? 0.9,
      maxMissingFrames: options.maxMissingFrames ?? 3,
    };
    // Five colours are six changes of light in all (to the first, between them, back): at most three
    // flashes, whatever their timing — WCAG 2.3.1's limit of three flashes a second, red ones too.
    if (!Number.isInteger(this.o.colours) || this.o.colours < 2 || this.o.colours > MAX_COLOURS) {
      throw new Error(`colours must be 2-${MAX_COLOURS}: more would flash the screen more than three times a second (got ${this.o.colours})`);
    }
    for (let i = 0; i < this.o.colours; i++) {
      const choices = PALETTE.filter((c) => c !== this.sequence[i - 1]);
      this.sequence.push(choices[Math.min(choices.length - 1, Math.floor(options.rng() * choices.length))]!);
      this.stepMs.push(this.o.stepMinMs + options.rng() * (this.o.stepMaxMs - this.o.stepMinMs));
    }
    this.current = { phase: 'baseline', colour: null, shown: 0, total: this.o.colours, failure: null, prompt: LIGHT_PROMPTS['look-at-screen'] };
  }

  get state(): ScreenLightState {
    return this.current;
  }

  /** The colours of this check, in order (for tests and the technician's replay; never shown ahead). */
  get drawn(): readonly LightColour[] {
    return this.sequence;
  }

  /**
   * One frame: the light on the face and beside it, or null when there was no single face (or no
   * room beside it); `arrivedAt`, when the frame reached the core (before its analysis: the
   * camera's delay is counted from there). A change of colour is timed when `update` returns.
   */
  update(light: LightPatches | null, arrivedAt = this.options.clock()): ScreenLightState {
    const phase = this.current.phase;
    if (phase === 'passed' || phase === 'failed') return this.current;
    const now = this.options.clock();
    if (!light || !light.surround) {
      if (++this.missing > this.o.maxMissingFrames) return this.end('face-lost');
      return this.current;
    }
    this.missing = 0;
    if (phase === 'baseline') {
      this.baseline.push({ face: light.face, surround: light.surround, shape: light.shape });
      if (this.baseline.length >= this.o.baselineFrames) this.showNext(now);
      return this.current;
    }
    this.samples.push({ at: arrivedAt, face: light.face, surround: light.surround, shape: light.shape });
    this.framesSinceChange++;
    const index = this.changes.length - 1;
    const since = now - this.changes[index]!;
    if (index < this.o.colours) {
      if (since >= this.stepMs[index]! && this.framesSinceChange >= this.o.stepMinFrames) this.showNext(now);
    } else {
      // Every colour already seen on the face: no need to wait out the longest delay.
      const lit = this.explained();
      if (lit) return this.passOrFlat(lit);
      if (since >= this.o.tailMs && this.framesSinceChange >= this.o.tailMinFrames) return this.decide();
    }
    return this.current;
  }

  private showNext(now: number): void {
    this.changes.push(now);
    this.framesSinceChange = 0;
    const shown = Math.min(this.changes.length, this.o.colours);
    this.current = { ...this.current, phase: 'flashing', colour: this.sequence[this.changes.length - 1] ?? null, shown };
  }

  /** Which colour lit the face at `at` (an index of the sequence; -1: the screen's own light), or null when a change is too near. */
  private litBy(at: number): number | null {
    for (const change of this.changes) if (Math.abs(at - change) < this.o.guardMs) return null;
    let index = -1;
    for (let i = 0; i < this.changes.length; i++) if (this.changes[i]! <= at) index = i;
    return index >= this.o.colours ? -1 : index;
  }

  /**
   * Whether the frames follow the sequence if the camera's delay is `lag`: every colour seen, at
   * most `maxDisagreeing` frames against it. Null when they do not; else the frames lit by a
   * colour, each with its colour.
   */
  private judge(lag: number, base: Light): LitFrame[] | null {
    const lit: LitFrame[] = [];
    const good = new Array<number>(this.o.colours).fill(0);
    const judged = new Array<number>(this.o.colours).fill(0);
    let disagreeing = 0;
    for (const sample of this.samples) {
      const index = this.litBy(sample.at - lag);
      if (index === null) continue;
      const { shift, usable } = shiftOf(sample, base);
      const size = norm(shift);
      if (index < 0) {
        // The screen's own light: the face must be back to its colour.
        if (size >= this.o.minShift) disagreeing++;
        continue;
      }
      const colour = this.sequence[index]!;
      const expected = LIGHT_COLOURS[colour].map((v, c) => (usable[c] ? v / 255 : 0));
      // Every channel this colour raises is clipped on this face (red on a bright nose): the frame cannot tell.
      if (norm(expected) === 0) continue;
      judged[index]!++;
      const cosine = (shift[0] * expected[0]! + shift[1] * expected[1]! + shift[2] * expected[2]!) / (size * norm(expected) || 1);
      if (size >= this.o.minShift && cosine >= this.o.minAgreement) {
        good[index]!++;
        lit.push({ sample, colour });
      } else disagreeing++;
    }
    // Every colour seen on the face, but one whose frames could not tell.
    const unseen = good.filter((n, i) => n === 0 && judged[i]! > 0).length;
    const blind = judged.filter((n) => n === 0).length;
    return disagreeing <= this.o.maxDisagreeing && unseen === 0 && blind <= 1 ? lit : null;
  }

  private baselineLight(): Light {
    return baselineOf(this.baseline);
  }

  /** The frames lit by the colours under the first delay that explains every frame so far, or null. */
  private explained(): LitFrame[] | null {
    const base = this.baselineLight();
    for (let lag = 0; lag <= this.o.maxLagMs; lag += this.o.lagStepMs) {
      const lit = this.judge(lag, base);
      if (lit) return lit;
    }
    return null;
  }

  /** The colours were followed: the face must also have a face's shape under them. */
  private passOrFlat(lit: LitFrame[]): ScreenLightState {
    const ratio = sideRatio(lit, this.baselineLight());
    return this.end(ratio !== null && ratio <= this.o.maxSideRatio ? null : 'flat');
  }

  private decide(): ScreenLightState {
    const explained = this.explained();
    if (explained) return this.passOrFlat(explained);
    const base = this.baselineLight();
    // Lit: a quarter of the frames changed colour (a live face's flash frames are most of them).
    const lit = this.samples.filter((s) => norm(shiftOf(s, base).shift) >= this.o.minShift).length >= this.samples.length / 4;
    return this.end(lit ? 'wrong-colour' : 'not-lit');
  }

  private end(failure: ScreenLightFailure | null): ScreenLightState {
    this.samples.length = 0;
    this.baseline.length = 0;
    this.current = failure
      ? { ...this.current, phase: 'failed', colour: null, failure, prompt: LIGHT_PROMPTS.failed }
      : { ...this.current, phase: 'passed', colour: null, shown: this.o.colours, prompt: LIGHT_PROMPTS.passed };
    return this.current;
  }
}
