import { describe, expect, it } from 'vitest';
import type { Point } from '../../main/face/engine/protocol';
import { eyeContrast, eyeMeasures } from '../../main/face/image/eye-appearance';
import type { RawImage } from '../../main/face/image/raw-image';
import { MEAN_FACE, movePicture } from './landmark-motion';

const SKIN = [200, 160, 140] as const;

/** A flat skin-coloured frame with the mean face's landmarks centred on it. */
function skinFrame(width = 320, height = 320): { image: RawImage; landmarks: Point[] } {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...SKIN, 255], i * 4);
  const xs = MEAN_FACE.map((p) => p[0]);
  const ys = MEAN_FACE.map((p) => p[1]);
  const dx = width / 2 - (Math.min(...xs) + Math.max(...xs)) / 2;
  const dy = height / 2 - (Math.min(...ys) + Math.max(...ys)) / 2;
  const landmarks = movePicture(MEAN_FACE, { rollDeg: 0, scale: 1, dx, dy, squeeze: 1 });
  return { image: { width, height, data }, landmarks };
}

/** Paints an open eye inside each eye outline: white, with a dark iris disc in the middle. */
function paintOpenEyes(image: RawImage, l: Point[]): void {
  for (const from of [36, 42]) {
    const pts = l.slice(from, from + 6);
    const cx = pts.reduce((s, p) => s + p[0], 0) / 6;
    const cy = pts.reduce((s, p) => s + p[1], 0) / 6;
    const w = Math.abs(pts[3]![0] - pts[0]![0]);
    for (let y = Math.floor(cy - w / 2); y <= cy + w / 2; y++) {
      for (let x = Math.floor(pts[0]![0]); x <= pts[3]![0]; x++) {
        const iris = Math.hypot(x - cx, y - cy) < w * 0.22;
        image.data.set(iris ? [40, 30, 25] : [235, 235, 230], (y * image.width + x) * 4);
      }
    }
  }
}

describe('eye contrast (blink by appearance)', () => {
  it('is high for an open eye (white and iris) and low for a closed lid (skin)', () => {
    const closed = skinFrame();
    const open = skinFrame();
    paintOpenEyes(open.image, open.landmarks);
    const openContrast = eyeContrast(open.image, open.landmarks)!;
    const closedContrast = eyeContrast(closed.image, closed.landmarks)!;
    expect(openContrast).toBeGreaterThan(0.5);
    expect(closedContrast).toBeLessThan(0.05);
  });

  it('does not depend on the overall light: the spread is divided by the cheek’s luma', () => {
    const open = skinFrame();
    paintOpenEyes(open.image, open.landmarks);
    const dim = { ...open.image, data: open.image.data.map((v, i) => (i % 4 === 3 ? v : Math.round(v * 0.5))) };
    expect(eyeContrast(dim, open.landmarks)!).toBeCloseTo(eyeContrast(open.image, open.landmarks)!, 1);
  });

  it('sees the eye lighter towards the cheek when a lid (skin) covers it, not when a dark strip does', () => {
    const open = skinFrame();
    paintOpenEyes(open.image, open.landmarks);
    const closed = skinFrame();
    const strip = skinFrame();
    paintOpenEyes(strip.image, strip.landmarks);
    for (const from of [36, 42]) {
      const pts = strip.landmarks.slice(from, from + 6);
      for (let y = Math.floor(Math.min(...pts.map((p) => p[1]))) - 2; y <= Math.max(...pts.map((p) => p[1])) + 2; y++) {
        for (let x = Math.floor(pts[0]![0]) - 2; x <= pts[3]![0] + 2; x++) strip.image.data.set([50, 45, 45], (y * strip.image.width + x) * 4);
      }
    }
    const o = eyeMeasures(open.image, open.landmarks)!;
    const c = eyeMeasures(closed.image, closed.landmarks)!;
    const d = eyeMeasures(strip.image, strip.landmarks)!;
    const skinLuma = 0.299 * SKIN[0] + 0.587 * SKIN[1] + 0.114 * SKIN[2];
    expect(o.level).toBeLessThan(0.9);
    expect(c.level).toBeCloseTo(1, 2);
    expect(d.level).toBeLessThan(0.35);
    expect(d.contrast).toBeLessThan(0.05);
    // The cheek, the reference, is the same skin in all three.
    for (const m of [o, c, d]) expect(m.cheekLuma).toBeCloseTo(skinLuma, 0);
  });

  it('says it cannot measure rather than guess: eyes off the frame, too small, or not 68 points', () => {
    const { image, landmarks } = skinFrame();
    expect(eyeContrast(image, landmarks.slice(0, 60))).toBeNull();
    expect(
      eyeContrast(
        image,
        landmarks.map(([x, y]) => [x - 200, y] as const),
      ),
    ).toBeNull();
    expect(eyeContrast(image, movePicture(landmarks, { rollDeg: 0, scale: 0.05, dx: 0, dy: 0, squeeze: 1 }))).toBeNull();
  });
});
