// How the kiosk screen's light falls on the citizen, for the camera emulators and the simulated
// frames of the screen-light check's tests: a face ~40 cm from a bright screen takes a tenth of
// the screen's colour on top of the hall's light; the hall a few metres behind takes a hundredth.
// (A 32-inch screen at full white gives ~100-200 lx at 40 cm; a hall is lit at 300-500 lx.)
import type { Rgb } from '../../main/face/image/light-patches';
import type { Point } from '../../main/face/engine/protocol';
import type { RawImage } from '../../main/face/image/raw-image';
import { LIGHT_COLOURS, type LightColour } from '../../main/face/screen-light';

export const ALL_LIGHT_COLOURS = Object.keys(LIGHT_COLOURS) as LightColour[];

/** Where the face is in a frame, from its 68 landmarks: an ellipse over jaw and brows, raised by a quarter for the forehead. */
export interface FaceEllipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export function faceEllipse(landmarks: readonly Point[]): FaceEllipse {
  const xs = landmarks.map((p) => p[0]);
  const ys = landmarks.map((p) => p[1]);
  const [left, right, bottom] = [Math.min(...xs), Math.max(...xs), Math.max(...ys)];
  const top = Math.min(...ys) - 0.25 * (bottom - Math.min(...ys));
  return { cx: (left + right) / 2, cy: (top + bottom) / 2, rx: ((right - left) / 2) * 1.05, ry: (bottom - top) / 2 };
}

/** Share of the screen's colour the face takes, per channel (0..1 of the channel's own level). */
export const FACE_LIGHT_GAIN = 0.1;
/** Share the hall behind the citizen takes. */
export const HALL_LIGHT_GAIN = 0.01;

/** A colour as lit by the screen: each channel raised by `gain` × the screen's channel. */
export function litColour(colour: Rgb, screen: LightColour | null, gain: number): Rgb {
  if (!screen) return colour;
  const s = LIGHT_COLOURS[screen];
  return [colour[0] * (1 + (gain * s[0]) / 255), colour[1] * (1 + (gain * s[1]) / 255), colour[2] * (1 + (gain * s[2]) / 255)];
}

/**
 * A camera frame lit by the screen. The face is an ellipsoid seen from the front (`face`: its
 * outline in pixels, from the photo's landmarks): each point takes the face's gain times the
 * cosine between its surface and the screen (Lambert), so the nose bridge takes nearly all of it
 * and the outer cheeks about 0.7; the hall takes its own gain everywhere. A `flat print` (a photo
 * cut to the face's outline, held where the face would be) takes the face's gain all over. A new image.
 */
export function litFrame(image: RawImage, face: FaceEllipse, screen: LightColour | null, surface: 'face' | 'flat print' = 'face'): RawImage {
  const out = new Uint8Array(image.data);
  if (!screen) return { width: image.width, height: image.height, data: out };
  const s = LIGHT_COLOURS[screen].map((v) => v / 255);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const d2 = ((x - face.cx) / face.rx) ** 2 + ((y - face.cy) / face.ry) ** 2;
      const facing = d2 < 1 ? (surface === 'flat print' ? 1 : Math.sqrt(1 - d2)) : 0;
      const gain = HALL_LIGHT_GAIN + facing * (FACE_LIGHT_GAIN - HALL_LIGHT_GAIN);
      const i = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = Math.min(255, Math.round(image.data[i + c]! * (1 + gain * s[c]!)));
    }
  }
  return { width: image.width, height: image.height, data: out };
}

/** The share of the face's gain a point takes at `d` (0 the centre .. 1 the outline) of an ellipsoid face: Lambert's cosine. */
export function facingAt(d: number): number {
  return d < 1 ? Math.sqrt(1 - d * d) : 0;
}
