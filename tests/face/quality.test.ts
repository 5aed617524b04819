import { describe, expect, it } from 'vitest';
import { assessQuality, DEFAULT_QUALITY } from '../../main/face/quality';
import { QUALITY_MESSAGES } from '../../main/face/messages';
import { LANGUAGES } from '../../common/i18n/languages';
import type { FaceObservation, Point } from '../../main/face/engine/protocol';
import { MEAN_FACE, movePicture, turnHead } from './landmark-motion';

const FRAME = { width: 640, height: 480 };

/** A face observation built from landmarks: box around the jaw and brows, a given light and sharpness. */
function observation(landmarks: Point[], extra: Partial<FaceObservation> = {}): FaceObservation {
  const xs = landmarks.map((p) => p[0]);
  const ys = landmarks.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y },
    score: 0.99,
    landmarks,
    descriptor: null,
    brightness: 130,
    sharpness: 900,
    eyeContrast: 0.7,
    eyeLevel: 0.3,
    light: { face: [180, 140, 120], surround: [90, 95, 100], shape: null },
    cheekLuma: 120,
    ...extra,
  };
}

/** The mean face placed at the centre of a 640x480 frame, `width` pixels wide. */
function centredFace(width = 200, dx = 0, dy = 0): Point[] {
  const scale = width / 136;
  const moved = movePicture(MEAN_FACE, { rollDeg: 0, scale, dx: 0, dy: 0, squeeze: 1 });
  const cx = moved.reduce((s, p) => s + p[0], 0) / 68;
  const cy = moved.reduce((s, p) => s + p[1], 0) / 68;
  return moved.map(([x, y]) => [x - cx + 320 + dx, y - cy + 240 + dy] as const);
}

describe('quality gates', () => {
  it('accepts a frontal, centred, lit, sharp face of a good size', () => {
    const verdict = assessQuality({ ...FRAME, faces: [observation(centredFace())] });
    expect(verdict).toMatchObject({ ok: true, reason: null, message: null });
    expect(Math.abs(verdict.geometry!.yaw)).toBeLessThan(0.05);
  });

  it.each([
    ['no-face', []],
    ['multiple-faces', [observation(centredFace(150, -150)), observation(centredFace(150, 150))]],
    ['too-far', [observation(centredFace(60))]],
    ['too-close', [observation(centredFace(460))]],
    ['not-centred', [observation(centredFace(160, 230, 0))]],
    ['not-frontal', [observation(turnHead(centredFace(), 30))]],
    ['not-frontal', [observation(movePicture(centredFace(), { rollDeg: 25, scale: 1, dx: 0, dy: 0, squeeze: 1 }))]],
    ['too-dark', [observation(centredFace(), { brightness: 30 })]],
    ['too-bright', [observation(centredFace(), { brightness: 240 })]],
    ['blurry', [observation(centredFace(), { sharpness: 10 })]],
  ] as const)('refuses with %s', (reason, faces) => {
    const verdict = assessQuality({ ...FRAME, faces: [...faces] });
    expect(verdict.ok).toBe(false);
    expect(verdict.reason).toBe(reason);
    for (const lang of LANGUAGES) expect(verdict.message![lang].length).toBeGreaterThan(0);
  });

  it('tells the citizen to come closer or look straight in each language', () => {
    expect(QUALITY_MESSAGES['too-far']['zh-CN']).toBe('请靠近一点');
    expect(QUALITY_MESSAGES['not-frontal']['zh-CN']).toBe('请正对摄像头');
    expect(QUALITY_MESSAGES['too-far']['zh-HK']).toBe('請靠近一點');
    expect(QUALITY_MESSAGES['too-far'].en).toMatch(/closer/);
  });

  it('takes its thresholds from the caller', () => {
    const faces = [observation(centredFace(100))];
    expect(assessQuality({ ...FRAME, faces }).ok).toBe(true);
    expect(assessQuality({ ...FRAME, faces }, { ...DEFAULT_QUALITY, minFaceFraction: 0.3 }).reason).toBe('too-far');
  });
});
