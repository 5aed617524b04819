// The screen-light check's colours and what one frame shows of them: the light's change on a
// patch against the baseline beyond the hall's, the channels that can tell, the face's shape.
import type { Rgb } from './image/light-patches';

/** The colours the screen lights the face with (full screen, around the camera picture). */
export type LightColour = 'red' | 'green' | 'blue' | 'yellow' | 'cyan' | 'magenta';

export const LIGHT_COLOURS: Readonly<Record<LightColour, Rgb>> = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  cyan: [0, 255, 255],
  magenta: [255, 0, 255],
};

/** Colours per check at most (ScreenLightCheck: photosensitive citizens). */
export const MAX_COLOURS = 5;

/** A patch whose mean is this close to full scale has clipped pixels in it (a bright nose under red light). */
export const CLIPPED = 235;

export interface Light {
  face: Rgb;
  surround: Rgb;
  shape: { centre: Rgb; sides: Rgb } | null;
}

export interface Sample extends Light {
  at: number;
}

/** A frame the colour `colour` lit as expected. */
export interface LitFrame {
  sample: Sample;
  colour: LightColour;
}

/** Relative change of each channel against the baseline. */
function relative(now: Rgb, base: Rgb): [number, number, number] {
  return [now[0] / Math.max(8, base[0]) - 1, now[1] / Math.max(8, base[1]) - 1, now[2] / Math.max(8, base[2]) - 1];
}

export const norm = (v: readonly number[]) => Math.hypot(...v);

function meanOf(list: readonly Rgb[]): Rgb {
  const sum = list.reduce<[number, number, number]>((s, c) => [s[0] + c[0], s[1] + c[1], s[2] + c[2]], [0, 0, 0]);
  return [sum[0] / list.length, sum[1] / list.length, sum[2] / list.length];
}

/**
 * A patch's change of light in a frame against the baseline, beyond the hall's (an exposure or
 * white-balance change moves both alike), per channel, with the channels that can tell: those
 * clipped in the frame or the baseline under-report what they took (by default the face's patch).
 */
export function shiftOf(sample: Light, base: Light, patch: (l: Light) => Rgb = (l) => l.face): { shift: [number, number, number]; usable: boolean[] } {
  const now = patch(sample);
  const before = patch(base);
  const face = relative(now, before);
  const hall = relative(sample.surround, base.surround);
  const usable = [0, 1, 2].map((c) => now[c]! < CLIPPED && before[c]! < CLIPPED);
  return { shift: [0, 1, 2].map((c) => (usable[c] ? face[c]! - hall[c]! : 0)) as [number, number, number], usable };
}

/**
 * The outer cheeks' share of the nose bridge's gain in light, over the frames lit: in each
 * channel the colour raises and neither patch clipped (a clipped channel under-reports what it
 * took), the relative rise beyond the hall's. Null when no frame had such a channel.
 */
export function sideRatio(lit: LitFrame[], base: Light): number | null {
  if (!base.shape) return null;
  const hall = (sample: Sample, c: number) => sample.surround[c]! / Math.max(8, base.surround[c]!) - 1;
  let centre = 0;
  let sides = 0;
  for (const { sample, colour } of lit) {
    if (!sample.shape) continue;
    for (let c = 0; c < 3; c++) {
      if (LIGHT_COLOURS[colour][c] === 0 || sample.shape.centre[c]! >= CLIPPED || sample.shape.sides[c]! >= CLIPPED) continue;
      centre += sample.shape.centre[c]! / Math.max(8, base.shape.centre[c]!) - 1 - hall(sample, c);
      sides += sample.shape.sides[c]! / Math.max(8, base.shape.sides[c]!) - 1 - hall(sample, c);
    }
  }
  return centre > 0 ? sides / centre : null;
}

/** The baseline: the mean light of the frames before the colours. */
export function baselineOf(frames: readonly Light[]): Light {
  const shapes = frames.map((b) => b.shape);
  return {
    face: meanOf(frames.map((b) => b.face)),
    surround: meanOf(frames.map((b) => b.surround)),
    shape: shapes.every((s) => s !== null) ? { centre: meanOf(shapes.map((s) => s!.centre)), sides: meanOf(shapes.map((s) => s!.sides)) } : null,
  };
}
